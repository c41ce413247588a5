"""The app as production serves it, for the browser and load benchmarks: waitress in a process
of its own on a prepared database, with the bundled Redis, optionally pinned to one core."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with code {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s")


@contextmanager
def served(app_spec: str, env: dict, *, core: int | None = None, threads: int = 4, probe: str = "/healthz"):
    """Yield the base URL of `waitress-serve --call app_spec` with `env` added."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "waitress-serve"), "--host=127.0.0.1", f"--port={port}",
               f"--threads={threads}", "--ident=", "--call", app_spec]
    if core is not None:
        command = ["taskset", "-c", str(core)] + command
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}{probe}", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


@contextmanager
def cunli(instance: str, database_url: str, **options):
    """Our app on `database_url`, with a Redis of its own (the bundled one)."""
    from webapp.launcher import start_embedded_redis

    redis_process, redis_url = start_embedded_redis(Path(instance))
    env = {"CUNLI_INSTANCE": instance, "DATABASE_URL": database_url, "REDIS_URL": redis_url}
    try:
        with served("webapp:create_app", env, probe="/login", **options) as url:
            yield url
    finally:
        redis_process.terminate()
        redis_process.wait(10)
