"""The points ledger is append-only: the database refuses UPDATE and DELETE of an entry (the
migration's triggers); a correction is a new entry that reverses an old one. Balances are
derived from the ledger; the cached balance can be rebuilt and compared at any time."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...database import UTCDateTime, utcnow
from ...extensions import db

KINDS = {"natural": _l("自然积分"), "conduct": _l("日常表现"), "special": _l("特别贡献")}
# Points spent in the goodwill supermarket: not earned, so not in the earning kinds above.
STORE_KIND = "store"
AWARDERS = {"cadre": _l("村干部"), "group_leader": _l("村民小组长"), "auto": _l("自动")}


class PointRule(db.Model):
    """A rule of the county's catalogue, or a village's own version of it (same code)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10))
    points: Mapped[int] = mapped_column(Integer)  # negative for a deduction
    monthly_cap: Mapped[int | None] = mapped_column(Integer)  # per person, for this rule
    awarded_by: Mapped[str] = mapped_column(String(16), default="cadre")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, _l("热心超市兑换")))


class PointEntry(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), index=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("point_rule.id"))
    kind: Mapped[str] = mapped_column(String(10))
    points: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("point_entry.id"), unique=True)
    # What earned it automatically ("case:12:confirmed"): the same event never pays twice.
    source_ref: Mapped[str | None] = mapped_column(String(64), unique=True)

    rule = relationship("PointRule")
    user = relationship("User", foreign_keys=[user_id])

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, _l("热心超市兑换")))

    __table_args__ = (db.Index("ix_point_entry_village_month", "village_id", "created_at"),)


class PointBalance(db.Model):
    """A cache of the ledger's sum per person; `flask points rebuild` recomputes it."""

    # Moves only with a ledger entry, which bumps its village and person (page_versions).
    page_scope = "covered"
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    balance: Mapped[int] = mapped_column(Integer, default=0)
