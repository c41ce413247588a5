"""A village's registry of vulnerable people. Tiered privacy (auth/care.py): the full record to
the carers assigned and the village's civil-affairs cadre only; the township sees counts and
overdue visits, never names. No row here is searched, exported or named in a log line or a
message: the audit log and notifications name a record by its number only."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db

CATEGORIES = {
    "elderly_alone": _l("独居、留守老人"),
    "left_behind_child": _l("留守儿童"),
    "disabled": _l("残疾人"),
    "low_income": _l("低保、低收入家庭"),
}
# Who holds an overdue visit: the carers, then the civil-affairs cadre, then the township.
CARERS, VILLAGE, TOWNSHIP = "carers", "village", "township"
ESCALATE_AFTER_DAYS = 3  # days an overdue visit stays with the village before the township is told


class CarePerson(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(24))
    needs: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    visit_every_days: Mapped[int] = mapped_column(Integer, default=7)
    next_visit_due: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    # Which due date the carers were reminded of, and how far an overdue one went (CARERS: not
    # yet): each happens once per due date, whatever reruns.
    reminded_for: Mapped[datetime | None] = mapped_column(UTCDateTime())
    level: Mapped[str] = mapped_column(String(16), default=CARERS)
    missed_count: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    carers: Mapped[list["CareAssignment"]] = relationship(order_by="CareAssignment.id", cascade="all, delete-orphan")
    visits: Mapped[list["CareVisit"]] = relationship(order_by="CareVisit.at.desc()")
    village = relationship("Region")

    @property
    def category_label(self) -> str:
        return str(CATEGORIES.get(self.category, self.category))


class CareAssignment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("care_person.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)

    user = relationship("User")
    # Written beside its CarePerson, whose village bumps the pages that change.
    page_scope = "covered"
    __table_args__ = (UniqueConstraint("person_id", "user_id", name="uq_care_assignment"),)


class CareVisit(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("care_person.id"), index=True)
    visitor_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")

    visitor = relationship("User")
