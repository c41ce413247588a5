"""What a township's or the county's dashboard shows: trends read from the league tables the
worker made (a dashboard is a few statements, however big the county), this month's ranking
counted now, the survey of this quarter and the last, and how many cases are late now.

A chart is (title, svg, header, rows): the numbers it draws go in a table beside it."""
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import func, select

from ..cases.desk import late_now
from ..cases.models import LADDER, LEVEL_LABELS, Case
from ..charts import bar_chart, line_chart
from ..database import utcnow
from ..extensions import db
from ..i18n import BEIJING
from ..regions.models import TOWNSHIP, VILLAGE, Region
from .figures import rates, table_rows
from .models import MONTH, WEEK, LeagueTable
from .periods import (
    bounds,
    label_of,
    previous,
    previous_quarter,
    quarter_of,
    quarter_title,
    short_title,
)
from .queries import totals_over
from .survey import QUESTIONS, survey_by_quarter

TREND = 12  # weeks and months a trend shows


@dataclass
class Chart:
    title: str
    svg: Markup
    header: list[str]
    rows: list[list]


def _percent(value) -> str:
    return "—" if value is None else f"{value:g}%"


def _present(region_id: int, period: str, labels: list[str]) -> tuple:
    """Which of the labels have a table, each with its id and the moment it was made: what a
    kept trend must match (a database restored or another test's names other tables)."""
    return tuple(sorted((label, tid, str(made)) for label, tid, made in db.session.execute(
        select(LeagueTable.label, LeagueTable.id, LeagueTable.created_at).where(
            LeagueTable.region_id == region_id, LeagueTable.period == period, LeagueTable.label.in_(labels)))))


def weekly_cases(region: Region, today) -> Chart:
    weeks = previous(WEEK, label_of(WEEK, today - timedelta(days=7)), TREND)
    return _weekly_chart(region.id, tuple(weeks), _present(region.id, WEEK, weeks), str(get_locale()))


def monthly_rates(region: Region, today) -> Chart:
    months = previous(MONTH, label_of(MONTH, today.replace(day=1) - timedelta(days=1)), TREND)
    return _monthly_chart(region.id, tuple(months), _present(region.id, MONTH, months), str(get_locale()))


def _from_first(labels: tuple, totals: dict) -> tuple:
    """From the first period with a table (a county that started in September shows no empty
    spring), but at least four periods."""
    first = next((i for i, label in enumerate(labels) if label in totals), len(labels))
    return labels[min(first, len(labels) - 4):]


# A table never changes once made: a trend is drawn once per region, the tables it shows and
# language, and kept in the process (a chart is a few milliseconds of leather's arithmetic).
@lru_cache(maxsize=512)
def _weekly_chart(region_id: int, weeks: tuple, _present: tuple, _locale: str) -> Chart:
    totals = totals_over(region_id, WEEK, list(weeks))
    weeks = _from_first(weeks, totals)
    names = [short_title(WEEK, w) for w in weeks]
    series = {str(LEVEL_LABELS[level]): [totals[w]["by_level"].get(level, 0) if w in totals else None for w in weeks]
              for level in LADDER}
    rows = [[names[i]] + [series[str(LEVEL_LABELS[lv])][i] if weeks[i] in totals else "—" for lv in LADDER]
            + [totals[w]["cases"] if w in totals else "—"] for i, w in enumerate(weeks)]
    title = _("每周反映件数（按现在所在的层级）")
    return Chart(title, line_chart(title, names, series), [_("周")] + [str(LEVEL_LABELS[lv]) for lv in LADDER]
                 + [_("合计")], rows)


@lru_cache(maxsize=512)
def _monthly_chart(region_id: int, months: tuple, _present: tuple, _locale: str) -> Chart:
    totals = totals_over(region_id, MONTH, list(months))
    months = _from_first(months, totals)
    names = [short_title(MONTH, m) for m in months]
    figures = [rates(totals[m]) if m in totals else {} for m in months]
    on_time, satisfaction = _("及时处置率"), _("满意率")
    series = {on_time: [f.get("on_time") for f in figures], satisfaction: [f.get("satisfaction") for f in figures]}
    rows = [[names[i], _percent(f.get("on_time")), _percent(f.get("satisfaction")),
             totals[m]["cases"] if m in totals else "—"] for i, (m, f) in enumerate(zip(months, figures, strict=True))]
    title = _("及时处置率和满意率（按月，%）")
    return Chart(title, line_chart(title, names, series, y_max=100), [_("月"), on_time, satisfaction, _("反映件数")], rows)


def ranking(region: Region, now) -> Chart:
    start, _end = bounds(MONTH, label_of(MONTH, now.astimezone(BEIJING).date()))
    rows = table_rows(region, start, now)
    title = _("本月至今各村排名（及时处置率，%）") if region.level == TOWNSHIP else _("本月至今各乡镇排名（及时处置率，%）")
    table = [[n, row["name"], row["cases"], _percent(rates(row)["on_time"]), _percent(rates(row)["satisfaction"]),
              row["missed"], row["points"]] for n, row in enumerate(rows, start=1)]
    return Chart(title, bar_chart(title, [(row["name"], rates(row)["on_time"] or 0) for row in rows], x_max=100),
                 [_("名次"), _("村") if region.level == TOWNSHIP else _("乡镇"), _("反映件数"), _("及时处置率"),
                  _("满意率"), _("错过期限"), _("团队积分")], table)


def survey_table(region: Region, now) -> tuple[list[str], list[list], list[str]]:
    """(quarters shown, rows: [name, answers and average per quarter…], the villages' ids)."""
    this = quarter_of(now)
    quarters = [previous_quarter(this), this]
    child_level = VILLAGE if region.level == TOWNSHIP else TOWNSHIP
    children = db.session.execute(select(Region.id, Region.name).where(
        Region.path.startswith(region.path), Region.level == child_level).order_by(Region.path)).all()
    by_quarter = survey_by_quarter(region, quarters)
    results = [by_quarter[q] for q in quarters]
    rows = []
    for child_id, name in children:
        cells = [name]
        for result in results:
            found = result.get(child_id) or {"answers": 0}
            cells += [found["answers"], found.get("overall", "—")]
        rows.append((child_id, cells))
    return [quarter_title(q) for q in quarters], rows, list(QUESTIONS)


def late_count(region: Region) -> int:
    return int(db.session.scalar(select(func.count()).select_from(Case).join(Region, Region.id == Case.village_id)
                                 .where(Region.path.startswith(region.path), late_now())) or 0)


def dashboard(region: Region, now=None) -> dict:
    now = now or utcnow()
    today = now.astimezone(BEIJING).date()
    quarters, survey_rows, _questions = survey_table(region, now)
    return dict(charts=[weekly_cases(region, today), monthly_rates(region, today), ranking(region, now)],
                quarters=quarters, survey_rows=survey_rows, late=late_count(region))
