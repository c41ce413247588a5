"""The monthly report job alone, in its own process, so that its peak memory is its own.
Prints seconds=…, peak_mb=…, reports=…, summaries=…"""
import resource
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from webapp import create_app
from webapp.config import Config
from webapp.extensions import db
from webapp.notifications.models import OutboxMessage
from webapp.points.services import make_due_reports


def main(url: str, instance: str) -> None:
    config = Config(instance=Path(instance))
    config.SQLALCHEMY_DATABASE_URI = url
    app = create_app(config)
    with app.app_context():
        started = time.perf_counter()
        made = make_due_reports()
        seconds = time.perf_counter() - started
        summaries = db.session.scalar(select(func.count()).select_from(OutboxMessage)
                                      .where(OutboxMessage.kind == "points.monthly"))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"seconds={seconds:.1f} peak_mb={peak_mb:.0f} reports={made} summaries={summaries}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
