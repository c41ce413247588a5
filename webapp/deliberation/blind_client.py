"""A voter's browser, in Python: RFC 9474's Prepare, Blind and Finalize (the client's half of
RSABSSA-SHA384-PSS-Randomized), written from the RFC and RFC 8017's EMSA-PSS: for the tests, the demo county and the bench, which vote as villagers' phones would."""
import base64
import hashlib
import math
import secrets

from cryptography.hazmat.primitives import serialization

H_LEN = SALT_LEN = 48


def _mgf1(seed: bytes, length: int) -> bytes:
    out = b""
    for counter in range(math.ceil(length / H_LEN)):
        out += hashlib.sha384(seed + counter.to_bytes(4, "big")).digest()
    return out[:length]


def emsa_pss_encode(message: bytes, em_bits: int) -> bytes:
    em_len = math.ceil(em_bits / 8)
    salt = secrets.token_bytes(SALT_LEN)
    h = hashlib.sha384(b"\0" * 8 + hashlib.sha384(message).digest() + salt).digest()
    db = b"\0" * (em_len - SALT_LEN - H_LEN - 2) + b"\x01" + salt
    masked = bytes(a ^ b for a, b in zip(db, _mgf1(h, em_len - H_LEN - 1), strict=True))
    masked = bytes([masked[0] & (0xFF >> (8 * em_len - em_bits))]) + masked[1:]
    return masked + h + b"\xbc"


class BallotPaper:
    """One token, blinded for one vote's public key (base64 SPKI, as the vote page shows it)."""

    def __init__(self, public_spki: str):
        key = serialization.load_der_public_key(base64.b64decode(public_spki)).public_numbers()
        self.n, self.e = key.n, key.e
        self.k = (self.n.bit_length() + 7) // 8
        self.token = secrets.token_bytes(32)
        self.prepared = secrets.token_bytes(32) + self.token  # Prepare, the Randomized variant
        m = int.from_bytes(emsa_pss_encode(self.prepared, self.n.bit_length() - 1), "big")
        while True:
            self.r = secrets.randbelow(self.n - 1) + 1
            if math.gcd(self.r, self.n) == 1:
                break
        self.blinded = (m * pow(self.r, self.e, self.n) % self.n).to_bytes(self.k, "big")

    def finalize(self, blind_signature: bytes) -> bytes:
        s = int.from_bytes(blind_signature, "big") * pow(self.r, -1, self.n) % self.n
        return s.to_bytes(self.k, "big")
