// Filter the batch index: all records, errors only, or records with warnings; plus free text.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("#records tbody tr"));
  var find = document.getElementById("find");
  var shown = document.getElementById("shown");

  function apply() {
    var mode = document.querySelector("input[name=show]:checked").value;
    var needle = find.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var ok = mode === "all" ||
        (mode === "errors" && row.getAttribute("data-status") !== "ok") ||
        (mode === "warnings" && Number(row.getAttribute("data-warnings")) > 0);
      if (ok && needle) { ok = row.textContent.toLowerCase().indexOf(needle) >= 0; }
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = "showing " + count + " of " + rows.length;
  }

  document.getElementById("filters").hidden = false;
  document.querySelectorAll("input[name=show]").forEach(function (r) {
    r.addEventListener("change", apply);
  });
  ["input", "change", "search"].forEach(function (name) { find.addEventListener(name, apply); });
  apply();
})();
