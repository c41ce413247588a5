"""Writing to the outbox (in the caller's transaction) and delivering from it (in the worker)."""
import logging
import threading

from flask import current_app, has_request_context
from sqlalchemy import select, update

from ..database import insert_rows, utcnow
from ..extensions import db
from .models import FAILED, IN_APP, PENDING, SENT, SMS, Notification, OutboxMessage
from .senders import senders

log = logging.getLogger("cunli.notifications")
MAX_ATTEMPTS = 5
_told_worker_away: list[bool] = []  # once per process


def excerpt(text: str, length: int = 12) -> str:
    """What a notification is about, in its own words: 「路灯坏了」, or 「村口石桥的护栏断了一…」
    when it is longer (cut with an ellipsis, never silently)."""
    text = " ".join((text or "").split())
    return f"「{text if len(text) <= length else text[:length - 1] + '…'}」"


def cut(text: str, length: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[:length - 1] + "…"


def outbox_rows(user_ids, kind: str, title: str, body: str = "", url: str = "",
                case_id: int | None = None, urgent: bool = False, sms: bool = False,
                now=None) -> list[dict]:
    """Rows for OutboxMessage: in-app for everyone, SMS too when it matters enough."""
    now = now or utcnow()
    channels = (IN_APP, SMS) if sms else (IN_APP,)
    return [dict(user_id=user_id, channel=channel, kind=kind, title=title[:120], body=body,
                 url=url, case_id=case_id, urgent=urgent, status=PENDING, attempts=0,
                 created_at=now, error="")
            for user_id in dict.fromkeys(user_ids) for channel in channels]


def queue_notifications(rows: list[dict]) -> None:
    """Insert outbox rows in the current transaction; the caller commits with its change."""
    if rows:
        insert_rows(OutboxMessage.__table__, rows)


def notify(user_ids, kind: str, title: str, **options) -> None:
    queue_notifications(outbox_rows(user_ids, kind, title, **options))


def request_delivery() -> None:
    """Ask the worker to deliver now. Best effort: if Redis is away, the periodic delivery
    job finds the rows later, because they are in the database. In a web request this
    happens beside the response, so a villager never waits on a slow or frozen Redis."""
    url = current_app.config["REDIS_URL"]
    if has_request_context():
        threading.Thread(target=_enqueue_delivery, args=(url,), daemon=True).start()
    else:
        _enqueue_delivery(url)


def _enqueue_delivery(redis_url: str) -> None:
    try:
        from rq import Queue

        from worker.jobs.notifications import deliver_outbox
        from worker.queues import URGENT, redis_connection

        Queue(URGENT, connection=redis_connection(redis_url)).enqueue(
            deliver_outbox, job_timeout=300, result_ttl=60)
    except Exception as error:  # noqa: BLE001  (delivery must never break the request)
        # Loading the demo before the worker starts meets this for every event: say it once.
        if not _told_worker_away:
            _told_worker_away.append(True)
            log.warning("Notifications wait in the database until the worker runs (%s: %s).",
                     type(error).__name__, error)
        else:
            log.debug("delivery not enqueued: %s", error)


def _claim_pending(batch: int) -> list[OutboxMessage]:
    query = (select(OutboxMessage).where(OutboxMessage.status == PENDING)
             .order_by(OutboxMessage.urgent.desc(), OutboxMessage.id).limit(batch))
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(db.session.scalars(query))


def deliver_pending(batch: int = 200, max_batches: int | None = None) -> int:
    """Deliver pending outbox rows, a batch per transaction; returns how many were sent."""
    from ..accounts.models import User

    sent, rounds, by_channel = 0, 0, senders()
    while max_batches is None or rounds < max_batches:
        rounds += 1
        messages = _claim_pending(batch)
        if not messages:
            db.session.commit()
            break
        users = {u.id: u for u in db.session.scalars(
            select(User).where(User.id.in_({m.user_id for m in messages})))}
        for message in messages:
            try:
                with db.session.begin_nested():
                    by_channel[message.channel].send(message, users[message.user_id])
                    message.status, message.sent_at = SENT, utcnow()
                    sent += 1
            except Exception as error:  # noqa: BLE001  (one bad row must not stop the rest)
                message.attempts += 1
                message.error = f"{type(error).__name__}: {error}"[:200]
                if message.attempts >= MAX_ATTEMPTS:
                    message.status = FAILED
                log.warning("delivery of outbox #%s failed: %s", message.id, message.error)
        db.session.commit()
    return sent


def mark_read(user, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()


def mark_all_read(user) -> int:
    result = db.session.execute(
        update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow()))
    db.session.commit()
    return result.rowcount
