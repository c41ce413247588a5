"""Work handed to the worker, named by dotted path so that `webapp/` never imports `worker/`
(Redash's `@job("queue")` with `.delay()`, RQ's enqueue by name): the queue names, the Redis
connection, `enqueue()`, and the delivery nudge that follows a commit.

The queue only runs work; what the work is about lives in the database (deadlines, the
outbox), so a lost job is found again by the next periodic run.
"""
import logging
import threading
from datetime import UTC, datetime
from functools import lru_cache

from flask import current_app, has_request_context
from redis import Redis

URGENT, DEFAULT, REPORTS = "urgent", "default", "reports"
QUEUE_NAMES = (URGENT, DEFAULT, REPORTS)  # a worker takes them in this order
DELIVER_OUTBOX = "worker.jobs.notifications.deliver_outbox"
SCHEDULE_KEY = "cunli:schedule:last_run"

log = logging.getLogger("cunli.notifications")


@lru_cache(maxsize=8)
def redis_connection(url: str) -> Redis:
    # Short timeouts: a frozen Redis must not hang anything for long.
    return Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def connection() -> Redis:
    return redis_connection(current_app.config["REDIS_URL"])


def enqueue(job: str, queue: str = DEFAULT, conn: Redis | None = None, **options):
    """Put the job named by its dotted path on a queue."""
    from rq import Queue

    return Queue(queue, connection=conn or connection()).enqueue(job, **options)


# ---- the delivery nudge ------------------------------------------------------------------------

_told_worker_away: list[bool] = []  # once per process


def _enqueue_delivery(redis_url: str) -> None:
    try:
        enqueue(DELIVER_OUTBOX, URGENT, conn=redis_connection(redis_url), job_timeout=300, result_ttl=60)
    except Exception as error:  # noqa: BLE001  (delivery must never break the change it follows)
        # Loading the demo before the worker starts meets this for every event: say it once.
        if not _told_worker_away:
            _told_worker_away.append(True)
            log.warning("Notifications wait in the database until the worker runs (%s: %s).",
                        type(error).__name__, error)
        else:
            log.debug("delivery not enqueued: %s", error)


class _Nudger:
    """One thread per process that enqueues a delivery when asked; many asks while it works
    become one more enqueue. A web request never waits on Redis, and a burst of writes never
    starts a thread each."""

    def __init__(self):
        self._wanted = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._url = ""

    def nudge(self, redis_url: str) -> None:
        self._url = redis_url
        self._wanted.set()
        with self._lock:
            if self._thread is None or not self._thread.is_alive():  # none yet, or a fork
                self._thread = threading.Thread(target=self._run, name="cunli-delivery", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            _enqueue_delivery(self._url)


_nudger = _Nudger()


def request_delivery() -> None:
    """Ask the worker to deliver the outbox now: from a web request, beside the response;
    from a job or a command, at once. Called after a commit (`after_commit`), so the rows are
    there when the worker looks. Best effort: the periodic delivery finds what this misses."""
    url = current_app.config["REDIS_URL"]
    if has_request_context():
        _nudger.nudge(url)
    else:
        _enqueue_delivery(url)


def deliver_after_commit() -> None:
    from .transaction import after_commit

    after_commit(request_delivery)


# ---- health ------------------------------------------------------------------------------------

def worker_last_beat(conn) -> datetime | None:
    """The newest heartbeat of any RQ worker registered in Redis."""
    from rq import Worker

    beats = [w.last_heartbeat for w in Worker.all(connection=conn) if w.last_heartbeat]
    if not beats:
        return None
    newest = max(beats)
    return newest if newest.tzinfo else newest.replace(tzinfo=UTC)


def schedule_last_run(conn) -> str | None:
    value = conn.get(SCHEDULE_KEY)
    return value.decode() if value else None
