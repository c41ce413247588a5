"""Pages as a villager meets them: Debian's Chromium, the network and CPU of a cheap phone on a
weak signal applied by CDP to the page *and* to its service worker, every request counted on
the wire by a proxy (bench/wire.py), each page's paint compared with a tiny one-request page
measured in the same run. Each figure is the median of three runs, with min and max."""
import http.server
import json
import statistics
import threading
import time

from playwright.sync_api import sync_playwright

from .report import figure
from .served import free_port
from .wire import Wire

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PROFILES = {  # WebPageTest's "2G" and a slow 3G; throughput in bytes per second
    "2g": {"latency": 800, "downloadThroughput": 280_000 / 8, "uploadThroughput": 256_000 / 8, "cpu": 6},
    "3g": {"latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8, "cpu": 4},
}
VILLAGER = {"phone": "13800000005", "password": "demo1234", "notice": 1}  # the demo's; run() takes another
PAGES = ["/login", "/", "/cases/new", "/notices", "/notices/{notice}", "/points", "/finance"]
RUNS = 3
LOADS = 3  # cold loads of each page per run, each paired with a tiny one; the median ratio taken
VERBOSE = False
TINY = ("<!doctype html><html lang=zh-CN><head><meta charset=utf-8><meta name=viewport "
        "content='width=device-width'><title>村里</title></head><body><h1>村务公开</h1>"
        + "<p>东岙村二〇二六年十一月财务收支公开，请村民查看。</p>" * 12 + "</body></html>").encode()
LCP = """() => new Promise((done) => {
  new PerformanceObserver((list) => { const e = list.getEntries(); done(e[e.length - 1].startTime); })
    .observe({ type: "largest-contentful-paint", buffered: true });
  setTimeout(() => done(null), 3000);
})"""
FCP_AT = "() => performance.timeOrigin + performance.getEntriesByName('first-contentful-paint')[0].startTime"


class _Tiny(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(TINY)))
        self.end_headers()
        self.wfile.write(TINY)

    def log_message(self, *_args):
        pass


def _tiny_server() -> int:
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Tiny)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return port


class Phone:
    """One browser context throttled like a phone: its page by a CDP session, its service
    worker (once there is one) through the browser's CDP session."""

    def __init__(self, browser, base_url: str, profile: dict, storage_state=None):
        self.browser, self.profile = browser, profile
        self.context = browser.new_context(base_url=base_url, viewport={"width": 360, "height": 740},
                                           locale="zh-CN", storage_state=storage_state)
        self.page = self.context.new_page()
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", self._conditions())
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile["cpu"]})
        self._workers_throttled: set[str] = set()
        self._browser_cdp = browser.new_browser_cdp_session()
        self._message_id = 0

    def _conditions(self) -> dict:
        return {"offline": False, "latency": self.profile["latency"],
                "downloadThroughput": self.profile["downloadThroughput"],
                "uploadThroughput": self.profile["uploadThroughput"]}

    def throttle_service_worker(self) -> bool:
        """Page throttling does not reach the worker's own fetches: attach to it and apply the
        same network conditions there (CPU throttling is not offered for workers)."""
        found = False
        for target in self._browser_cdp.send("Target.getTargets")["targetInfos"]:
            if target["type"] != "service_worker" or target["targetId"] in self._workers_throttled:
                continue
            session = self._browser_cdp.send("Target.attachToTarget",
                                             {"targetId": target["targetId"], "flatten": False})["sessionId"]
            for method, params in (("Network.enable", {}), ("Network.emulateNetworkConditions", self._conditions())):
                self._message_id += 1
                self._browser_cdp.send("Target.sendMessageToTarget", {"sessionId": session, "message": json.dumps(
                    {"id": self._message_id, "method": method, "params": params})})
            self._workers_throttled.add(target["targetId"])
            found = True
        return found

    def has_service_worker(self) -> bool:
        return self.page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => !!(r && r.active))")

    def open(self, path: str) -> float:
        self.page.goto(path, wait_until="load", timeout=120_000)
        return self.page.evaluate(LCP)

    def close(self):
        self.context.close()


def _log_in(page, villager: dict) -> None:
    page.fill("#phone", villager["phone"])
    page.fill("#password", villager["password"])
    page.click("button[type=submit]")
    page.wait_for_url("**/", timeout=120_000)


def _logged_in_state(browser, base_url: str, villager: dict) -> dict:
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto("/login")
    _log_in(page, villager)
    state = context.storage_state()
    context.close()
    return state


def _kept_urls(page) -> set[str]:
    return set(page.evaluate("() => Array.from(document.querySelectorAll('#keep-offline a'), a => a.getAttribute('href'))"))


def _wait_for_service_worker(phone: Phone, wire: Wire, longest: float = 90) -> None:
    deadline = time.time() + longest
    while time.time() < deadline:
        phone.throttle_service_worker()
        if phone.has_service_worker():
            return
        time.sleep(0.2)
    raise AssertionError("the service worker never became active")


def _tiny_paint(browser, tiny_url: str, profile: dict) -> float:
    phone = Phone(browser, tiny_url, profile)
    lcp = phone.open("/")
    phone.close()
    return lcp


def _cold_paint(browser, wire: Wire, profile: dict, path: str, state) -> tuple[float, list]:
    """One cold load on a fresh phone: its LCP, and the requests on the wire before it painted."""
    phone = Phone(browser, wire.url, profile, storage_state=state)
    started = time.time()
    lcp = phone.open(path)
    painted_at = phone.page.evaluate(FCP_AT) / 1000
    early = wire.between(started, painted_at)
    if VERBOSE:
        element = phone.page.evaluate("""() => new Promise((done) => new PerformanceObserver((l) => {
          const e = l.getEntries().pop(); done(e.element ? e.element.tagName + '.' + e.element.className : '?'); })
          .observe({ type: 'largest-contentful-paint', buffered: true }))""")
        print(f"    {path}: LCP {lcp:.0f} ms on {element}; before paint: "
              + ", ".join(f"{r.path} {r.received}B" for r in early))
    phone.close()
    return lcp, early


def cold_paints(browser, wire: Wire, tiny_url: str, state: dict, profile: dict, villager: dict) -> tuple[float, int]:
    """The coldest page's LCP ÷ the tiny page's, and the most requests any load made before it
    painted. Each cold load of a page is paired with a cold load of the tiny page just before
    it, so both meet the same moment of a shared, noisy machine; a page's ratio is the median
    of its LOADS pairs."""
    worst, before_paint = 0.0, 0
    for path in (p.format(**villager) for p in PAGES):
        ratios = []
        for _ in range(LOADS):
            tiny = _tiny_paint(browser, tiny_url, profile)
            lcp, early = _cold_paint(browser, wire, profile, path, None if path == "/login" else state)
            ratios.append(lcp / tiny)
            before_paint = max(before_paint, len(early))
        worst = max(worst, statistics.median(ratios))
        if VERBOSE:
            print(f"  {path}: {statistics.median(ratios):.2f}x tiny (pairs: {', '.join(f'{r:.2f}' for r in ratios)})")
    return worst, before_paint


def first_session(browser, wire: Wire, profile: dict, villager: dict) -> dict:
    """Login, then home, on a phone that never saw the site: every request on the wire until
    the service worker is installed and the wire is quiet, less the pages kept offline."""
    phone = Phone(browser, wire.url, profile)
    started = time.time()
    phone.page.goto("/login", wait_until="load", timeout=120_000)
    _log_in(phone.page, villager)
    phone.page.wait_for_load_state("load")
    kept = _kept_urls(phone.page)
    _wait_for_service_worker(phone, wire)
    wire.quiet_for(3)
    session = [r for r in wire.since(started) if r.path not in kept]
    figures = {"requests": len(session), "kb": sum(r.sent + r.received for r in session) / 1024}

    # The same day, home again: only kept pages that changed are fetched (none did).
    second = time.time()
    phone.page.goto("/", wait_until="load", timeout=120_000)
    loaded = time.time()
    wire.quiet_for(3)
    figures["keep"] = len([r for r in wire.since(second) if r.path in kept])
    figures["after_load"] = len(wire.since(loaded))

    # A page seen before, opened again: the page itself, everything else from the phone.
    phone.page.goto("/notices", wait_until="load", timeout=120_000)
    wire.quiet_for(2)
    repeat = time.time()
    phone.page.goto("/notices", wait_until="load", timeout=120_000)
    wire.quiet_for(2)
    figures["repeat"] = len(wire.since(repeat))

    # A tap on a link (htmx-boosted): the page's HTML only, swapped in without a reload.
    phone.page.goto("/", wait_until="load", timeout=120_000)
    wire.quiet_for(2)
    tapped = time.time()
    phone.page.click("a[href='/notices']")
    phone.page.wait_for_url("**/notices", timeout=120_000)
    wire.quiet_for(2)
    figures["htmx_nav"] = len(wire.since(tapped))
    phone.close()
    return figures


def _median_figure(name: str, values: list[float], unit: str, op: str, goal: float) -> None:
    figure(name, round(statistics.median(values), 2), unit, op, goal, spread=(min(values), max(values)))


def run(base_url: str, villager: dict = VILLAGER) -> None:
    wire = Wire(int(base_url.rsplit(":", 1)[1])).start()
    tiny_url = Wire(_tiny_server()).start().url
    ratios = {name: [] for name in PROFILES}
    before_paint, sessions = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        state = _logged_in_state(browser, wire.url, villager)
        for _ in range(RUNS):
            for name, profile in PROFILES.items():
                worst, requests = cold_paints(browser, wire, tiny_url, state, profile, villager)
                ratios[name].append(worst)
                before_paint.append(requests)
            sessions.append(first_session(browser, wire, PROFILES["2g"], villager))
        browser.close()
    _median_figure("lcp_2g_ratio_max", ratios["2g"], "x tiny", "<=", 1.3)
    _median_figure("lcp_3g_ratio_max", ratios["3g"], "x tiny", "<=", 1.3)
    _median_figure("first_visit_requests_before_paint", before_paint, "requests", "<=", 3)
    _median_figure("first_session_requests", [s["requests"] for s in sessions], "requests", "<=", 8)
    _median_figure("first_session_kb", [s["kb"] for s in sessions], "KB", "<=", 45)
    _median_figure("offline_keep_requests", [s["keep"] for s in sessions], "requests", "<=", 0)
    _median_figure("home_after_load_requests", [s["after_load"] for s in sessions], "requests", "<=", 2)
    _median_figure("repeat_view_requests", [s["repeat"] for s in sessions], "requests", "<=", 1)
    _median_figure("htmx_navigation_requests", [s["htmx_nav"] for s in sessions], "requests", "<=", 1)
