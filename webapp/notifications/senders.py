"""Pluggable senders, one per channel. A sender delivers one outbox row inside the delivery
transaction. The defaults keep their record in the database (unique per outbox row), which
makes delivery exactly-once. A real SMS gateway (HttpSmsSender) passes the outbox id as the
gateway's client message id, so that a retried call is deduplicated by the gateway."""
import json
import logging
import urllib.request

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


class HttpSmsSender(SmsSender):
    """An SMS gateway over HTTP (SMS_SENDER=http): POSTs JSON {"id", "to", "text"} to
    SMS_GATEWAY_URL with `Authorization: Bearer SMS_GATEWAY_KEY`. The id is the outbox row's, the
    same on every retry, so a gateway that deduplicates by it (they do: the client message id)
    sends once even when our side did not hear its answer and tries again. A refusal or a
    timeout raises: delivery counts the attempt and tries again later, five times at most."""

    def __init__(self, url: str, key: str, template: str, timeout: float = 10):
        self.url, self.key, self.template, self.timeout = url, key, template, timeout

    def send(self, message: OutboxMessage, user) -> None:
        text = self.template.format(title=message.title, body=message.body or "").rstrip("：: ")
        payload = json.dumps({"id": f"cunli-{message.id}", "to": user.phone, "text": text[:300]}).encode()
        request = urllib.request.Request(self.url, data=payload, method="POST", headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {self.key}"})
        with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310 (the county's own gateway)
            if not 200 <= answer.status < 300:
                raise ConnectionError(f"gateway answered {answer.status}")
        db.session.add(SmsMessage(outbox_id=message.id, phone=user.phone, text=text[:300]))
        log.info("SMS to %s via the gateway", user.masked_phone)


def senders() -> dict:
    configured = current_app.extensions.get("cunli.senders")
    if configured:
        return configured
    config = current_app.config
    if config.get("SMS_SENDER") == "http":
        sms = HttpSmsSender(config["SMS_GATEWAY_URL"], config["SMS_GATEWAY_KEY"], config["SMS_TEMPLATE"])
    else:
        sms = SmsSender()
    return {IN_APP: InAppSender(), SMS: sms}
