"""The health check: the database, Redis, and the worker's last heartbeat."""
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import text

from worker import queues
from worker.jobs.health import schedule_last_run, worker_last_beat

from ..extensions import db


def health_report() -> tuple[dict, bool]:
    report: dict = {}
    healthy = True
    try:
        db.session.execute(text("SELECT 1"))
        report["db"] = "ok"
    except Exception as error:  # noqa: BLE001  (any failure means "down", named in the report)
        db.session.rollback()
        report["db"] = f"down: {type(error).__name__}"
        healthy = False
    try:
        conn = queues.connection()
        conn.ping()
        report["redis"] = "ok"
    except Exception as error:  # noqa: BLE001
        report["redis"] = f"down: {type(error).__name__}"
        report["worker"] = {"last_beat": None, "status": "unknown: redis is down"}
        return report, False
    beat = worker_last_beat(conn)
    stale = current_app.config["WORKER_STALE_SECONDS"]
    worker = {"last_beat": beat.isoformat(timespec="seconds") if beat else None,
              "schedule_last_run": schedule_last_run(conn)}
    if beat is None or (datetime.now(UTC) - beat).total_seconds() > stale:
        worker["status"] = "down: no heartbeat" if beat is None else "down: heartbeat too old"
        healthy = False
    report["worker"] = worker
    return report, healthy
