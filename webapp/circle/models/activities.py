"""Activities: proposed by a villager and approved by a cadre (a cadre's own are published at
once), with places, a sign-up deadline, a waiting list moved up in order, and check-in."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...database import UTCDateTime, utcnow
from ...extensions import db

PROPOSED, OPEN, CANCELLED = "proposed", "open", "cancelled"
GOING, WAITING, WITHDRAWN = "going", "waiting", "withdrawn"
SIGNUP_STATUSES = {GOING: _l("已报名"), WAITING: _l("候补中"), WITHDRAWN: _l("已取消")}


class Activity(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    organiser_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    title: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(String(80))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    signup_until: Mapped[datetime] = mapped_column(UTCDateTime())
    capacity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=OPEN)
    # Why a cadre turned a proposal down or the organiser called it off: shown on its page.
    cancel_reason: Mapped[str] = mapped_column(String(200), default="", server_default="")
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    checkin_code: Mapped[str] = mapped_column(String(16))
    # When the day-before reminder went out (once: the job claims it).
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    going_count: Mapped[int] = mapped_column(Integer, default=0)
    # Guards the places: two sign-ups for the last place cannot both take it.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organiser = relationship("User", foreign_keys=[organiser_id])
    village = relationship("Region")
    __mapper_args__ = {"version_id_col": version}


class Signup(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=GOING)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)  # the waiting list's order
    attended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user = relationship("User")
    page_scope = "covered"  # written beside its activity's count
    __table_args__ = (UniqueConstraint("activity_id", "user_id", name="uq_signup_once"),)

    @property
    def status_label(self) -> str:
        return str(SIGNUP_STATUSES[self.status])
