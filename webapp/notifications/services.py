"""Writing to the outbox (in the caller's transaction) and delivering from it (in the worker)."""
import logging
from datetime import timedelta

from sqlalchemy import or_, select, update

from ..database import insert_rows, utcnow
from ..extensions import db
from ..jobs import deliver_after_commit
from ..page_versions import declared
from ..transaction import commit
from .models import FAILED, IN_APP, PENDING, SENT, Notification, OutboxMessage
from .preferences import channels_for
from .senders import InAppSender, senders

log = logging.getLogger("cunli.notifications")
MAX_ATTEMPTS = 5


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
    """Rows for OutboxMessage: in-app for everyone; SMS when it matters enough (`sms`) or the
    person asked for it, as their preferences say (preferences.py)."""
    now = now or utcnow()
    return [dict(user_id=user_id, channel=channel, kind=kind, title=title[:120], body=body,
                 url=url, case_id=case_id, urgent=urgent, status=PENDING, attempts=0,
                 created_at=now, error="", not_before=extra.get("not_before"), digest=extra.get("digest", False))
            for user_id, channel, extra in channels_for(user_ids, kind, sms, urgent, now)]


def queue_notifications(rows: list[dict]) -> None:
    """Insert outbox rows in the current transaction; the caller commits with its change."""
    if rows:
        insert_rows(OutboxMessage.__table__, rows)


def notify(user_ids, kind: str, title: str, **options) -> None:
    queue_notifications(outbox_rows(user_ids, kind, title, **options))


def notify_and_deliver(user_ids, kind: str, title: str, **options) -> None:
    """The outbox rows now, a delivery nudge once they are committed."""
    notify(user_ids, kind, title, **options)
    deliver_after_commit()


def _claim_pending(batch: int, channel: str | None = None) -> list[OutboxMessage]:
    query = (select(OutboxMessage).where(OutboxMessage.status == PENDING, OutboxMessage.digest.is_(False),
                                         or_(OutboxMessage.not_before.is_(None), OutboxMessage.not_before <= utcnow()))
             .order_by(OutboxMessage.urgent.desc(), OutboxMessage.id).limit(batch))
    if channel:
        query = query.where(OutboxMessage.channel == channel)
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(db.session.scalars(query))


def deliver_pending(batch: int = 200, max_batches: int | None = None) -> int:
    """A batch runner (an edge, like a job): deliver pending outbox rows, one committed batch
    at a time, so a crash repeats at most the batch it was in; returns how many were sent."""
    from ..accounts.models import User

    sent, rounds, by_channel = 0, 0, senders()
    while max_batches is None or rounds < max_batches:
        rounds += 1
        # The inbox first: a broadcast's 180,000 in-app rows are in everyone's app in a minute or
        # two, while the SMS (a gateway's pace, row by row) follow.
        messages = _claim_pending(batch, IN_APP) or _claim_pending(batch)
        if not messages:
            commit()
            break
        if type(by_channel[IN_APP]) is InAppSender:  # the database's own inbox: the batch in one insert
            in_app = [m for m in messages if m.channel == IN_APP]
            sent += _deliver_in_app(in_app)
            messages = [m for m in messages if m.channel != IN_APP]
        users = {u.id: u for u in db.session.scalars(
            select(User).where(User.id.in_({m.user_id for m in messages})))} if messages else {}
        for message in messages:
            try:
                with db.session.begin_nested():
                    by_channel[message.channel].send(message, users[message.user_id])
                    message.status, message.sent_at = SENT, utcnow()
                    sent += 1
            except Exception as error:  # noqa: BLE001  (one bad row must not stop the rest)
                message.attempts += 1
                message.error = f"{type(error).__name__}: {error}"[:200]
                # Tried again later, not in this run's next batch: a gateway that is down gets
                # 1, 2, 4, 8 minutes to come back before the row is given up.
                message.not_before = utcnow() + timedelta(minutes=2 ** (message.attempts - 1))
                if message.attempts >= MAX_ATTEMPTS:
                    message.status = FAILED
                log.warning("delivery of outbox #%s failed: %s", message.id, message.error)
        commit()
    return sent


def _deliver_in_app(messages: list[OutboxMessage]) -> int:
    """Inbox items for a batch of in-app rows in one insert, the rows marked sent in the same
    change (a broadcast makes 180,000 of them; one savepoint each would take minutes). An item
    already there for a row (Notification.outbox_id is unique) means a crashed run delivered it."""
    if not messages:
        return 0
    done = set(db.session.scalars(select(Notification.outbox_id).where(
        Notification.outbox_id.in_([m.id for m in messages]))))
    insert_rows(Notification.__table__, [
        dict(outbox_id=m.id, user_id=m.user_id, created_at=m.created_at, kind=m.kind, title=m.title, body=m.body,
             url=m.url, case_id=m.case_id, urgent=m.urgent, broadcast_id=m.broadcast_id, read_at=None)
        for m in messages if m.id not in done])
    with declared():  # the outbox shows on no page; the inbox items above bump their people
        db.session.execute(update(OutboxMessage).where(OutboxMessage.id.in_([m.id for m in messages]))
                           .values(status=SENT, sent_at=utcnow()), execution_options={"synchronize_session": False})
    return len(messages)


def mark_read(user, notification: Notification) -> None:
    if notification.user_id == user.id and notification.read_at is None:
        notification.read_at = utcnow()
        user.unread_at_load = None  # the badge counted at login time is out of date now


def mark_all_read(user) -> int:
    user.unread_at_load = None
    return db.session.execute(
        update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())).rowcount
