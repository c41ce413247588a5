"""A live server on its own copy of the demo database, and Debian's Chromium driven by
Playwright (never a downloaded browser)."""
import shutil
import socket
import threading
import time

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 360, "height": 740}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, app):
        self.app = app
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = None

    def start(self):
        self._server = make_server("127.0.0.1", self.port, self.app, threaded=True)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self):
        """Like losing the signal: every request now fails to connect."""
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


@pytest.fixture
def live_server(app):
    server = LiveServer(app)
    server.start()
    yield server
    server.stop()


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 # a fake microphone (a tone) so the voice recorder can be tested
                 "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


@pytest.fixture(scope="session")
def playwright():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def chromium(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def phone_with_profile(playwright, live_server, tmp_path):
    """A phone with a real (not incognito) profile: Chromium offers installation only there."""
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport=PHONE,
        locale="zh-CN", base_url=live_server.url)
    yield context.pages[0] if context.pages else context.new_page()
    context.close()


@pytest.fixture
def phone(chromium, live_server):
    """A fresh phone-sized browser context (its own cookies, caches and service worker)."""
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, locale="zh-CN",
                                   timezone_id="Asia/Shanghai", base_url=live_server.url,
                                   is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, phone_number, password="demo1234"):
    page.goto("/login")
    page.fill("#phone", phone_number)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/")


def wait_for_service_worker(page):
    """Until the service worker controls the page (after install and claim)."""
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=10000)


def wait_until(page, expression: str, timeout: float = 15, every: float = 0.1):
    """Poll `page.evaluate(expression)` from Python until it is truthy. Playwright's
    wait_for_function does not await an async predicate (a Promise is truthy, so it returns
    at the first poll); page.evaluate does await it."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"never became true within {timeout} s: {expression.strip()[:120]}")
        time.sleep(every)


SAVED_PAGE = """async (args) => {
  const [path, text] = args;
  const c = await caches.open('pages');
  const saved = await c.match(location.origin + path, {ignoreVary: true});
  return !!saved && (!text || (await saved.text()).includes(text));
}"""


def wait_until_saved(page, path: str, containing: str = "", timeout: float = 15):
    """Until the service worker has the page saved for offline reading (with that text)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(SAVED_PAGE, [path, containing]):
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} was never saved for offline reading")
        time.sleep(0.1)
