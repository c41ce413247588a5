/* 村里 voice recorder for any form with a ".recorder" box: record in the page, listen, and the
   recording is put into the form's own voice file input, so the form posts it as a plain
   multipart form. Where the phone has no MediaRecorder, refuses the microphone, or cannot set
   a file input's files, the plain file input stays and nothing else changes. */
(function () {
  "use strict";
  var MAX_SECONDS = 60;

  function canSetFiles() {
    try { return typeof DataTransfer === "function" && !!new DataTransfer().items; } catch (e) { return false; }
  }

  function enhance(box) {
    if (box.dataset.enhanced) return;
    var holder = box.nextElementSibling;
    var input = holder && holder.querySelector("input[type=file]");
    if (!input || !window.MediaRecorder || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !canSetFiles()) return;
    box.dataset.enhanced = "1";
    var start = box.querySelector(".rec-start"), stop = box.querySelector(".rec-stop");
    var play = box.querySelector(".rec-play"), clear = box.querySelector(".rec-clear");
    var clock = box.querySelector(".rec-time"), recorder = null, timer = null, chunks = [];
    box.hidden = false;
    holder.hidden = true;

    function keep(blob) {
      var transfer = new DataTransfer();
      if (blob) {
        var ext = blob.type.indexOf("mp4") >= 0 ? "m4a" : "webm";
        transfer.items.add(new File([blob], "voice." + ext, { type: blob.type }));
      }
      input.files = transfer.files;
    }

    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        chunks = [];
        recorder = new MediaRecorder(stream, { audioBitsPerSecond: 24000 });
        recorder.ondataavailable = function (e) { if (e.data.size) chunks.push(e.data); };
        recorder.onstop = function () {
          stream.getTracks().forEach(function (t) { t.stop(); });
          var blob = new Blob(chunks, { type: recorder.mimeType || "audio/webm" });
          keep(blob);
          play.src = URL.createObjectURL(blob);
          play.hidden = clear.hidden = false;
          stop.hidden = start.hidden = true;
          clearInterval(timer);
        };
        recorder.start();
        var seconds = 0;
        clock.textContent = "0";
        timer = setInterval(function () {
          seconds += 1;
          clock.textContent = String(seconds);
          if (seconds >= MAX_SECONDS) recorder.stop();
        }, 1000);
        start.hidden = true;
        stop.hidden = false;
      }).catch(function () {
        box.hidden = true;
        holder.hidden = false;
      });
    });
    stop.addEventListener("click", function () { if (recorder && recorder.state === "recording") recorder.stop(); });
    clear.addEventListener("click", function () {
      keep(null);
      play.hidden = clear.hidden = true;
      start.hidden = false;
    });
  }

  function enhanceAll() { Array.prototype.forEach.call(document.querySelectorAll(".recorder"), enhance); }
  window.cunliRecorders = enhanceAll;  // for a script that puts a new form in the page
  enhanceAll();
  document.addEventListener("htmx:load", enhanceAll);
})();
