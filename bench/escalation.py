"""Time from a deadline to the escalation, with the real stack running: the embedded Redis,
an RQ worker and `rq cron` with the one list of periodic jobs."""
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update

from webapp.accounts.queries import user_by_phone
from webapp.cases import services
from webapp.cases.models import Case
from webapp.config import ROOT
from webapp.extensions import db
from webapp.launcher import start_embedded_redis

from .demo_app import demo_app
from .report import figure


def run():
    app = demo_app()
    instance = Path(app.instance_path)
    redis, url = start_embedded_redis(instance)
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": url,
           "CUNLI_INSTANCE": str(instance)}
    rq = str(Path(sys.executable).parent / "rq")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env, "cwd": ROOT}
    processes = [
        subprocess.Popen([rq, "worker", "--url", url, "-c", "worker.settings", "urgent", "default"], **quiet),
        subprocess.Popen([rq, "cron", "--url", url, "--path", str(ROOT), "worker.schedule"], **quiet),
    ]
    try:
        with app.app_context():
            case, _ = services.report_case(user_by_phone("13800000005"), category="hazard",
                                           text="测一测超期升级要多久")
            due = datetime.now(UTC) + timedelta(seconds=5)
            db.session.execute(update(Case).where(Case.id == case.id).values(due_at=due))
            db.session.commit()
            escalated_at = None
            while datetime.now(UTC) < due + timedelta(seconds=90):
                level = db.session.scalar(select(Case.level).where(Case.id == case.id))
                db.session.commit()
                if level != "grid":
                    escalated_at = datetime.now(UTC)
                    break
                time.sleep(0.2)
        seconds = (escalated_at - due).total_seconds() if escalated_at else float("inf")
        figure("deadline_to_escalation", round(seconds, 1), "s", "<=", 60)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        redis.terminate()
        redis.wait()
