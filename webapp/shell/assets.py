"""Versioned static assets and the service worker's precache list.

Each asset URL carries a hash of its content, so phones cache it for a year and fetch it
again only when it changes; the service worker's version is the hash of the whole shell.
"""
import hashlib
from functools import lru_cache

from flask import current_app, url_for

SHELL_ASSETS = ("app.css", "app.js", "htmx.min.js", "icons/icon-192.png")


@lru_cache(maxsize=64)
def _file_hash(static_folder: str, filename: str) -> str:
    with open(f"{static_folder}/{filename}", "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:10]


def asset_url(filename: str) -> str:
    return url_for("static", filename=filename, v=_file_hash(current_app.static_folder, filename))


def shell_version() -> str:
    joined = "".join(_file_hash(current_app.static_folder, f) for f in SHELL_ASSETS)
    template_path = f"{current_app.template_folder}/shell/sw.js"
    with open(template_path, "rb") as handle:
        joined += hashlib.sha256(handle.read()).hexdigest()
    return hashlib.sha256(joined.encode()).hexdigest()[:12]


def precache_urls() -> list[str]:
    return [url_for("shell.offline")] + [asset_url(f) for f in SHELL_ASSETS]
