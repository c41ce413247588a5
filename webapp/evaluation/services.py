"""League tables (周晒单、月通报、年度汇总), made by the worker for every township and the county.

The job finds each finished week, month and year that has no table for a region and makes it,
one region per transaction: a missed run (a day, a month) is caught up by the next, a rerun
finds nothing to do, and the unique (region, period, label) stops two workers racing. A table
with something in it goes up as a notice of the region; only the newest of each kind tells the
teams their place — a table caught up weeks late is published without waking anyone."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..audit.services import record
from ..cases.models import Case
from ..cases.recipients import role_holder_ids
from ..database import utcnow
from ..disclosures.services import publish_generated_notice
from ..extensions import db
from ..notifications.services import notify
from ..regions.models import COUNTY, TOWNSHIP, Region
from ..roles import VILLAGE_TEAM
from ..transaction import commit
from .figures import rates, table_figures
from .models import MONTH, WEEK, YEAR, LeagueTable
from .periods import bounds, finished, title
from .survey import survey_results, year_quarters

PERIODS = (WEEK, MONTH, YEAR)
KIND_WORDS = {WEEK: _l("周晒单"), MONTH: _l("月通报"), YEAR: _l("年度考评汇总")}
# Who hears of their place: a village's team from the township's table, a township's command
# centre from the county's.
TOLD = {TOWNSHIP: VILLAGE_TEAM, COUNTY: ("township_staff", "admin")}


def table_title(table: LeagueTable) -> str:
    return f"{table.region.name}{title(table.period, table.label)}{KIND_WORDS[table.period]}"


def _percent(value) -> str:
    return "—" if value is None else f"{value:g}%"


def _line(rank: int, row: dict) -> str:
    r = rates(row)
    return str(_l("%(rank)s. %(name)s：反映 %(cases)s 件，处置率 %(handling)s，及时处置率 %(on_time)s，"
                  "满意率 %(satisfaction)s，错过期限 %(missed)s 次，团队积分 %(points)s",
                  rank=rank, name=row["name"], cases=row["cases"], handling=_percent(r["handling"]),
                  on_time=_percent(r["on_time"]), satisfaction=_percent(r["satisfaction"]), missed=row["missed"],
                  points=row["points"]))


def _notice_body(table: LeagueTable) -> str:
    lines = [_line(n, row) for n, row in enumerate(table.figures["rows"], start=1)]
    return "\n".join(lines + [str(_l("完整表格（可打印、可下载）：/evaluation/tables/%(id)s", id=table.id))])


def _tell_teams(table: LeagueTable, now) -> None:
    rows = table.figures["rows"]
    for rank, row in enumerate(rows, start=1):
        r = rates(row)
        notify(role_holder_ids([row["region_id"]], TOLD[table.region.level]), "evaluation.ranked",
               str(_l("%(what)s：%(name)s第 %(rank)s 名（共 %(n)s 个），及时处置率 %(on_time)s，满意率 %(satisfaction)s",
                      what=table_title(table), name=row["name"], rank=rank, n=len(rows),
                      on_time=_percent(r["on_time"]), satisfaction=_percent(r["satisfaction"]))),
               url=f"/evaluation/tables/{table.id}", now=now)


def make_table(region: Region, period: str, label: str, now=None, tell: bool = False) -> LeagueTable | None:
    """The table of one region for one finished period, with its notice, in the caller's
    transaction; None when it exists already."""
    now = now or utcnow()
    if db.session.scalar(select(LeagueTable.id).where(LeagueTable.region_id == region.id,
                                                      LeagueTable.period == period, LeagueTable.label == label)):
        return None
    start, end = bounds(period, label)
    figures = table_figures(region, start, end)
    if period == YEAR:
        survey = survey_results(region, year_quarters(label))
        for row in figures["rows"]:
            row["survey"] = survey.get(row["region_id"])
    table = LeagueTable(region_id=region.id, period=period, label=label, created_at=now, figures=figures)
    try:
        with db.session.begin_nested():
            db.session.add(table)
            db.session.flush()
    except IntegrityError:  # another worker made it a moment ago
        return None
    table.region = region
    busy = figures["totals"]["cases"] or figures["totals"]["missed"] or figures["totals"]["requests"]
    if busy:
        # Dated when the period ended (within the hour, as the job runs), so a table caught up
        # weeks late takes its place in the feed instead of pushing today's notices down.
        notice = publish_generated_notice(region, section="village", title=table_title(table),
                                          body=_notice_body(table), now=min(now, end))
        table.disclosure_id = notice.id
        if tell:
            _tell_teams(table, now)
    record(None, "evaluation.table_made", table, object_type="league_table", region=region.id, period=period,
           label=label, rows=len(figures["rows"]), cases=figures["totals"]["cases"])
    return table


def first_case_at():
    return db.session.scalar(select(func.min(Case.created_at)))


def make_due_tables(now=None, log=None) -> int:
    """A batch runner (an edge, like a job): every missing table of every finished week, month
    and year since the first case, for every township and county, one committed change each;
    returns how many it made."""
    now = now or utcnow()
    since = first_case_at()
    if since is None:
        return 0
    regions = list(db.session.scalars(select(Region).where(Region.level.in_((TOWNSHIP, COUNTY))).order_by(Region.path)))
    made = 0
    for period in PERIODS:
        labels = finished(period, since, now)
        for label in labels:
            done = set(db.session.scalars(select(LeagueTable.region_id).where(LeagueTable.period == period,
                                                                             LeagueTable.label == label)))
            commit()
            for region in regions:
                if region.id not in done and make_table(region, period, label, now, tell=label == labels[-1]):
                    made += 1
                commit()
        if log:
            log(f"{period}: {made} table(s) made so far")
    return made
