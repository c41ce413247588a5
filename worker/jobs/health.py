"""Health of the background machinery, read by /healthz."""
from datetime import UTC, datetime

from webapp.jobs import SCHEDULE_KEY, schedule_last_run, worker_last_beat

__all__ = ["SCHEDULE_KEY", "beat", "schedule_last_run", "worker_last_beat"]


def beat() -> str:
    """A periodic job that proves the whole path cron → queue → worker runs."""
    from rq import get_current_job

    now = datetime.now(UTC).isoformat(timespec="seconds")
    job = get_current_job()
    if job is not None:
        job.connection.set(SCHEDULE_KEY, now)
    return now
