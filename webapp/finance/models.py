"""Amounts are whole fen (分) in integers: exact, never floating point."""
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db
from ..media import names_files

INCOME, EXPENSE = "income", "expense"
KINDS = {INCOME: _l("收入"), EXPENSE: _l("支出")}
CATEGORIES = {
    INCOME: ["经营收入", "发包及上交收入", "投资收益", "补助收入", "其他收入"],
    EXPENSE: ["经营支出", "管理费用", "公益支出", "其他支出"],
}
REGISTERS = {"asset": _l("资产"), "resource": _l("资源")}


class LedgerLine(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    category: Mapped[str] = mapped_column(String(20))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    counterpart: Mapped[str] = mapped_column(String(60), default="")
    summary: Mapped[str] = mapped_column(String(120), default="")
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    receipt_path: Mapped[str] = mapped_column(String(200), default="")
    entered_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    village = relationship("Region")

    __table_args__ = (db.Index("ix_ledger_village_day", "village_id", "occurred_on"),)


class FinancePeriod(db.Model):
    """A month (1–12) or a quarter (Q1–Q4) of a village's ledger, published for villagers."""

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    span: Mapped[str] = mapped_column(String(8))  # month, quarter
    number: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    # Bumped when a line within the period is added after it was published: a phone keeping
    # the period for offline reading fetches it again only then.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    village = relationship("Region")

    __table_args__ = (UniqueConstraint("village_id", "year", "span", "number", name="uq_finance_period"),)

    @property
    def first_day(self) -> date:
        month = self.number if self.span == "month" else 3 * self.number - 2
        return date(self.year, month, 1)

    @property
    def end_day(self) -> date:
        """The day after the period."""
        month = (self.number if self.span == "month" else 3 * self.number) + 1
        return date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def label(self) -> str:
        return f"{self.year}年{self.number}月" if self.span == "month" else f"{self.year}年第{self.number}季度"


class RegisterItem(db.Model):
    """An entry of the assets or resources register."""

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    register: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(30), default="")
    quantity: Mapped[str] = mapped_column(String(30), default="")  # 3间、12.5亩 …
    value_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    location: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(String(120), default="")


names_files(LedgerLine.receipt_path)  # media.finish_parts() looks for rows naming a stored file
