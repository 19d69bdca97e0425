// One actor's timeline at a time: the one the URL fragment names (#actor-S1, or an event's id
// such as #S1-E3), else the first. Filters hide events outside a date range or not reported by
// one article. No data is embedded: everything is read from data-* attributes the server wrote.
(function () {
  "use strict";
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.actor-page"));
  var links = Array.prototype.slice.call(document.querySelectorAll("#actors a[data-actor]"));
  var from = document.getElementById("from");
  var to = document.getElementById("to");
  var hideUndated = document.getElementById("hide-undated");
  var article = document.getElementById("article");
  var shown = document.getElementById("shown");
  var DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  var current = null;

  // A bound as typed, or "" (no bound) when empty or not a date, which is marked invalid.
  function bound(input) {
    var value = input.value.trim();
    var ok = value === "" || DATE.test(value);
    input.setAttribute("aria-invalid", ok ? "false" : "true");
    return ok ? value : "";
  }

  // Dates of different precision compare on their common prefix: 2008-03 is within a range
  // from 2008-03-15, and 2008 within one to 2008-06.
  function within(date, lo, hi) {
    var n = Math.min(date.length, lo.length);
    if (lo && date.slice(0, n) < lo.slice(0, n)) { return false; }
    n = Math.min(date.length, hi.length);
    return !(hi && date.slice(0, n) > hi.slice(0, n));
  }

  function apply() {
    var lo = bound(from), hi = bound(to), pick = article.value, count = 0, total = 0;
    document.querySelectorAll("li.story-event").forEach(function (ev) {
      var date = ev.getAttribute("data-date") || "";
      var ok = date ? within(date, lo, hi) : !hideUndated.checked;
      var cited = false;
      ev.querySelectorAll("[data-article]").forEach(function (c) {
        var match = pick !== "" && c.getAttribute("data-article") === pick;
        c.classList.toggle("match", match);
        if (match) { cited = true; }
      });
      ev.hidden = !(ok && (pick === "" || cited));
      if (current && current.contains(ev)) {
        total += 1;
        if (!ev.hidden) { count += 1; }
      }
    });
    shown.textContent = "showing " + count + " of " + total + " events";
  }

  function show(section) {
    var actor = section.getAttribute("data-actor");
    current = section;
    sections.forEach(function (s) { s.hidden = s !== section; });
    links.forEach(function (a) {
      if (a.getAttribute("data-actor") === actor) { a.setAttribute("aria-current", "page"); }
      else { a.removeAttribute("aria-current"); }
    });
    apply();
  }

  function route() {
    var id = "", target = null, section = null;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (err) { id = ""; }
    if (id) { target = document.getElementById(id); }
    if (target) { section = target.closest("section.actor-page"); }
    if (!section) { section = sections[0]; target = null; }
    if (!section) { return; }
    show(section);
    if (target && target !== section) { target.scrollIntoView({ block: "center" }); }
    else { window.scrollTo(0, 0); }
  }

  document.getElementById("filters").hidden = false;
  [from, to].forEach(function (input) {
    ["input", "change"].forEach(function (name) { input.addEventListener(name, apply); });
  });
  hideUndated.addEventListener("change", apply);
  article.addEventListener("change", apply);
  window.addEventListener("hashchange", route);
  route();
})();
