"""Health of the background machinery, read by /healthz."""
from datetime import UTC, datetime

from rq import Worker

SCHEDULE_KEY = "cunli:schedule:last_run"


def beat() -> str:
    """A periodic job that proves the whole path cron → queue → worker runs."""
    from rq import get_current_job

    now = datetime.now(UTC).isoformat(timespec="seconds")
    job = get_current_job()
    if job is not None:
        job.connection.set(SCHEDULE_KEY, now)
    return now


def worker_last_beat(conn) -> datetime | None:
    """The newest heartbeat of any RQ worker registered in Redis."""
    beats = [w.last_heartbeat for w in Worker.all(connection=conn) if w.last_heartbeat]
    if not beats:
        return None
    newest = max(beats)
    return newest if newest.tzinfo else newest.replace(tzinfo=UTC)


def schedule_last_run(conn) -> str | None:
    value = conn.get(SCHEDULE_KEY)
    return value.decode() if value else None
