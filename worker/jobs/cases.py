"""The deadline sweep, run by the schedule every 15 seconds. Safe to run twice and side by
side (see webapp/cases/sweep.py)."""
from . import in_app


@in_app
def sweep_deadlines(batch: int = 500, max_batches: int | None = None) -> int:
    from webapp.cases.sweep import sweep_overdue

    return len(sweep_overdue(batch=batch, max_batches=max_batches).escalated)
