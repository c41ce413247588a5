"""A test client that behaves like a person with a browser, and reading its pages."""
import re

from flask import g

CSRF_IN_PAGE = re.compile(r'"X-CSRFToken": "([^"]+)"|name="csrf_token" type="hidden" value="([^"]+)"')


def page_text(response) -> str:
    """The page's HTML, decompressed if the server sent it brotli-compressed."""
    if response.headers.get("Content-Encoding") == "br":
        import brotli

        return brotli.decompress(response.data).decode()
    return response.get_data(as_text=True)


def _forget_request_globals():
    """What Flask-Login and Flask-WTF cache per request; the current change's hooks stay."""
    for name in list(g):
        if not name.startswith("cunli_"):
            g.pop(name)


class Browserless:
    """A test client that behaves like a person with a browser: it keeps its cookies and
    sends the page's CSRF token with every form it posts."""

    def __init__(self, app):
        self.app = app
        self.http = app.test_client()
        self.token = None

    def _request(self, method, url, **kwargs):
        # The test's app context is reused by every request, and Flask-Login and Flask-WTF
        # cache the user and the CSRF token on g: forget them, as a new request would.
        _forget_request_globals()
        response = getattr(self.http, method)(url, **kwargs)
        _forget_request_globals()
        self._remember_token(response)
        return response

    def get(self, url, **kwargs):
        return self._request("get", url, **kwargs)

    def post(self, url, data=None, csrf=True, **kwargs):
        data = dict(data or {})
        if csrf:
            if self.token is None:
                self.get("/login")
            data.setdefault("csrf_token", self.token)
        return self._request("post", url, data=data, **kwargs)

    def _remember_token(self, response):
        if response.mimetype == "text/html":
            found = CSRF_IN_PAGE.search(page_text(response))
            if found:
                self.token = found.group(1) or found.group(2)

    def login(self, phone, password="demo1234"):
        response = self.post("/login", {"phone": phone, "password": password})
        assert response.status_code == 303, f"login as {phone} failed"
        self.get("/")
        return self
