"""Throughput and p95 under concurrent load, the server on one core and wrk (a C load
generator, bounded: loopback only, a few seconds per page) on the other. Every page is
compared with two references served by the same server on the same core in the same round:
a bare Flask "hello" and a one-query Jinja page (bench/reference_app.py). Rounds interleave
the pages and references so that a noisy neighbour hits both alike; figures are the median
of three rounds with min and max."""
import os
import re
import shutil
import statistics
import subprocess
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from .report import figure
from .served import cunli, served

CONNECTIONS = 10
SECONDS = 4
ROUNDS = 3
# The server on one core, the load generator on another (on a one-core machine they share it).
SERVER_CORE, CLIENT_CORE = (0, 1) if (os.cpu_count() or 1) > 1 else (0, 0)
SCRIPT = Path(__file__).with_name("wrk_report.lua")
ENCODED = {"Accept-Encoding": "br, gzip"}


def wrk(url: str, headers: dict) -> tuple[float, float]:
    """(requests per second, p95 in ms) of CONNECTIONS connections for SECONDS seconds."""
    command = ["taskset", "-c", str(CLIENT_CORE), "wrk", f"-c{CONNECTIONS}", "-t1", f"-d{SECONDS}s",
               "-s", str(SCRIPT)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    found = re.search(r"RESULT rps=([\d.]+) p95=([\d.]+) errors=(\d+) non2xx=(\d+)", output)
    if not found or int(found.group(3)) or int(found.group(4)):
        raise AssertionError(f"wrk on {url} failed or met errors: {output[-400:]}")
    return float(found.group(1)), float(found.group(2))


def session_cookie(base_url: str, phone: str, password: str) -> str:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base_url}/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"phone": phone, "password": password, "csrf_token": token}).encode()
    landed = opener.open(f"{base_url}/login", data=form)
    assert landed.url.rstrip("/") == base_url, f"login as {phone} failed"
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def visitor_cookie(base_url: str) -> str:
    """A visitor's session (a phone that opened the login page before, so holds its CSRF token)."""
    jar = CookieJar()
    urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)).open(f"{base_url}/login").read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


# Pages a visitor opens (not signed in): measured with a visitor's cookie, not the villager's.
VISITOR_PAGES = {"/login"}


def available() -> bool:
    if shutil.which("wrk") and shutil.which("taskset"):
        return True
    print("wrk is missing: apt-get install wrk (make bench installs it); load figures not measured")
    return False


def run(instance: str, database_url: str, phone: str, password: str, pages: list[str], label: str) -> None:
    """The pages as `phone`, on `database_url`, against the references on the same database."""
    rps = {page: [] for page in pages}
    p95 = {page: [] for page in pages}
    hello, reference = [], []
    env = {"DATABASE_URL": database_url}
    with served("bench.reference_app:create_app", env, core=SERVER_CORE, probe="/hello") as references, \
            cunli(instance, database_url, core=SERVER_CORE) as ours:
        signed_in = {**ENCODED, "Cookie": session_cookie(ours, phone, password)}
        visitor = {**ENCODED, "Cookie": visitor_cookie(ours)}
        for _ in range(ROUNDS):
            hello.append(wrk(f"{references}/hello", ENCODED)[0])
            reference.append(wrk(f"{references}/reference", ENCODED)[0])
            for page in pages:
                done, slowest = wrk(f"{ours}{page}", visitor if page in VISITOR_PAGES else signed_in)
                rps[page].append(done)
                p95[page].append(slowest)
    ratios = [min(statistics.median(rps[p]) / statistics.median(reference), 1e9) for p in pages]
    per_round = [min(rps[p][i] for p in pages) / reference[i] for i in range(ROUNDS)]
    for page in pages:
        print(f"  {label} {page}: {statistics.median(rps[page]):.0f} rps, p95 {statistics.median(p95[page]):.1f} ms")
    print(f"  {label} references: hello {statistics.median(hello):.0f} rps, one-query page {statistics.median(reference):.0f} rps")
    worst_p95 = [max(p95[p][i] for p in pages) for i in range(ROUNDS)]
    figure(f"rps_ratio_vs_reference_min_{label}", round(min(ratios), 2), "x", ">=", 0.5,
           spread=(round(min(per_round), 2), round(max(per_round), 2)))
    vs_hello = [min(rps[p][i] for p in pages) / hello[i] for i in range(ROUNDS)]
    figure(f"rps_ratio_vs_hello_min_{label}", round(statistics.median(vs_hello), 3), "x", ">=", 0,
           spread=(round(min(vs_hello), 3), round(max(vs_hello), 3)))
    figure(f"p95_{CONNECTIONS}conn_county_{label}", round(statistics.median(worst_p95), 1), "ms", "<=", 50,
           spread=(round(min(worst_p95), 1), round(max(worst_p95), 1)))
