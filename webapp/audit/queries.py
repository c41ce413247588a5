"""Read models for trails (留痕) and the audit page."""
from sqlalchemy import select

from ..extensions import db
from ..regions.models import Region
from .models import AuditEntry


def trail_of(object_type: str, object_id: int, limit: int = 50) -> list[AuditEntry]:
    return list(db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.object_type == object_type, AuditEntry.object_id == object_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    ))


def entries_in(region: Region, before_id: int | None = None, limit: int = 30) -> list[AuditEntry]:
    """Entries about objects in the region's subtree, newest first, a page at a time."""
    in_subtree = AuditEntry.region_id.in_(select(Region.id).where(Region.path.startswith(region.path)))
    if region.parent_id is None:
        # Whole-county actions (imports, set-up) belong to no one region: the top sees them.
        in_subtree = in_subtree | AuditEntry.region_id.is_(None)
    query = select(AuditEntry).where(in_subtree).order_by(AuditEntry.id.desc()).limit(limit)
    if before_id:
        query = query.where(AuditEntry.id < before_id)
    return list(db.session.scalars(query))
