"""The server's half of RSA blind signatures, RFC 9474 (RSABSSA-SHA384-PSS-Randomized).

A vote has its own RSA-2048 key pair, made when the vote opens; the public key is published.
The browser blinds a random token (static/ballot.js, Cloudflare's blindrsa-ts) and the server
signs the blinded message without seeing the token (`blind_sign`); the browser unblinds it. The
token and signature it casts later are checked as an ordinary RSASSA-PSS signature (SHA-384,
MGF1-SHA-384, 48-byte salt) with `cryptography` (`verify`). Nothing here knows who votes.

`cryptography` has no raw RSA private operation, so `blind_sign` raises the blinded message to
the private exponent with Python's integers (by the Chinese remainder theorem, ~2 ms), then,
as the RFC requires, checks the result against the public key before returning it.
"""
import base64
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

KEY_BITS = 2048
MODULUS_BYTES = KEY_BITS // 8
SALT_LENGTH = 48  # SHA-384's length, as RSABSSA-SHA384-PSS-* says
RANDOMIZER_LENGTH = 32  # the "Randomized" variant: 32 random bytes before the token


class SignatureError(ValueError):
    pass


def new_private_key_pem() -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _private(pem: bytes) -> rsa.RSAPrivateKey:
    # The key is ours (new_private_key_pem), so its validation — tens of milliseconds, most of
    # a paper's cost — is skipped; blind_sign checks each signature against the public key anyway.
    return serialization.load_pem_private_key(pem, password=None, unsafe_skip_rsa_key_validation=True)


@lru_cache(maxsize=64)
def _public(spki: str) -> rsa.RSAPublicKey:
    """A vote's published key, loaded once per process: the public half only, never the private."""
    return serialization.load_der_public_key(base64.b64decode(spki))


def public_key_spki(private_pem: bytes) -> str:
    """The public key as base64 SubjectPublicKeyInfo (DER): what the vote's page publishes and
    what the browser imports (WebCrypto 'spki', RSA-PSS)."""
    der = _private(private_pem).public_key().public_bytes(serialization.Encoding.DER,
                                                          serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode()


def blind_sign(private_pem: bytes, blinded: bytes) -> bytes:
    """RFC 9474 §4.3 BlindSign: s = m^d mod n, checked with the public exponent."""
    if len(blinded) != MODULUS_BYTES:
        raise SignatureError("the blinded message has the wrong length")
    numbers = _private(private_pem).private_numbers()
    public = numbers.public_numbers
    m = int.from_bytes(blinded, "big")
    if m >= public.n:
        raise SignatureError("the blinded message is not below the modulus")
    s1, s2 = pow(m, numbers.dmp1, numbers.p), pow(m, numbers.dmq1, numbers.q)
    s = s2 + numbers.q * ((numbers.iqmp * (s1 - s2)) % numbers.p)
    if pow(s, public.e, public.n) != m:
        raise SignatureError("signing failed its own check")
    return s.to_bytes(MODULUS_BYTES, "big")


def verify(public_spki: str, prepared_token: bytes, signature: bytes) -> None:
    """RFC 9474 §4.5 Verify, on the prepared message (the randomizer and the token), with the
    vote's published key (base64 SPKI): raises SignatureError unless the vote's key signed it."""
    if len(prepared_token) <= RANDOMIZER_LENGTH or len(signature) != MODULUS_BYTES:
        raise SignatureError("a ballot paper of the wrong shape")
    try:
        _public(public_spki).verify(
            signature, prepared_token,
            padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=SALT_LENGTH), hashes.SHA384())
    except InvalidSignature as error:
        raise SignatureError("the ballot paper was not signed for this vote") from error
