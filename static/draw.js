/* 村里: a witness's secret never leaves the phone. On submit, the phone hashes it (SHA-256) and
   sends only the hash; without WebCrypto (an old phone, a page not on HTTPS) the form goes as
   it is and the server hashes the secret without keeping it. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-commit]");
  if (!form || !window.crypto || !crypto.subtle || !window.TextEncoder) return;
  form.addEventListener("submit", function (event) {
    var secret = form.querySelector("[name=secret]");
    var hash = form.querySelector("[name=commitment]");
    if (hash.value || secret.value.length < Number(form.getAttribute("data-min"))) return;
    event.preventDefault();
    crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret.value)).then(function (digest) {
      hash.value = Array.prototype.map.call(new Uint8Array(digest), function (b) {
        return (b + 256).toString(16).slice(1);
      }).join("");
      secret.value = "";
      form.submit();
    });
  });
})();
