/* 村里: the little the pages need beyond htmx. Everything works without it. */
(function () {
  "use strict";
  var PAGES = "pages";

  // Offline reading: register the service worker at root scope, once the page has painted,
  // loaded and the phone is idle, so that its install never competes with the first view on a
  // thin link. Its update checks read sw.js through the HTTP cache (it says how long it keeps).
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      var register = function () {
        navigator.serviceWorker.register("/sw.js", { scope: "/", updateViaCache: "all" }).catch(function () {});
      };
      if (window.requestIdleCallback) requestIdleCallback(register, { timeout: 5000 });
      else setTimeout(register, 1000);
    });
  }

  // A page carries inline only the rules it uses (webapp/shell/page_style.py). The whole
  // stylesheet, linked once the page has loaded, styles what comes later: htmx fragments,
  // classes set here, the next page of a boosted navigation (htmx keeps the first <head>).
  function linkWholeStylesheet() {
    var href = document.body.getAttribute("data-stylesheet");
    if (!href || document.querySelector('link[rel="stylesheet"]')) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.appendChild(link);
  }
  if (document.readyState === "complete") linkWholeStylesheet();
  else window.addEventListener("load", linkWholeStylesheet);

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

  // ---- the outbox: reports written without signal wait here (IndexedDB) and are sent, each
  // once, when the signal returns. Each carries an id made on the phone (client_ref), so the
  // server never makes two cases of one report however often it is sent.
  var STORE = "outbox";
  function db() {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open("cunli", 1);
      open.onupgradeneeded = function () { open.result.createObjectStore(STORE, { keyPath: "ref" }); };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }
  function tx(mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction(STORE, mode), result = work(t.objectStore(STORE));
        t.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        t.onerror = function () { reject(t.error); };
      });
    });
  }
  function newRef() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  }
  function post(url, data) {
    return fetch(url, { method: "POST", body: data, credentials: "same-origin", headers: { "X-Outbox": "1" } });
  }
  function keep(url, data, summary) {
    var entries = [];
    data.forEach(function (value, name) { entries.push([name, value, value && value.name ? value.name : null]); });
    return tx("readwrite", function (s) {
      return s.put({ ref: data.get("client_ref"), url: url, entries: entries, summary: summary.slice(0, 40), at: Date.now() });
    }).then(showPending);
  }
  function submit(url, data, summary) {
    return post(url, data).then(function (r) {
      if (r.ok) return { url: r.url };
      if (r.status >= 500) return keep(url, data, summary).then(function () { return { queued: true }; });
      return r.text().then(function (html) { return { html: html }; });
    }, function () {
      return keep(url, data, summary).then(function () { return { queued: true }; });
    });
  }
  var flushing = false;
  function flush() {
    if (!window.indexedDB) return Promise.resolve();
    if (flushing || !navigator.onLine) return showPending();
    flushing = true;
    return tx("readonly", function (s) { return s.getAll(); }).then(function (items) {
      return items.reduce(function (chain, item) {
        return chain.then(function () {
          if (item.failed) return null;
          var data = new FormData();
          item.entries.forEach(function (e) { if (e[2]) data.append(e[0], e[1], e[2]); else data.append(e[0], e[1]); });
          return post(item.url, data).then(function (r) {
            if (r.ok) return tx("readwrite", function (s) { s.delete(item.ref); });
            if (r.status < 500) { item.failed = r.status; return tx("readwrite", function (s) { s.put(item); }); }
          }, function () {});
        });
      }, Promise.resolve());
    }).catch(function () {}).then(function () { flushing = false; return showPending(); });
  }
  function showPending() {
    var box = document.getElementById("pending-reports");
    if (!box || !window.indexedDB) return Promise.resolve();
    return tx("readonly", function (s) { return s.getAll(); }).then(function (items) {
      var list = box.querySelector("ul");
      list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.textContent = (item.failed ? "发送失败，请重新填写：" : "待发送：") + item.summary;
        li.className = item.failed ? "error" : "pending";
        list.appendChild(li);
      });
      box.hidden = items.length === 0;
    }).catch(function () {});
  }
  window.cunliOutbox = { submit: submit, flush: flush, newRef: newRef };

  // The service worker says when the pages asked for are stored (tests wait on this too).
  if (navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "kept-for-offline") {
        document.documentElement.setAttribute("data-kept-offline", String(event.data.urls.length));
      }
    });
  }

  // Pages the home page wants readable offline: handed to the service worker to keep.
  function keepForOffline() {
    var list = document.getElementById("keep-offline");
    if (!list || !navigator.serviceWorker || !navigator.onLine) return;
    var pages = Array.prototype.map.call(list.querySelectorAll("a"), function (a) {
      return { url: a.getAttribute("href"), v: a.getAttribute("data-v") || "" };
    });
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.active) reg.active.postMessage({ type: "keep-for-offline", pages: pages });
    });
  }

  // The shopkeeper's counter: scan the villager's QR with the camera where the browser can
  // (BarcodeDetector); typing the code always works.
  function setUpScanner() {
    var button = document.querySelector("[data-scan]");
    if (!button || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
    button.hidden = false;
    button.onclick = function () {
      var form = button.form, video = form.querySelector("video.scanner");
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream; video.hidden = false; video.play();
        var timer = setInterval(function () {
          detector.detect(video).then(function (codes) {
            if (!codes.length) return;
            clearInterval(timer);
            stream.getTracks().forEach(function (t) { t.stop(); });
            form.querySelector("input[name=code]").value = codes[0].rawValue;
            form.requestSubmit ? form.requestSubmit() : form.submit();
          }).catch(function () {});
        }, 300);
      }).catch(function () { button.hidden = true; });
    };
  }

  window.addEventListener("offline", function () { showOffline(true); });
  window.addEventListener("online", function () { showOffline(false); flush(); });
  document.addEventListener("DOMContentLoaded", function () {
    checkOwner();
    if (!navigator.onLine) showOffline(true);
    flush();
    keepForOffline();
    setUpScanner();
  });
  document.addEventListener("htmx:afterSettle", function () { checkOwner(); showPending(); keepForOffline(); setUpScanner(); });
  setInterval(flush, 60000);
  // A boosted click with no network and no saved copy: say so instead of doing nothing.
  document.addEventListener("htmx:sendError", function () { showOffline(true); });
})();
