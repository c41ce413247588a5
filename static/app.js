/* 村里: the little the pages need beyond htmx. Everything works without it. */
(function () {
  "use strict";
  var PAGES = "pages";

  // Offline reading: register the service worker at root scope.
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }

  // Saved pages belong to the person who saw them: forget them all when the person changes
  // (logout, another login), even if the service worker missed the moment.
  function checkOwner() {
    var marker = document.getElementById("who");
    if (!marker || !window.caches) return;
    var now = marker.getAttribute("data-user") || "";
    var before = localStorage.getItem("cunli-user");
    if (before !== null && before !== now) {
      caches.delete(PAGES);
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage("forget-pages");
      }
    }
    localStorage.setItem("cunli-user", now);
  }

  function showOffline(on) {
    var note = document.querySelector(".offline-notice");
    if (note) note.hidden = !on;
  }

  // The install button appears only where the browser offers installation.
  var installPrompt = null;
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    installPrompt = event;
    var button = document.querySelector(".install");
    if (button) button.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".install");
    if (!button || !installPrompt) return;
    installPrompt.prompt();
    installPrompt.userChoice.finally(function () { installPrompt = null; button.hidden = true; });
  });

  window.addEventListener("offline", function () { showOffline(true); });
  window.addEventListener("online", function () { showOffline(false); });
  document.addEventListener("DOMContentLoaded", function () {
    checkOwner();
    if (!navigator.onLine) showOffline(true);
  });
  document.addEventListener("htmx:afterSettle", checkOwner);
  // A boosted click with no network and no saved copy: say so instead of doing nothing.
  document.addEventListener("htmx:sendError", function () { showOffline(true); });
})();
