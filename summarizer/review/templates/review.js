// Click a position, event or quote: highlight its spans in the article and scroll to them.
// Click a highlight in the article: select the panel items that cite it. A URL fragment naming
// a panel item (#event-3, as the story timeline page links) selects it on load, as a click
// would. No data is embedded: everything is read from data-* attributes the server wrote.
(function () {
  "use strict";

  function keysOf(el, attr) {
    return (el.getAttribute(attr) || "").split(" ").filter(Boolean);
  }

  function intersects(a, b) {
    return a.some(function (k) { return b.indexOf(k) >= 0; });
  }

  function clear() {
    document.querySelectorAll("mark.active, .selected").forEach(function (el) {
      el.classList.remove("active", "selected");
    });
  }

  function select(item) {
    var keys = keysOf(item, "data-spans");
    var first = null;
    clear();
    item.classList.add("selected");
    document.querySelectorAll("#text mark[data-s]").forEach(function (mark) {
      if (intersects(keys, keysOf(mark, "data-s"))) {
        mark.classList.add("active");
        if (!first) { first = mark; }
      }
    });
    if (first) { first.scrollIntoView({ block: "center", inline: "nearest" }); }
  }

  function cite(mark) {
    var keys = keysOf(mark, "data-s");
    var first = null;
    clear();
    document.querySelectorAll("#text mark[data-s]").forEach(function (m) {
      if (intersects(keys, keysOf(m, "data-s"))) { m.classList.add("active"); }
    });
    document.querySelectorAll("#panel [data-spans]").forEach(function (item) {
      if (intersects(keys, keysOf(item, "data-spans"))) {
        item.classList.add("selected");
        if (!first) { first = item; }
      }
    });
    if (first) { first.scrollIntoView({ block: "center", inline: "nearest" }); }
  }

  document.addEventListener("click", function (ev) {
    var item = ev.target.closest("#panel [data-spans]");
    if (item) { ev.preventDefault(); select(item); return; }
    var mark = ev.target.closest("#text mark[data-s]");
    if (mark) { cite(mark); }
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") { return; }
    var item = ev.target.closest("#panel [data-spans]");
    if (item) { ev.preventDefault(); select(item); }
  });

  // After the browser's own jump to the fragment, so the highlight ends up in view even where
  // the panel and the article share one scroll (a narrow window).
  function fromFragment() {
    var id = "", item;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (err) { return; }
    item = id ? document.getElementById(id) : null;
    if (!item || !item.matches("#panel [data-spans]")) { return; }
    item.scrollIntoView({ block: "center", inline: "nearest" });
    select(item);
  }

  window.addEventListener("hashchange", fromFragment);
  if (document.readyState === "complete") { fromFragment(); }
  else { window.addEventListener("load", fromFragment); }
})();
