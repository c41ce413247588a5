"""Pluggable senders, one per channel. A sender delivers one outbox row inside the delivery
transaction. The defaults keep their record in the database (unique per outbox row), which
makes delivery exactly-once. A real SMS gateway plugs in by subclassing SmsSender and passing
the outbox id as the gateway's client message id, so that a retried call is deduplicated by
the gateway."""
import logging

from flask import current_app

from ..extensions import db
from .models import IN_APP, SMS, Notification, OutboxMessage, SmsMessage

log = logging.getLogger("cunli.sms")


class InAppSender:
    channel = IN_APP

    def send(self, message: OutboxMessage, user) -> None:
        db.session.add(Notification(
            outbox_id=message.id, user_id=message.user_id, created_at=message.created_at,
            kind=message.kind, title=message.title, body=message.body, url=message.url,
            case_id=message.case_id, urgent=message.urgent, broadcast_id=message.broadcast_id))


class SmsSender:
    """The default: records the text and writes it to the log instead of a gateway."""

    channel = SMS

    def send(self, message: OutboxMessage, user) -> None:
        text = f"【村里】{message.title}" + (f"：{message.body}" if message.body else "")
        db.session.add(SmsMessage(outbox_id=message.id, phone=user.phone, text=text[:300]))
        log.info("SMS to %s: %s", user.masked_phone, text)


def senders() -> dict:
    configured = current_app.extensions.get("cunli.senders")
    return configured or {IN_APP: InAppSender(), SMS: SmsSender()}
