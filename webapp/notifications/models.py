"""The outbox and what delivery makes of it.

An event (a case escalated, a letter written) writes its OutboxMessage rows in the same
transaction as the change itself, so a notification exists exactly when the event does. The
worker then delivers each row through its channel's sender. In-app and log-SMS delivery write
their result (an inbox Notification, an SmsMessage) in the same transaction that marks the row
sent, and both are unique per outbox row: a crash before commit delivers nothing, a repeat
delivers nothing more.
"""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db

IN_APP, SMS = "inapp", "sms"
PENDING, SENT, FAILED, DIGESTED = "pending", "sent", "failed", "digested"


class OutboxMessage(db.Model):
    # Seen only by the person it names (page_versions: a change bumps that person alone).
    page_scope = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    channel: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))  # what happened: case.escalated, case.emergency …
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(200), default="")
    case_id: Mapped[int | None] = mapped_column(Integer)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str] = mapped_column(String(200), default="")
    # Held back until then: the person's quiet hours (preferences.py); None: at once.
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Gathered with the day's others into one SMS (the digest) rather than sent on its own.
    digest: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    broadcast_id: Mapped[int | None] = mapped_column(ForeignKey("broadcast.id"))

    __table_args__ = (db.Index("ix_outbox_message_status", "status", "id"),)


class Notification(db.Model):
    """An inbox item: what the person sees under 消息."""

    # Seen only by the person it names (page_versions: a change bumps that person alone).
    page_scope = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox_message.id"), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(200), default="")
    case_id: Mapped[int | None] = mapped_column(Integer)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    broadcast_id: Mapped[int | None] = mapped_column(ForeignKey("broadcast.id"), index=True)

    __table_args__ = (db.Index("ix_notification_user_read", "user_id", "read_at"),)


class SmsMessage(db.Model):
    """What the default SMS sender 'sent': one row per outbox row, never two."""

    # A delivery log no cached page shows (page_versions: it bumps nothing).
    page_scope = "covered"
    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox_message.id"), unique=True)
    phone: Mapped[str] = mapped_column(String(11))
    text: Mapped[str] = mapped_column(String(300))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class NotificationChoice(db.Model):
    """A person's choice for one group of events (preferences.GROUPS); none means the defaults."""

    page_scope = "person"
    __table_args__ = (UniqueConstraint("user_id", "group", name="uq_notification_choice"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    group: Mapped[str] = mapped_column(String(16))
    sms: Mapped[str] = mapped_column(String(8), default="default")  # default, on, off
    digest: Mapped[bool] = mapped_column(Boolean, default=False)


class QuietHours(db.Model):
    """When SMS waits (minutes after midnight, Beijing); none means 22:00–07:00."""

    page_scope = "person"
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    quiet_from: Mapped[int] = mapped_column(Integer)
    quiet_to: Mapped[int] = mapped_column(Integer)


HAZARDS = {"typhoon": _l("台风"), "flood": _l("洪水"), "fire": _l("火情"), "missing": _l("寻人"),
           "other": _l("其他紧急情况")}


class Broadcast(db.Model):
    """An emergency message to everyone living in a region, by every channel at once; SMS again,
    after `resend_after` minutes, to whoever has not read it in the app."""

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    hazard: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(60))
    body: Mapped[str] = mapped_column(Text)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    resend_after: Mapped[int] = mapped_column(Integer, default=30)  # minutes
    resent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resent_to: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    region = relationship("Region")
    sender = relationship("User")

    @property
    def hazard_label(self) -> str:
        return str(HAZARDS.get(self.hazard, self.hazard))
