"""Read models for the evaluation pages."""
from flask_babel import gettext as _
from sqlalchemy import select

from ..audit.objects import describes
from ..extensions import db
from ..params import as_id
from ..regions.models import Region
from .models import LeagueTable, SurveyAnswer


def table_by_id(table_id) -> LeagueTable | None:
    table_id = as_id(table_id)
    return db.session.get(LeagueTable, table_id) if table_id else None


def tables_of(region_id: int, period: str, limit: int = 12) -> list[LeagueTable]:
    """The region's newest tables of one kind, newest first (labels sort as their periods)."""
    return list(db.session.scalars(select(LeagueTable).where(
        LeagueTable.region_id == region_id, LeagueTable.period == period)
        .order_by(LeagueTable.label.desc()).limit(limit)))


def totals_over(region_id: int, period: str, labels: list[str]) -> dict[str, dict]:
    """{label: the table's totals} for those of the labels that have a table (a chart's trend)."""
    return {label: figures["totals"] for label, figures in db.session.execute(
        select(LeagueTable.label, LeagueTable.figures).where(
            LeagueTable.region_id == region_id, LeagueTable.period == period, LeagueTable.label.in_(labels)))}


@describes("league_table")
def describe_tables(ids: list[int]) -> dict[int, str]:
    from .periods import title

    return {tid: f"{name}{title(period, label)}" for tid, name, period, label in db.session.execute(
        select(LeagueTable.id, Region.name, LeagueTable.period, LeagueTable.label)
        .join(Region, Region.id == LeagueTable.region_id).where(LeagueTable.id.in_(ids)))}


@describes("survey_answer")
def describe_survey_answers(ids: list[int]) -> dict[int, str]:
    from .periods import quarter_title

    return {aid: _("群众测评 %(q)s", q=quarter_title(quarter)) for aid, quarter in db.session.execute(
        select(SurveyAnswer.id, SurveyAnswer.quarter).where(SurveyAnswer.id.in_(ids)))}
