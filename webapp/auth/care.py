"""The registry of vulnerable people, in tiers: the full record to the carers assigned to a
person and to the village's civil-affairs cadre (民政专干); the township and the county see
counts and overdue visits, never names; nobody else sees anything of it — not the village's
other cadres, not its admin."""
from ..regions.models import COUNTY, TOWNSHIP, VILLAGE, Region
from .core import holds, holds_exactly, regions_where, signed_in, top_regions

CARE_KEEPERS = ("civil_affairs",)
OVERSEERS = ("township_staff", "admin")


def may_keep_registry(user, village: Region) -> bool:
    return village.level == VILLAGE and holds_exactly(user, CARE_KEEPERS, village.id)


def cares_for(user, person) -> bool:
    return signed_in(user) and any(a.user_id == user.id for a in person.carers)


def may_read_care_record(user, person) -> bool:
    return signed_in(user) and (cares_for(user, person) or holds_exactly(user, CARE_KEEPERS, person.village_id))


def may_view_care_counts(user, region: Region) -> bool:
    return region.level in (TOWNSHIP, COUNTY) and holds(user, OVERSEERS, region)


def care_count_regions(user) -> list[Region]:
    return [r for r in top_regions(regions_where(user, *OVERSEERS)) if r.level in (TOWNSHIP, COUNTY)]


def registry_villages(user) -> list[Region]:
    return [m.region for m in user.memberships if m.role in CARE_KEEPERS] if signed_in(user) else []


__all__ = ["CARE_KEEPERS", "care_count_regions", "cares_for", "may_keep_registry", "may_read_care_record",
           "may_view_care_counts", "registry_villages"]
