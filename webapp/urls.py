"""Where a redirect may send a person: only to a path on this site, as the browser reads it."""
from urllib.parse import urlsplit


def local_path(target: str | None) -> str | None:
    """The target when a browser would read it as a path on this site, else None.

    Browsers drop tab, CR and LF anywhere in a URL and read a backslash as a slash, so
    "/\\t/evil.example" and "/\\\\evil.example" both leave the site once the check has passed:
    a target with any control character or backslash is refused, not cleaned.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
