"""Sealing a secret that must cross one redirect (a reset password shown once to the admin):
encrypted with a key derived from SECRET_KEY, so the cookie that carries it reveals nothing."""
import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

MAX_AGE = 300  # seconds: the page after the redirect shows it, or nobody does


def _fernet() -> Fernet:
    key = hashlib.sha256(b"cunli-sealed:" + current_app.config["SECRET_KEY"].encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def unseal(token: str) -> str | None:
    try:
        return _fernet().decrypt(token.encode(), ttl=MAX_AGE).decode()
    except (InvalidToken, ValueError):
        return None
