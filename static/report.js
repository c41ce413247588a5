/* 村里 report form: shrink photos before upload (the voice note is recorded by recorder.js
   into the form's own file input), use the phone's location, and hand the finished report to the outbox (app.js), which sends it now
   or, without signal, keeps it on the phone and sends it later. Without this script the form
   still posts as a plain multipart form. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-outbox]");
  if (!form || form.dataset.enhanced) return;
  form.dataset.enhanced = "1";
  var state = form.querySelector(".send-state");
  var MAX_SIDE = 1280;

  function say(text) { if (state) state.textContent = text; }

  // ---- location
  var where = form.querySelector(".use-location");
  if (where && navigator.geolocation) {
    where.hidden = false;
    where.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (p) {
        form.elements.location.value = p.coords.latitude.toFixed(5) + "," + p.coords.longitude.toFixed(5);
      }, function () {}, { timeout: 10000 });
    });
  }

  // ---- photos shrunk in the phone: a 4 MB camera picture becomes ~200 KB
  function shrink(file) {
    if (!file.type || file.type.indexOf("image/") !== 0 || !window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) { resolve(blob && blob.size < file.size ? blob : file); }, "image/jpeg", 0.8);
      });
    }).catch(function () { return file; });
  }

  form.addEventListener("submit", function (event) {
    if (!window.cunliOutbox) return;  // plain form post
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    say(form.dataset.sending || "正在提交…");
    var data = new FormData(form);
    var photos = form.elements.photos ? Array.prototype.slice.call(form.elements.photos.files) : [];
    data.delete("photos");
    Promise.all(photos.map(shrink)).then(function (blobs) {
      blobs.forEach(function (blob, i) { data.append("photos", blob, (photos[i].name || "photo").replace(/\.\w+$/, "") + ".jpg"); });
      data.set("client_ref", window.cunliOutbox.newRef());
      return window.cunliOutbox.submit(form.action, data, String(data.get("text") || ""));
    }).then(function (result) {
      button.disabled = false;
      if (result.url) { window.location.assign(result.url); return; }
      if (result.queued) {
        form.reset();
        say("没有网络，已存在手机里，显示为“待发送”，有信号后会自动发送。");
        return;
      }
      if (result.html) {  // the server refused: show its page with the message beside the field
        var page = new DOMParser().parseFromString(result.html, "text/html");
        var main = page.querySelector("main");
        if (main) { document.querySelector("main").replaceWith(main); window.scrollTo(0, 0); }
        if (window.cunliRecorders) window.cunliRecorders();
        var script = document.createElement("script");
        script.src = document.currentScript ? document.currentScript.src : "/static/report.js";
        document.body.appendChild(script);
      }
    });
  });
})();
