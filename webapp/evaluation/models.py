"""Evaluation (考评制): the league tables the worker makes for every township and the county —
weekly (周晒单), monthly (月通报) and yearly (the summary that feeds the annual assessment) — and
the villagers' quarterly rating of their party branch and service team (群众测评)."""
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db

WEEK, MONTH, YEAR = "week", "month", "year"


class LeagueTable(db.Model):
    """One table per region, kind of period and period, whatever reruns: the unique key stops a
    second worker, and a missed run is caught up by the next (services.make_due_tables)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)  # a township or the county
    period: Mapped[str] = mapped_column(String(8))  # week, month, year
    label: Mapped[str] = mapped_column(String(8))  # "2026-W49", "2026-11", "2026" (Beijing calendar)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    disclosure_id: Mapped[int | None] = mapped_column(ForeignKey("disclosure.id"))
    # {"rows": [{"region_id", "name", "cases", "handled", "on_time", "satisfied", "basic",
    #            "rated", "missed", "points", "survey": {...} (years only)}…] best first,
    #  "totals": {the same sums, "by_level": {level: cases}}}
    figures: Mapped[dict] = mapped_column(JSON)

    region = relationship("Region")

    __table_args__ = (UniqueConstraint("region_id", "period", "label", name="uq_league_table_period"),)


class SurveyAnswer(db.Model):
    """"I have answered this quarter's survey for my village": who, never what (the answers
    are in SurveyResponse, which names nobody). One per person, village and quarter."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    quarter: Mapped[str] = mapped_column(String(7))  # "2026-Q4"

    __table_args__ = (UniqueConstraint("user_id", "village_id", "quarter", name="uq_survey_answer_once"),)


class SurveyResponse(db.Model):
    """What was answered, with a random id and the day only: no person, no time of day, and (on
    SQLite, WITHOUT ROWID) no row order that follows the order of answering."""

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    quarter: Mapped[str] = mapped_column(String(7))
    scores: Mapped[dict] = mapped_column(JSON)  # {question key: 1..5}
    comment: Mapped[str] = mapped_column(Text, default="")
    day: Mapped[date] = mapped_column(Date)

    # Written beside its SurveyAnswer, whose person and region bump the pages that change.
    page_scope = "covered"
    __table_args__ = ({"sqlite_with_rowid": False},)
