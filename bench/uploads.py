"""A small write while villagers upload photos: the p95 time of a comment or a like while 6
villagers each send a report with 6 photos of 4 MB at once, against the same writes with no
uploads, measured in the same run on a real multi-threaded server (waitress, as `make run`).

Photo work (decoding, turning upright, resizing) happens before the write transaction, so a
small write should not wait behind it: goal ≤ 2× the quiet p95, on SQLite and PostgreSQL.
"""
import http.client
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from PIL import Image

from .postgres import postgres_url
from .report import figure, p95

UPLOADERS = ["13800000005", "13800000007", "13800000011", "13800000021", "13800000022", "13800000023"]
WRITER = "13800000004"
PHOTOS_PER_REPORT, WRITES, ROUNDS = 6, 60, 3
SERVER = """
import sys
from waitress import serve
from webapp import create_app
from webapp.config import Config
config = Config()
config.SQLALCHEMY_DATABASE_URI = sys.argv[1]
config.RATELIMIT_ENABLED = False
config.PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
serve(create_app(config), host="127.0.0.1", port=int(sys.argv[2]), threads=8, recv_bytes=262144, _quiet=True)
"""


def _photo_4mb() -> bytes:
    image = Image.frombytes("RGB", (2400, 1800), os.urandom(2400 * 1800 * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


class Browser:
    """One phone: its cookies and the page's CSRF token, over a connection of its own."""

    def __init__(self, port: int):
        self.port, self.cookies, self.token = port, {}, ""

    def request(self, method: str, path: str, body=b"", headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        found = re.search(rb'"X-CSRFToken": "([^"]+)"', data)
        if found:
            self.token = found.group(1).decode()
        connection.close()
        return response.status, data

    def form(self, path: str, fields: dict):
        from urllib.parse import urlencode

        body = urlencode({**fields, "csrf_token": self.token}).encode()
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def multipart(self, path: str, fields: dict, files: list[tuple[str, str, bytes]]):
        """The body goes out as its parts (no 24 MB join): the load generator shares the
        machine with the server and should cost it as little as possible."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in {**fields, "csrf_token": self.token}.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, filename, data in files:
            parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                      f"Content-Type: image/jpeg\r\n\r\n".encode(), data, b"\r\n"]
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, parts, {"Content-Type": f"multipart/form-data; boundary={boundary}",
                                                  "Content-Length": str(sum(map(len, parts)))})

    def log_in(self, phone: str) -> "Browser":
        self.request("GET", "/login")
        status, _ = self.form("/login", {"phone": phone, "password": "demo1234"})
        assert status == 303, f"login as {phone}: {status}"
        self.request("GET", "/")
        return self


def _small_writes(writer: Browser, notice_id: int, count: int) -> list[float]:
    """Comments and likes, one after another, each timed from send to answer."""
    times = []
    for i in range(count):
        started = time.perf_counter()
        if i % 2:
            status, _ = writer.form(f"/notices/{notice_id}/like", {})
        else:
            status, _ = writer.form(f"/notices/{notice_id}/comments", {"body": f"第{i}条意见"})
        times.append((time.perf_counter() - started) * 1000)
        assert status == 303, status
    return times


def _upload_until(stop: threading.Event, villager: Browser, photo: bytes, sent: list) -> None:
    while not stop.is_set():
        villager.request("GET", "/cases/new")
        status, _ = villager.multipart("/cases/new", {"category": "hazard", "text": "村口的路塌了一块，见照片",
                                                      "client_ref": str(uuid.uuid4())},
                                       [("photos", f"p{i}.jpg", photo) for i in range(PHOTOS_PER_REPORT)])
        sent.append(status)


def measure(database_url: str, label: str) -> None:
    from .demo_app import demo_app

    app = demo_app(database_url)
    with app.app_context():
        from sqlalchemy import select

        from webapp.disclosures.models import Disclosure
        from webapp.extensions import db

        notice_id = db.session.scalar(select(Disclosure.id).where(Disclosure.members_only.is_(False)))
        url = str(db.engine.url.render_as_string(hide_password=False))
        db.session.remove()
        db.engine.dispose()
    with socket_port() as port:
        instance = Path(tempfile.mkdtemp(prefix="cunli-bench-up-"))
        server = subprocess.Popen([sys.executable, "-c", SERVER, url, str(port)],
                                  env={**os.environ, "CUNLI_INSTANCE": str(instance), "REDIS_URL": "redis://127.0.0.1:1/0"})
        try:
            _wait_for(port)
            writer = Browser(port).log_in(WRITER)
            _small_writes(writer, notice_id, 6)  # warm up
            kept, ratios = 0, []
            for _round in range(ROUNDS):  # quiet, then busy, in turn: the machine's noise hits both
                quiet = _small_writes(writer, notice_id, WRITES)
                busy, sent = _during_uploads(port, writer, notice_id)
                kept += sent
                ratios.append(p95(busy) / p95(quiet))
                print(f"  {label}: quiet p95 {p95(quiet):.1f} ms, during uploads p95 {p95(busy):.1f} ms, "
                      f"{sent} reports of {PHOTOS_PER_REPORT} photos of 4 MB kept meanwhile")
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"  {label}: {kept} reports kept in all; ratios {', '.join(f'{r:.2f}' for r in ratios)}")
    figure(f"write_p95_during_uploads_{label}", round(statistics.median(ratios), 2), "x quiet", "<=", 2,
           spread=(min(ratios), max(ratios)))


def _during_uploads(port, writer, notice_id) -> tuple[list[float], int]:
    """The writer's small writes while the six villagers upload. The villagers' phones are not
    this machine: their side runs in a process of its own at the lowest priority, so the load
    generator does not take the server's cores (it still shares the machine's memory and bus)."""
    phones = subprocess.Popen(["nice", "-n", "19", sys.executable, "-m", "bench.uploads", "villagers", str(port)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert phones.stdout.readline().strip() == "uploading"
    time.sleep(1.0)  # the uploads are under way
    busy = _small_writes(writer, notice_id, WRITES)
    phones.stdin.close()  # stop
    sent = int(phones.stdout.readline() or 0)
    phones.wait(timeout=300)
    return busy, sent


def villagers(port: int) -> None:
    """The villagers' side (run by _during_uploads): upload until stdin closes; print how many."""
    photo, stop, sent = _photo_4mb(), threading.Event(), []
    phones = [Browser(port).log_in(phone) for phone in UPLOADERS]
    threads = [threading.Thread(target=_upload_until, args=(stop, v, photo, sent)) for v in phones]
    for thread in threads:
        thread.start()
    print("uploading", flush=True)
    sys.stdin.read()
    stop.set()
    for thread in threads:
        thread.join()
    print(sent.count(303), flush=True)


class socket_port:
    def __enter__(self) -> int:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    def __exit__(self, *exc):
        return False


def _wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/offline")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the bench server did not start")


def run():
    measure(None, "sqlite")
    with postgres_url() as url:
        if url is None:
            print("PostgreSQL is not on this machine: write_p95_during_uploads_postgresql not measured")
            return
        measure(url, "postgresql")


if __name__ == "__main__":
    if sys.argv[1:2] == ["villagers"]:
        villagers(int(sys.argv[2]))
    else:
        run()
