"""Read models for case pages: lists, queues and the figures."""
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, false, func, or_, select
from sqlalchemy import case as when

from ..accounts.models import RoleMembership
from ..audit.objects import describes, quote
from ..extensions import db
from ..params import as_id
from ..regions.models import GRID as GRID_REGION
from ..regions.models import Region
from .models import (
    CLOSED,
    COUNTY,
    GRID,
    IN_PROGRESS,
    OPEN,
    RESOLVED,
    TOWNSHIP,
    VILLAGE,
    Attachment,
    Case,
    Mediation,
)


def case_by_id(case_id) -> Case | None:
    case_id = as_id(case_id)
    return db.session.get(Case, case_id) if case_id else None


def attachment_of(case: Case, attachment_id: int) -> Attachment | None:
    found = db.session.get(Attachment, attachment_id)
    return found if found is not None and found.case_id == case.id else None


def my_reports(user, limit: int = 50) -> list[Case]:
    return list(db.session.scalars(
        select(Case).where(or_(Case.reporter_id == user.id, Case.entered_by_id == user.id))
        .order_by(Case.id.desc()).limit(limit)))


def public_in_village(village_id: int, before_id: int | None = None, limit: int = 20) -> list[Case]:
    query = (select(Case).where(Case.village_id == village_id, Case.is_public.is_(True))
             .order_by(Case.id.desc()).limit(limit))
    if before_id:
        query = query.where(Case.id < before_id)
    return list(db.session.scalars(query))


def queue_for(user, limit: int = 100) -> list[Case]:
    """Active cases waiting for this person, soonest deadline first: at their grid, their
    village team, their township, or assigned to them."""
    conditions = [Case.assigned_to_id == user.id]
    for m in user.memberships:
        if m.role == "grid_worker":
            conditions.append(and_(Case.level == GRID, or_(
                Case.grid_id == m.region_id,
                and_(Case.grid_id.is_(None), Case.village_id == m.region.parent_id))))
        elif m.role in ("cadre", "party_secretary", "admin") and m.region.level == "village":
            conditions.append(and_(Case.level == VILLAGE, Case.village_id == m.region_id))
        elif m.role == "township_staff":
            conditions.append(and_(Case.level == TOWNSHIP, Case.village_id.in_(
                select(Region.id).where(Region.parent_id == m.region_id))))
        elif m.role == "admin" and m.region.level == "county":
            conditions.append(Case.level == COUNTY)
        elif m.role == "mediator":
            conditions.append(and_(Case.category == "dispute", Case.village_id.in_(
                select(Region.id).where(Region.path.startswith(m.region.path)))))
        elif m.role == "lawyer":  # disputes whose mediation failed, and those they took over
            conditions.append(and_(Case.category == "dispute", Case.village_id.in_(
                select(Region.id).where(Region.path.startswith(m.region.path))), Case.id.in_(
                select(Mediation.case_id).where(Mediation.status.in_(("failed", "lawyer"))))))
    return list(db.session.scalars(
        select(Case).where(Case.status.in_((OPEN, IN_PROGRESS)), or_(*conditions))
        .order_by(Case.due_at.is_(None), Case.due_at, Case.id).limit(limit)))


def village_team(village_id: int) -> list:
    """Members a village case can be assigned to, with their specialty."""
    from ..accounts.models import User

    rows = db.session.execute(
        select(User, RoleMembership.title).join(RoleMembership, RoleMembership.user_id == User.id)
        .where(RoleMembership.region_id == village_id,
               RoleMembership.role.in_(("service_member", "cadre", "party_secretary")))
        .order_by(User.name)).all()
    seen, team = set(), []
    for user, title in rows:
        if user.id not in seen:
            seen.add(user.id)
            team.append((user, title))
    return team


# ---- figures ------------------------------------------------------------------------------

@dataclass
class Figure:
    key: str
    label: object
    numerator: int
    denominator: int
    definition: object

    @property
    def percent(self) -> float | None:
        return round(100 * self.numerator / self.denominator, 1) if self.denominator else None


DEFINITIONS = {
    "handling": (_l("事件处置率"), _l("已有人响应处置的事件 ÷ 反映的事件总数")),
    "resolution": (_l("化解率"), _l("已办结（含已评价完结）的事件 ÷ 反映的事件总数")),
    "on_time": (_l("及时处置率"), _l("已响应处置、且没有错过任何一级期限的事件 ÷ 已响应处置的事件")),
    "satisfaction": (_l("满意率"), _l("评价为满意或基本满意的事件 ÷ 已评价的事件")),
    "village_share": (_l("村级解决占比"), _l("在网格或村一级办结的事件 ÷ 已办结的事件")),
}


def _in_region(region: Region):
    if region.level == GRID_REGION:
        return Case.grid_id == region.id
    villages = select(Region.id).where(Region.path.startswith(region.path), Region.level == "village")
    return Case.village_id.in_(villages)


def figures(region: Region, start, end) -> tuple[int, list[Figure]]:
    """The five figures for cases reported in [start, end) in the region."""
    resolved = Case.status.in_((RESOLVED, CLOSED))
    handled = Case.responded_at.is_not(None)
    count = func.count()

    def count_if(condition):
        return func.sum(when((condition, 1), else_=0))

    row = db.session.execute(
        select(count,
               count_if(handled),
               count_if(resolved),
               count_if(and_(handled, Case.missed_count == 0)),
               count_if(Case.rating.in_(("satisfied", "basic"))),
               count_if(Case.rating != ""),
               count_if(and_(resolved, Case.resolved_level.in_((GRID, VILLAGE)))))
        .where(_in_region(region) if region is not None else false(),
               Case.created_at >= start, Case.created_at < end)).one()
    total, handled_n, resolved_n, on_time_n, happy_n, rated_n, village_n = (int(v or 0) for v in row)
    numbers = {"handling": (handled_n, total), "resolution": (resolved_n, total),
               "on_time": (on_time_n, handled_n), "satisfaction": (happy_n, rated_n),
               "village_share": (village_n, resolved_n)}
    return total, [Figure(key, DEFINITIONS[key][0], n, d, DEFINITIONS[key][1])
                   for key, (n, d) in numbers.items()]


def misses_by_team(region: Region, start, end) -> list[tuple[Region, int]]:
    """How many deadlines each team let pass, worst first."""
    from .models import DeadlineMiss

    rows = db.session.execute(
        select(Region, func.count(DeadlineMiss.id))
        .join(DeadlineMiss, DeadlineMiss.team_region_id == Region.id)
        .where(Region.path.startswith(region.path), DeadlineMiss.recorded_at >= start,
               DeadlineMiss.recorded_at < end)
        .group_by(Region.id).order_by(func.count(DeadlineMiss.id).desc()).limit(20)).all()
    return [(r, n) for r, n in rows]


def grid_team_figures(village_id: int, start, end) -> dict[int, dict]:
    """Per grid of the village, for cases reported in [start, end): how many were handled,
    handled without missing a deadline, rated 满意 / 基本满意, rated at all, and the deadlines
    the grid's team let pass. The points area turns these into team points."""
    from .models import DeadlineMiss

    def count_if(condition):
        return func.sum(when((condition, 1), else_=0))

    handled = Case.responded_at.is_not(None)
    rows = db.session.execute(
        select(Case.grid_id, count_if(handled), count_if(and_(handled, Case.missed_count == 0)),
               count_if(Case.rating == "satisfied"), count_if(Case.rating == "basic"), count_if(Case.rating != ""))
        .where(Case.village_id == village_id, Case.grid_id.is_not(None), Case.created_at >= start,
               Case.created_at < end).group_by(Case.grid_id)).all()
    grids = select(Region.id).where(Region.parent_id == village_id, Region.level == GRID_REGION)
    misses = dict(db.session.execute(
        select(DeadlineMiss.team_region_id, func.count()).where(
            DeadlineMiss.team_region_id.in_(grids), DeadlineMiss.recorded_at >= start,
            DeadlineMiss.recorded_at < end).group_by(DeadlineMiss.team_region_id)).all())
    figures = {grid_id: dict(handled=0, on_time=0, satisfied=0, basic=0, rated=0, missed=0)
               for grid_id in db.session.scalars(grids)}
    for grid_id, *numbers in rows:
        if grid_id in figures:
            figures[grid_id].update(zip(("handled", "on_time", "satisfied", "basic", "rated"),
                                        (int(n or 0) for n in numbers), strict=True))
    for grid_id, missed in misses.items():
        figures[grid_id]["missed"] = int(missed)
    return figures


@describes("case")
def describe_cases(ids: list[int]) -> dict[int, str]:
    return {cid: _("反映 #%(id)s%(what)s", id=cid, what=quote(text)) for cid, text in db.session.execute(
        select(Case.id, Case.text).where(Case.id.in_(ids)))}
