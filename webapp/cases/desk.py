"""The case desk of a township, a county or a village team: every case of the region, filtered,
searched in Chinese and sorted by the time left; and the overdue list (who is late, by how long).

Search cuts the query into words as the notice search does and keeps the cases whose text holds
every word. Cases have no word index: the desk always searches inside one region and usually one
period, a few thousand rows at most, where a substring match costs less than keeping an index."""
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased, joinedload

from ..database import utcnow
from ..disclosures.search import words
from ..extensions import db
from ..params import as_day
from ..regions.models import Region
from .models import CATEGORIES, CLOSED, IN_PROGRESS, LADDER, OPEN, RESOLVED, STATUS_LABELS, Case

BEIJING = ZoneInfo("Asia/Shanghai")
PAGE = 50
SORTS = ("time_left", "newest", "oldest")
# Single characters that say nothing about the case: a query "桥的栏杆坏了" looks for 桥, 栏杆, 坏.
FILLER = frozenset("的了是在和也都有我吗呢啊吧着把被给")


@dataclass
class DeskFilter:
    """What the desk was asked for; `problems` names the fields whose value was not understood
    (they are ignored, and the page says so)."""

    place: Region | None = None
    category: str = ""
    level: str = ""
    status: str = ""
    overdue: bool = False
    first: date | None = None
    last: date | None = None
    words: tuple[str, ...] = ()
    query: str = ""
    sort: str = "time_left"
    page: int = 1
    problems: list[str] = field(default_factory=list)

    def args(self, **changed) -> dict:
        """The filter as query arguments (for the next page's link and the sort buttons)."""
        args = dict(place=self.place.id if self.place else None, category=self.category or None,
                    level=self.level or None, status=self.status or None, overdue=1 if self.overdue else None,
                    **{"from": self.first.isoformat() if self.first else None},
                    to=self.last.isoformat() if self.last else None, q=self.query or None,
                    sort=self.sort if self.sort != "time_left" else None)
        args.update(changed)
        return {k: v for k, v in args.items() if v is not None}


def search_words(query: str) -> tuple[str, ...]:
    return tuple(sorted(w for w in words(query) if w not in FILLER))[:8]


def _choice(value: str | None, allowed, name: str, problems: list) -> str:
    if not value:
        return ""
    if value in allowed:
        return value
    problems.append(name)
    return ""


def _day(value: str | None, name: str, problems: list) -> date | None:
    if not value:
        return None
    try:
        return as_day(value)  # the platform's years only: 0001-01-01 would overflow the time zone
    except ValueError:
        problems.append(name)
        return None


def read_filter(args, desks: list[Region], place_of) -> DeskFilter:
    """The filter from the request's arguments. `place_of(id)` finds a region; a place outside
    the desk's regions is a problem, never a way to read another township's cases."""
    problems: list[str] = []
    place = None
    if args.get("place"):
        place = place_of(args.get("place"))
        if place is None or not any(d.contains(place) for d in desks):
            problems.append("place")
            place = None
    first, last = _day(args.get("from"), "from", problems), _day(args.get("to"), "to", problems)
    if first and last and last < first:
        first, last = last, first
    try:
        page = max(1, min(int(args.get("page") or 1), 1000))
    except ValueError:
        page = 1
    query = (args.get("q") or "").strip()[:60]
    return DeskFilter(place=place, category=_choice(args.get("category"), CATEGORIES, "category", problems),
                      level=_choice(args.get("level"), LADDER, "level", problems),
                      status=_choice(args.get("status"), STATUS_LABELS, "status", problems),
                      overdue=args.get("overdue") in ("1", "on", "true"), first=first, last=last,
                      words=search_words(query), query=query,
                      sort=_choice(args.get("sort"), SORTS, "sort", problems) or "time_left", page=page,
                      problems=problems)


def _in(region: Region):
    if region.level == "village":
        return Case.village_id == region.id
    if region.level == "grid":
        return Case.grid_id == region.id
    return Case.village_id.in_(select(Region.id).where(Region.path.startswith(region.path),
                                                       Region.level == "village"))


def late_now():
    """Unfinished and late: its deadline has passed, or it went up the ladder because a team let
    one pass (the sweep gives it the next level's deadline, but it stays late for the desk)."""
    return and_(Case.status.in_((OPEN, IN_PROGRESS)), or_(Case.due_at <= utcnow(), Case.missed_count > 0))


def _conditions(desks: list[Region], f: DeskFilter) -> list:
    conditions = [_in(f.place) if f.place else or_(*(_in(d) for d in desks))]
    if f.category:
        conditions.append(Case.category == f.category)
    if f.level:
        conditions.append(Case.level == f.level)
    if f.status:
        conditions.append(Case.status == f.status)
    if f.overdue:
        conditions.append(late_now())
    if f.first:
        conditions.append(Case.created_at >= datetime.combine(f.first, time.min, BEIJING))
    if f.last:
        conditions.append(Case.created_at < datetime.combine(f.last + timedelta(days=1), time.min, BEIJING))
    for word in f.words:
        conditions.append(Case.text.contains(word, autoescape=True))
    return conditions


def _order(sort: str):
    if sort == "newest":
        return (Case.id.desc(),)
    if sort == "oldest":
        return (Case.id,)
    # The most urgent first: open cases by the deadline, then the finished ones, newest first.
    finished = Case.status.in_((RESOLVED, CLOSED))
    return (finished, Case.due_at.is_(None), Case.due_at, Case.id.desc())


def desk_cases(desks: list[Region], f: DeskFilter) -> tuple[list[Case], int]:
    """One page of the cases (village, grid and handler loaded with them) and how many match."""
    conditions = _conditions(desks, f)
    total = db.session.scalar(select(func.count()).select_from(Case).where(*conditions))
    cases = list(db.session.scalars(
        select(Case).where(*conditions).options(joinedload(Case.village), joinedload(Case.grid),
                                                joinedload(Case.assigned_to))
        .order_by(*_order(f.sort)).limit(PAGE).offset((f.page - 1) * PAGE)))
    return cases, total


def desk_places(desks: list[Region]) -> list[Region]:
    """The desk's townships and villages, for the place filter, in tree order (none for the
    team of a single village)."""
    if len(desks) == 1 and desks[0].level == "village":
        return []
    return list(db.session.scalars(
        select(Region).where(or_(*(Region.path.startswith(d.path) for d in desks)),
                             Region.level.in_(("township", "village"))).order_by(Region.path)))


@dataclass
class Late:
    case: Case
    since: datetime  # the first deadline it missed
    hours: int  # how long since
    missed_by: list[str]  # the teams that let a deadline pass, in order

    @property
    def holder(self) -> str:
        """Who holds the case now: the person it was given to, or the level's team (the grid
        worker of its grid, the village's team, the township's command centre, the county)."""
        case = self.case
        if case.assigned_to is not None and case.level == "village":
            return case.assigned_to.name
        if case.level == "grid":
            return f"{case.village.name}{case.grid.name if case.grid else ''} · {case.level_label}"
        if case.level == "village":
            return f"{case.village.name} · {case.level_label}"
        return case.level_label


def _misses_of(case_ids: list[int]) -> dict[int, list]:
    from .models import LEVEL_LABELS, DeadlineMiss

    parent = aliased(Region)
    found: dict[int, list] = {}
    for case_id, level, team, team_level, above in db.session.execute(
            select(DeadlineMiss.case_id, DeadlineMiss.level, Region.name, Region.level, parent.name)
            .join(Region, Region.id == DeadlineMiss.team_region_id)
            .outerjoin(parent, parent.id == Region.parent_id)
            .where(DeadlineMiss.case_id.in_(case_ids)).order_by(DeadlineMiss.due_at)):
        name = f"{above}{team}" if team_level == "grid" else team  # 第一网格 is in every village
        found.setdefault(case_id, []).append(f"{name} · {LEVEL_LABELS.get(level, level)}")
    return found


def overdue_list(desks: list[Region], place: Region | None = None,
                 limit: int = 200) -> tuple[list[Late], dict[str, int]]:
    """The unfinished cases that are late — past a deadline now, or sent up the ladder because a
    team let one pass — the longest late first, with the teams that missed; and how many are
    late at each level they sit at now."""
    from .models import DeadlineMiss

    now = utcnow()
    first_miss = (select(DeadlineMiss.case_id, func.min(DeadlineMiss.due_at).label("since"))
                  .group_by(DeadlineMiss.case_id).subquery())
    since = func.coalesce(first_miss.c.since, Case.due_at)
    where = (_in(place) if place else or_(*(_in(d) for d in desks)), late_now())
    by_level = dict(db.session.execute(select(Case.level, func.count()).where(*where).group_by(Case.level)).all())
    rows = db.session.execute(
        select(Case, since).outerjoin(first_miss, first_miss.c.case_id == Case.id).where(*where)
        .options(joinedload(Case.village), joinedload(Case.grid), joinedload(Case.assigned_to))
        .order_by(since, Case.id).limit(limit)).all()
    missed = _misses_of([case.id for case, _ in rows])
    late = []
    for case, first in rows:
        first = first if first.tzinfo else first.replace(tzinfo=UTC)  # SQLite hands back a naive min()
        late.append(Late(case, first, max(0, int((now - first).total_seconds() // 3600)), missed.get(case.id, [])))
    return late, {level: int(by_level.get(level, 0)) for level in LADDER}
