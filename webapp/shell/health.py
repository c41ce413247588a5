"""The health check: the database, Redis, and the worker's last heartbeat."""
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import text

from .. import jobs
from ..extensions import db
from ..transaction import rollback


def health_report() -> tuple[dict, bool]:
    report: dict = {}
    healthy = True
    try:
        db.session.execute(text("SELECT 1"))
        report["db"] = "ok"
    except Exception as error:  # noqa: BLE001  (any failure means "down", named in the report)
        rollback()
        report["db"] = f"down: {type(error).__name__}"
        healthy = False
    try:
        conn = jobs.connection()
        conn.ping()
        report["redis"] = "ok"
    except Exception as error:  # noqa: BLE001
        report["redis"] = f"down: {type(error).__name__}"
        report["worker"] = {"last_beat": None, "status": "unknown: redis is down"}
        return report, False
    beat = jobs.worker_last_beat(conn)
    stale = current_app.config["WORKER_STALE_SECONDS"]
    worker = {"last_beat": beat.isoformat(timespec="seconds") if beat else None,
              "schedule_last_run": jobs.schedule_last_run(conn)}
    if beat is None or (datetime.now(UTC) - beat).total_seconds() > stale:
        worker["status"] = "down: no heartbeat" if beat is None else "down: heartbeat too old"
        healthy = False
    report["worker"] = worker
    return report, healthy
