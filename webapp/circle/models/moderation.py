"""Moderation (seed 002: rumours and 网络行为失范): the county's sensitive words, abuse reports,
moderators' decisions with a reason the author sees, one appeal each, and mutes for a time.
Every decision is a new row: nothing here is edited in place."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...database import UTCDateTime, utcnow
from ...extensions import db

KEEP, HIDE, REMOVE = "keep", "hide", "remove"
DECISIONS = {KEEP: _l("保留"), HIDE: _l("隐藏"), REMOVE: _l("删除")}
REASONS = {"rumour": _l("谣言、不实信息"), "abuse": _l("辱骂、人身攻击"), "fraud": _l("诈骗、虚假广告"),
           "privacy": _l("泄露他人隐私"), "vulgar": _l("低俗内容"), "other": _l("其他")}


class SensitiveWord(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    word: Mapped[str] = mapped_column(String(40))  # as normalised for matching (moderation.normalise)

    __table_args__ = (UniqueConstraint("county_id", "word", name="uq_sensitive_word"),)


class AbuseReport(db.Model):
    """One person's report of a post or comment: three from different people hide it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(8))  # post, comment
    target_id: Mapped[int] = mapped_column(Integer)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    reason: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (UniqueConstraint("target", "target_id", "reporter_id", name="uq_abuse_report_once"),
                      db.Index("ix_abuse_report_target", "target", "target_id"))


class Decision(db.Model):
    """A moderator's word on a post or comment (keep, hide, remove) with the reason the author
    reads; an appeal's outcome is a decision too (by the township)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(8))
    target_id: Mapped[int] = mapped_column(Integer)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    decision: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(200))
    on_appeal: Mapped[bool] = mapped_column(default=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    moderator = relationship("User")
    __table_args__ = (db.Index("ix_decision_target", "target", "target_id"),)


class Appeal(db.Model):
    """The author's one appeal against a decision, heard by the township."""

    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(8))
    target_id: Mapped[int] = mapped_column(Integer)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("target", "target_id", name="uq_appeal_once"),)


class Mute(db.Model):
    """A repeat offender may not post or comment until `until`."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    until: Mapped[datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(String(200))
    by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
