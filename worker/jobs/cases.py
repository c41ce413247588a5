"""The deadline sweep, run by the schedule every 15 seconds. Safe to run twice and side by
side (see webapp/cases/sweep.py)."""
from . import in_app


@in_app
def sweep_deadlines(batch: int = 500) -> int:
    from webapp.cases.sweep import sweep_overdue

    return len(sweep_overdue(batch=batch).escalated)
