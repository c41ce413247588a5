"""A throwaway PostgreSQL cluster on loopback for the benchmarks (BENCH_DATABASE_URL wins)."""
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def postgres_url():
    """Yields a SQLAlchemy URL of an empty database, or None when PostgreSQL is not here."""
    if os.environ.get("BENCH_DATABASE_URL"):
        yield os.environ["BENCH_DATABASE_URL"]
        return
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not bins or os.geteuid() != 0 or not shutil.which("runuser"):
        yield None
        return
    bin_dir = os.path.dirname(bins[-1])
    data = tempfile.mkdtemp(prefix="cunli-bench-pg-")
    shutil.chown(data, "postgres", "postgres")
    port = _free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run(as_postgres + [f"{bin_dir}/initdb", "-D", data, "-A", "trust", "-U", "postgres",
                                  "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
    subprocess.run(as_postgres + [f"{bin_dir}/pg_ctl", "-D", data, "-l", f"{data}/log", "-w", "-o",
                                  f"-c listen_addresses=127.0.0.1 -p {port} -k /tmp", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(as_postgres + [f"{bin_dir}/pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)
