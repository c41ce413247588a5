/* 村里: the case desk at PC width. From 1024 px a case opens in the pane beside the list (the
   case page's <main>, fetched by htmx), and what is done in the pane stays in the pane (its
   hx-target); the list keeps its filters and place. On a phone, or with a modifier key, the row
   is the plain link it always was. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 1024px)");
  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("a[data-pane]");
    var pane = document.getElementById("case-pane");
    if (!row || !pane || !wide.matches || !window.htmx || event.button || event.ctrlKey || event.metaKey ||
        event.shiftKey || event.altKey) return;
    event.preventDefault();
    event.stopPropagation(); // before htmx's boost on the link itself: no page change
    Array.prototype.forEach.call(document.querySelectorAll("a[data-pane][aria-current]"), function (a) {
      a.removeAttribute("aria-current");
    });
    row.setAttribute("aria-current", "true");
    pane.setAttribute("aria-busy", "true");
    htmx.ajax("GET", row.href, {target: pane, select: "#main > *", swap: "innerHTML"}).then(function () {
      pane.removeAttribute("aria-busy");
      pane.scrollTop = 0;
      var heading = pane.querySelector("h1");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus({preventScroll: true}); }
    });
  }, true);
})();
