"""The ballot page's blind-signature client (Cloudflare's blindrsa-ts, bundled in
static/vendor/) and the server's half (webapp/deliberation/blind_signatures.py) agree in
Chromium: the browser blinds a token, the server signs what it cannot read, the browser
unblinds, and the server accepts the signature on the token it never saw."""
import base64

import pytest

from webapp.deliberation import blind_signatures as B

pytestmark = pytest.mark.browser
BUNDLE = "/static/vendor/blindrsa-ts-0.4.4.min.js"

BLIND = """async (spki) => {
  const der = Uint8Array.from(atob(spki), (c) => c.charCodeAt(0));
  const publicKey = await crypto.subtle.importKey('spki', der, { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify']);
  const suite = window.CunliBlindRSA;
  const token = crypto.getRandomValues(new Uint8Array(32));
  const prepared = suite.prepare(token);
  const { blindedMsg, inv } = await suite.blind(publicKey, prepared);
  window.ballotPaper = { publicKey, token, prepared, inv };
  return btoa(String.fromCharCode(...blindedMsg));
}"""

FINALIZE = """async (blindSignature) => {
  const p = window.ballotPaper;
  const signed = Uint8Array.from(atob(blindSignature), (c) => c.charCodeAt(0));
  const signature = await window.CunliBlindRSA.finalize(p.publicKey, p.prepared, signed, p.inv);
  const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
  return { token: b64(p.token), prepared: b64(p.prepared), signature: b64(signature) };
}"""


def test_a_token_blinded_in_chromium_is_signed_blind_and_verifies_on_the_server(phone):
    key = B.new_private_key_pem()
    phone.goto("/login")
    phone.add_script_tag(url=BUNDLE)
    blinded = base64.b64decode(phone.evaluate(BLIND, B.public_key_spki(key)))
    paper = phone.evaluate(FINALIZE, base64.b64encode(B.blind_sign(key, blinded)).decode())
    token, prepared = base64.b64decode(paper["token"]), base64.b64decode(paper["prepared"])
    assert token not in blinded and prepared.endswith(token) and len(prepared) == 32 + len(token)
    B.verify(B.public_key_spki(key), prepared, base64.b64decode(paper["signature"]))
    with pytest.raises(B.SignatureError):  # another vote's key does not accept it
        B.verify(B.public_key_spki(B.new_private_key_pem()), prepared, base64.b64decode(paper["signature"]))
