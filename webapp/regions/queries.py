"""Read models for region pages."""
from sqlalchemy import func, or_, select
from sqlalchemy.orm.util import identity_key

from ..audit.objects import describes
from ..extensions import db
from ..params import as_id
from .models import TOWNSHIP, VILLAGE, Region


def region_by_code(code: str) -> Region | None:
    return db.session.scalar(select(Region).where(Region.code == code))


def regions_by_id(ids) -> dict[int, Region]:
    """Regions by id, reading only those not already loaded in this request: a page asks for
    the same village's ancestors several times (its own list, the notices it may see)."""
    session = db.session()
    found = {i: r for i in set(ids) if i is not None
             and (r := session.identity_map.get(identity_key(Region, i))) is not None}
    missing = [i for i in set(ids) if i is not None and i not in found]
    if missing:
        found.update((r.id, r) for r in session.scalars(select(Region).where(Region.id.in_(missing))))
    return found


def ancestors(region: Region) -> list[Region]:
    """From the county down to the region itself."""
    found = regions_by_id(region.ancestor_ids)
    return [found[i] for i in region.ancestor_ids if i in found]


def full_name(region: Region | None) -> str:
    if region is None:
        return ""
    return " · ".join(r.name for r in ancestors(region))


def subtree(region: Region):
    return select(Region).where(Region.path.startswith(region.path))


def villages_by_township() -> list[tuple[Region, list[Region]]]:
    """Every village grouped under its township, for the sign-up form."""
    townships = db.session.scalars(
        select(Region).where(Region.level == TOWNSHIP).order_by(Region.code)
    ).all()
    villages = db.session.scalars(
        select(Region).where(Region.level == VILLAGE).order_by(Region.code)
    ).all()
    by_parent: dict[int, list[Region]] = {}
    for village in villages:
        by_parent.setdefault(village.parent_id, []).append(village)
    return [(t, by_parent.get(t.id, [])) for t in townships if by_parent.get(t.id)]


def children_of(region: Region, level: str | None = None) -> list[Region]:
    query = select(Region).where(Region.parent_id == region.id).order_by(Region.code)
    if level:
        query = query.where(Region.level == level)
    return list(db.session.scalars(query))


def child_counts(region: Region) -> dict[int, int]:
    """How many regions sit directly under each child of region."""
    child = select(Region.id).where(Region.parent_id == region.id)
    rows = db.session.execute(
        select(Region.parent_id, func.count()).where(Region.parent_id.in_(child)).group_by(Region.parent_id)
    )
    return dict(rows.all())


def villages_within(regions: list[Region]) -> list[Region]:
    """Every village inside the regions (a township's, a county's), in tree order."""
    if not regions:
        return []
    return list(db.session.scalars(select(Region).where(
        Region.level == VILLAGE, or_(*[Region.path.startswith(r.path) for r in regions])).order_by(Region.path)))


def region_by_id(region_id) -> Region | None:
    region_id = as_id(region_id)
    return db.session.get(Region, region_id) if region_id else None


@describes("region", "village")
def describe_regions(ids: list[int]) -> dict[int, str]:
    return {rid: name for rid, name in db.session.execute(select(Region.id, Region.name).where(Region.id.in_(ids)))}
