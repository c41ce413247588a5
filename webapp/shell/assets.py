"""Static files as a phone on 2G should get them.

- Versioned names: `/static/v/<hash>/app.js`, the hash of the file's content, so a phone keeps
  it for a year (immutable) and asks again only when it changes.
- Pre-compressed: brotli at quality 11 and gzip at level 9 (WhiteNoise's compressor), made
  once per content under build/static/ when the app starts (`make install` starts it once).
- Served by WhiteNoise in front of Flask: no session, no cookie read, no `Vary: Cookie`, so a
  repeat visit and the service worker's precache come from the phone's own HTTP cache, and a
  static request costs the server almost nothing.
- The stylesheet is inline in every page (one round trip to paint): `inline_css()` gives the
  text and `style_hash()` the CSP source that allows exactly that text, never 'unsafe-inline'.
  Each page keeps only the rules it uses (page_style.py); the whole file is linked after load.
"""
import base64
import hashlib
import os
from functools import lru_cache
from pathlib import Path

from flask import current_app, request, url_for
from markupsafe import Markup
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

from ..config import ROOT

INLINE_CSS = "app.css"
# One script for every page: htmx and ours joined, one request instead of two on a thin link.
BUNDLES = {"shell.js": ("htmx.min.js", "app.js")}
# What the service worker keeps so the offline page and every kept page work without signal.
SHELL_ASSETS = ("shell.js", "app.css")
BUILT = ROOT / "build" / "static" / "v"  # shared by every instance: named by content
YEAR = 365 * 24 * 3600


@lru_cache(maxsize=256)
def _file_hash(path: str, mtime_ns: int) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:10]


def _hash_in(static_folder: str, filename: str) -> str:
    if filename in BUNDLES:
        joined = "".join(_hash_in(static_folder, part) for part in BUNDLES[filename])
        return hashlib.sha256(joined.encode()).hexdigest()[:10]
    path = os.path.join(static_folder, filename)
    return _file_hash(path, os.stat(path).st_mtime_ns)


def file_hash(filename: str) -> str:
    return _hash_in(current_app.static_folder, filename)


def asset_url(filename: str) -> str:
    return f"{current_app.static_url_path}/v/{file_hash(filename)}/{filename}"


@lru_cache(maxsize=8)
def _inline(path: str, mtime_ns: int) -> tuple[Markup, str]:
    text = Path(path).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return Markup(text), f"'sha256-{digest}'"


def _inline_css() -> tuple[Markup, str]:
    path = os.path.join(current_app.static_folder, INLINE_CSS)
    return _inline(path, os.stat(path).st_mtime_ns)


def inline_css() -> Markup:
    return _inline_css()[0]


def style_hash() -> str:
    return _inline_css()[1]


def shell_version() -> str:
    joined = "".join(file_hash(f) for f in SHELL_ASSETS)
    with open(f"{current_app.template_folder}/shell/sw.js", "rb") as handle:
        joined += hashlib.sha256(handle.read()).hexdigest()
    joined += style_hash()  # the offline page carries the stylesheet inline
    return hashlib.sha256(joined.encode()).hexdigest()[:12]


# How long a phone may use its copy of sw.js and the manifest before asking again (then a 304
# when nothing changed). The service worker checks for an update on every navigation; reading
# sw.js through the HTTP cache (updateViaCache "all") keeps a repeat view to one request. A new
# service worker reaches phones within the hour; pages and versioned files never wait for it.
SHELL_CHECK_SECONDS = 3600


def kept_for(response, seconds: int):
    """Cache for `seconds`, then revalidate by ETag: an unchanged file costs a 304."""
    response.cache_control.max_age = seconds
    response.add_etag()
    return response.make_conditional(request)


def precache_urls() -> list[str]:
    return [url_for("shell.offline")] + [asset_url(f) for f in SHELL_ASSETS]


# ---- versioned, pre-compressed copies, served by WhiteNoise

def _write(path: Path, data: bytes) -> None:
    """Into place whole: another process starting at the same time never reads half a file."""
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    part.write_bytes(data)
    os.replace(part, path)


def build_static(static_folder: str, built: Path = BUILT) -> None:
    """Copy each static file (and each bundle) to v/<hash>/<name> with its .br and .gz beside
    it, unless there."""
    compressor = Compressor(quiet=True)
    root = Path(static_folder)
    names = [str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()] + list(BUNDLES)
    for name in names:
        target = built / _hash_in(static_folder, name) / name
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        parts = BUNDLES.get(name, (name,))
        data = b"\n".join((root / part).read_bytes() for part in parts)
        if compressor.should_compress(name):
            _write(target.with_name(target.name + ".br"), compressor.compress_brotli(data))
            _write(target.with_name(target.name + ".gz"), compressor.compress_gzip(data))
        _write(target, data)


class _VersionedFiles(WhiteNoise):
    """WhiteNoise, less the validators: a versioned file never changes, so Last-Modified and
    ETag are bytes a phone on 2G pays for and never uses."""

    @staticmethod
    def serve(static_file, environ, start_response):
        def without_validators(status, headers, exc_info=None):
            return start_response(status, [(k, v) for k, v in headers if k not in ("Last-Modified", "ETag")],
                                  exc_info)

        return WhiteNoise.serve(static_file, environ, without_validators)


def serve_static(app) -> None:
    """Put WhiteNoise in front of the app for /static/v/…; other /static/ paths (the
    manifest's icons) stay with Flask's own static route."""
    build_static(app.static_folder)
    app.wsgi_app = _VersionedFiles(app.wsgi_app, root=str(BUILT), prefix=f"{app.static_url_path}/v/",
                                   max_age=YEAR, allow_all_origins=False,
                                   immutable_file_test=lambda _path, _url: True)
