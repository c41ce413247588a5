"""The numbers of a league table, counted by the database: per village service team for a
township, per township for the county, over the cases reported in the period (as on the
figures page, cases/queries.figures) and the deadlines missed in it; ranked by the on-time rate,
then the satisfaction rate.

A row's team points follow the points area's public formula (points/teams.py): on time × 10,
满意 × 5, 基本满意 × 2, each missed deadline − 10."""
from sqlalchemy import and_, case, func, select

from ..cases.models import Case, DeadlineMiss
from ..extensions import db
from ..points.teams import team_points
from ..regions.models import GRID, TOWNSHIP, VILLAGE, Region

COUNTS = ("cases", "handled", "on_time", "satisfied", "basic", "rated", "missed",
          "requests", "requests_on_time", "requests_rated", "requests_happy")


def _count_if(condition):
    return func.sum(case((condition, 1), else_=0))


def _empty(region_id: int, name: str) -> dict:
    return dict(region_id=region_id, name=name, **dict.fromkeys(COUNTS, 0))


def _villages_under(region: Region):
    return select(Region.id).where(Region.path.startswith(region.path), Region.level == VILLAGE)


def cases_in(region: Region, start, end):
    """The cases reported in [start, end) in the region, as a join on the case's village: SQLite
    then walks the created_at index over the period (a month: a few thousand rows) instead of
    every case of every village by village_id (a year: tens of thousands)."""
    return (select(Case).join(Region, Region.id == Case.village_id)
            .where(Region.path.startswith(region.path), Case.created_at >= start, Case.created_at < end))


def _by_village(region: Region, start, end) -> dict[int, dict]:
    handled = Case.responded_at.is_not(None)
    rows = db.session.execute(
        cases_in(region, start, end).with_only_columns(
            Case.village_id, func.count(), _count_if(handled), _count_if(and_(handled, Case.missed_count == 0)),
            _count_if(Case.rating == "satisfied"), _count_if(Case.rating == "basic"), _count_if(Case.rating != ""))
        .group_by(Case.village_id)).all()
    return {village_id: dict(zip(COUNTS[:6], (int(n or 0) for n in numbers), strict=True))
            for village_id, *numbers in rows}


def _requests_by_village(region: Region, start, end) -> dict[int, dict]:
    """The services hall's requests made in the period: how many, answered before any deadline
    passed, rated, rated 满意 or 基本满意 (seed 004: 3,000 services, 96.5 % satisfied)."""
    from ..hall.models import ServiceRequest

    answered_in_time = and_(ServiceRequest.answered_at.is_not(None), ServiceRequest.missed_count == 0)
    rows = db.session.execute(
        select(ServiceRequest.village_id, func.count(), _count_if(answered_in_time), _count_if(ServiceRequest.rating != ""),
               _count_if(ServiceRequest.rating.in_(("satisfied", "basic"))))
        .join(Region, Region.id == ServiceRequest.village_id)
        .where(Region.path.startswith(region.path), ServiceRequest.created_at >= start, ServiceRequest.created_at < end)
        .group_by(ServiceRequest.village_id)).all()
    return {village_id: dict(zip(COUNTS[7:], (int(n or 0) for n in numbers), strict=True))
            for village_id, *numbers in rows}


def _misses_by_unit(region: Region, start, end) -> dict[int, int]:
    """Deadlines missed in the period, by the village whose grid or team missed them (or the
    township, for its command centre's own)."""
    unit = case((Region.level == GRID, Region.parent_id), else_=Region.id)
    return {unit_id: int(n) for unit_id, n in db.session.execute(
        select(unit, func.count()).select_from(DeadlineMiss).join(Region, Region.id == DeadlineMiss.team_region_id)
        .where(Region.path.startswith(region.path), DeadlineMiss.recorded_at >= start, DeadlineMiss.recorded_at < end)
        .group_by(unit)).all()}


def _ranked(rows: list[dict]) -> list[dict]:
    """Best first by the seed's two main measures (考评制: 及时处置率、群众满意率), then fewer
    misses; a team with nothing handled yet comes last. Team points are shown, not ranked by:
    they grow with the number of cases, so a busy village would lose to a quiet one."""
    for row in rows:
        row["points"] = team_points(row)

    def order(row):
        r = rates(row)
        return (r["on_time"] is None, -(r["on_time"] or 0), -(r["satisfaction"] or 0), row["missed"], -row["cases"],
                row["name"])

    return sorted(rows, key=order)


def _add(total: dict, row: dict) -> None:
    for key in COUNTS:
        total[key] = total.get(key, 0) + row.get(key, 0)  # tables made before a count existed lack it


def table_rows(region: Region, start, end) -> list[dict]:
    """Best first: each village of a township, or each township of the county."""
    cases, misses = _by_village(region, start, end), _misses_by_unit(region, start, end)
    for village_id, numbers in _requests_by_village(region, start, end).items():
        cases.setdefault(village_id, dict.fromkeys(COUNTS[:6], 0)).update(numbers)
    child_level = VILLAGE if region.level == TOWNSHIP else TOWNSHIP
    children = db.session.execute(select(Region.id, Region.name).where(
        Region.path.startswith(region.path), Region.level == child_level).order_by(Region.path)).all()
    rows = {rid: _empty(rid, name) for rid, name in children}
    if child_level == VILLAGE:
        for rid, row in rows.items():
            row.update(cases.get(rid, {}), missed=misses.get(rid, 0))
    else:
        township_of = dict(db.session.execute(select(Region.id, Region.parent_id).where(
            Region.id.in_(_villages_under(region)))).all())
        for village_id, numbers in cases.items():
            _add(rows[township_of[village_id]], {**dict.fromkeys(COUNTS, 0), **numbers, "missed": 0})
        for unit_id, n in misses.items():
            owner = unit_id if unit_id in rows else township_of.get(unit_id)
            if owner in rows:
                rows[owner]["missed"] += n
    return _ranked(list(rows.values()))


def cases_by_level(region: Region, start, end) -> dict[str, int]:
    """Where the period's cases stand now (or were finished): grid, village, township, county."""
    return {level: int(n) for level, n in db.session.execute(
        cases_in(region, start, end).with_only_columns(Case.level, func.count()).group_by(Case.level)).all()}


def table_figures(region: Region, start, end) -> dict:
    rows = table_rows(region, start, end)
    totals = _empty(region.id, region.name)
    for row in rows:
        _add(totals, row)
    totals["points"] = team_points(totals)
    totals["by_level"] = cases_by_level(region, start, end)
    return {"rows": rows, "totals": totals}


def rates(row: dict) -> dict:
    """The three rates of the seed's 考评制, in percent (None where nothing was counted):
    handling = handled ÷ cases; on time = handled without a missed deadline ÷ handled;
    satisfaction = 满意 or 基本满意 ÷ rated; the same two for the services hall's requests (answered
    before any deadline passed ÷ requests; 满意 or 基本满意 ÷ rated)."""
    def percent(n, d):
        return round(100 * n / d, 1) if d else None

    return {"handling": percent(row["handled"], row["cases"]), "on_time": percent(row["on_time"], row["handled"]),
            "satisfaction": percent(row["satisfied"] + row["basic"], row["rated"]),
            "requests_on_time": percent(row.get("requests_on_time", 0), row.get("requests", 0)),
            "requests_satisfaction": percent(row.get("requests_happy", 0), row.get("requests_rated", 0))}
