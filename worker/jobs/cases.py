"""The deadline sweep, run by the schedule every 15 seconds. Safe to run twice and side by
side (see webapp/cases/sweep.py)."""
from . import in_app


@in_app
def sweep_deadlines(batch: int = 500, max_batches: int | None = None) -> int:
    """Cases, then the services hall's requests (few: a batch of them each run)."""
    from webapp.cases.sweep import sweep_overdue
    from webapp.hall.sweep import sweep_requests

    escalated = len(sweep_overdue(batch=batch, max_batches=max_batches).escalated)
    return escalated + sweep_requests()
