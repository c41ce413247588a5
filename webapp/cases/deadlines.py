"""The clocks of the ladder: how long each level has, set per county."""
from datetime import timedelta

from sqlalchemy import select

from ..extensions import db
from ..regions.models import Region
from .models import COUNTY, GRID, TOWNSHIP, VILLAGE, DeadlineSettings

NEXT_LEVEL = {GRID: VILLAGE, VILLAGE: TOWNSHIP, TOWNSHIP: COUNTY}
LOWER_LEVEL = {VILLAGE: GRID, TOWNSHIP: VILLAGE, COUNTY: TOWNSHIP}


def county_of(region: Region) -> int:
    return region.ancestor_ids[0]


def settings_for_county(county_id: int) -> DeadlineSettings:
    found = db.session.scalar(select(DeadlineSettings).where(DeadlineSettings.county_id == county_id))
    return found or DeadlineSettings(county_id=county_id, response_hours=24, village_days=5,
                                     township_days=10)


def due_at(level: str, now, settings: DeadlineSettings):
    """When a case that reaches this level now must be dealt with (None: no further clock)."""
    if level == GRID:
        return now + timedelta(hours=settings.response_hours)
    if level == VILLAGE:
        return now + timedelta(days=settings.village_days)
    if level == TOWNSHIP:
        return now + timedelta(days=settings.township_days)
    return None


def set_deadlines(actor, county: Region, response_hours: int, village_days: int,
                  township_days: int) -> DeadlineSettings:
    """A county admin sets the clocks. Cases already waiting keep the deadline they have."""
    from flask_babel import lazy_gettext as _l

    from ..audit.services import record
    from ..auth import may_set_deadlines
    from ..service import ServiceError

    if not may_set_deadlines(actor, county):
        raise ServiceError(_l("只有县级管理员可以设置期限。"))
    settings = db.session.scalar(select(DeadlineSettings).where(DeadlineSettings.county_id == county.id))
    if settings is None:
        settings = DeadlineSettings(county_id=county.id)
        db.session.add(settings)
    settings.response_hours, settings.village_days, settings.township_days = (
        response_hours, village_days, township_days)
    record(actor, "case.deadlines_set", county, object_type="region", region=county,
           response_hours=response_hours, village_days=village_days, township_days=township_days)
    return settings
