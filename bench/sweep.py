"""The deadline sweep over 10,000 due cases, on SQLite and PostgreSQL."""
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from webapp.accounts.queries import user_by_phone
from webapp.cases.models import Case
from webapp.cases.sweep import sweep_overdue
from webapp.extensions import db
from webapp.regions.queries import region_by_code

from .demo_app import demo_app
from .postgres import postgres_url
from .report import figure

N = 10_000


def add_due_cases(n: int) -> None:
    reporter = user_by_phone("13800000005")
    villages = [region_by_code(c) for c in ("QS-DX-DA", "QS-DX-XL", "QS-NS-SX")]
    due = datetime.now(UTC) - timedelta(minutes=5)
    rows = []
    for i in range(n):
        village = villages[i % 3]
        rows.append(dict(reporter_id=reporter.id, village_id=village.id, grid_id=None, category="hazard",
                         text=f"压测第{i}件", location="", is_public=True, level="grid", status="open",
                         due_at=due, created_at=due - timedelta(hours=24), resolved_level="",
                         rating="", department="", reopen_count=0, missed_count=0, version=1))
    db.session.execute(insert(Case), rows)
    db.session.commit()


def time_sweep(app) -> tuple[float, int]:
    with app.app_context():
        add_due_cases(N)
        started = time.perf_counter()
        report = sweep_overdue()
        return time.perf_counter() - started, len(report.escalated)


def run():
    seconds, done = time_sweep(demo_app())
    assert done == N, done
    figure("sweep_10k_due_sqlite", round(seconds, 2), "s", "<=", 5)
    with postgres_url() as url:
        if url is None:
            print("PostgreSQL is not on this machine: sweep_10k_due_postgresql not measured")
            figure("sweep_10k_due_postgresql", float("inf"), "s", "<=", 5)
            return
        seconds, done = time_sweep(demo_app(url))
        assert done == N, done
        figure("sweep_10k_due_postgresql", round(seconds, 2), "s", "<=", 5)
