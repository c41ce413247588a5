/* 村里 ballot page: a trace-free vote (webapp/deliberation/ballot_views.py). The phone makes a
   random token, has the server sign it blind (RFC 9474, static/vendor/blindrsa-ts), keeps the
   paper in this phone only, and casts it later in a request that carries no cookie. */
(function () {
  "use strict";
  var page = document.querySelector("[data-ballot]");
  if (!page) return;
  var say = page.querySelector(".ballot-state");
  var key = "cunli-ballot-" + page.getAttribute("data-vote");
  var b64 = function (bytes) { return btoa(String.fromCharCode.apply(null, bytes)); };
  var unb64 = function (text) { return Uint8Array.from(atob(text), function (c) { return c.charCodeAt(0); }); };
  var kept = function () { try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; } };
  var keep = function (paper) { localStorage.setItem(key, JSON.stringify(paper)); };
  var show = function (text) { say.textContent = text; };

  var box = page.querySelector(".ballot-box");
  var mine = kept();
  if (box) {  // after the close: is my receipt in the published box?
    if (mine && mine.receipt) {
      var found = box.querySelector('[data-receipt="' + mine.receipt + '"]');
      if (found) found.classList.add("mine");
      show(found ? "你的选票在票箱里，回执 " + mine.receipt.slice(0, 12) + "…" : "票箱里没有找到你的回执，请告诉村务监督委员会。");
    }
    return;
  }
  if (!window.crypto || !crypto.subtle || !window.CunliBlindRSA || !window.fetch) {
    show("这部手机的浏览器不能无痕投票。请换一部手机，或到村委会领纸质选票。");
    return;
  }
  var takeButton = page.querySelector(".take-paper");
  var castForm = page.querySelector("form.cast");
  var preview = page.querySelector(".options-preview");
  var showPaper = function () {
    var paper = kept();
    if (takeButton) takeButton.hidden = !!paper || !takeButton.hasAttribute("data-may");
    castForm.hidden = !paper || !!paper.receipt;
    if (preview) preview.hidden = !castForm.hidden;  // the choices in the form list them again
    if (!paper && takeButton && takeButton.hasAttribute("data-may")) show("先点“领取选票”：选票只存在这部手机里，谁也看不到你投了什么。");
    else if (paper && paper.receipt) show("已投出。你的回执：" + paper.receipt + "（截止后可在票箱里找到它）");
    else if (paper) show("已领到选票，只存在这部手机里。选好后点“投出”。");
  };
  var csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  if (takeButton) takeButton.addEventListener("click", function () {
    takeButton.disabled = true;
    show("正在领取选票…");
    var suite = window.CunliBlindRSA, der = unb64(page.getAttribute("data-public-key"));
    crypto.subtle.importKey("spki", der, { name: "RSA-PSS", hash: "SHA-384" }, true, ["verify"]).then(function (publicKey) {
      var prepared = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
      return suite.blind(publicKey, prepared).then(function (blinded) {
        var body = new FormData();
        body.append("blinded", b64(blinded.blindedMsg));
        return fetch(page.getAttribute("data-paper-url"), { method: "POST", body: body, credentials: "same-origin",
                                                            headers: { "X-CSRFToken": csrf } })
          .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error); return j; }); })
          .then(function (answer) { return suite.finalize(publicKey, prepared, unb64(answer.signature), blinded.inv); })
          .then(function (signature) { keep({ token: b64(prepared), signature: b64(signature) }); showPaper(); });
      });
    }).catch(function (error) { show(error.message || "没有领到选票，请稍后再试。"); takeButton.disabled = false; });
  });
  castForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var paper = kept(), body = new FormData(castForm);
    if (!paper || !body.getAll("choice").length) { show("请先选好。"); return; }
    body.append("token", paper.token);
    body.append("signature", paper.signature);
    show("正在投出…");
    // A random moment first, so the time of casting does not follow the time of taking the paper.
    setTimeout(function () {
      fetch(castForm.action, { method: "POST", body: body, credentials: "omit" })
        .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error); return j; }); })
        .then(function (answer) { paper.receipt = answer.receipt; keep(paper); showPaper(); })
        .catch(function (error) { show(error.message || "没有投出，请稍后再试。"); });
    }, Math.floor(Math.random() * Number(page.getAttribute("data-wait-ms") || 3000)));
  });
  showPaper();
})();
