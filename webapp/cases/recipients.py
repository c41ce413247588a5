"""Who is told about a case at each level of the ladder."""
from functools import lru_cache

from sqlalchemy import select

from ..accounts.models import RoleMembership, User
from ..extensions import db
from ..regions.models import Region
from .models import COUNTY, GRID, TOWNSHIP, VILLAGE

ROLES_AT = {GRID: ("grid_worker",), VILLAGE: ("cadre", "party_secretary"),
            TOWNSHIP: ("township_staff",), COUNTY: ("admin",)}


def role_holder_ids(region_ids: list[int], roles: tuple[str, ...]) -> list[int]:
    return list(db.session.scalars(
        select(RoleMembership.user_id).join(User, User.id == RoleMembership.user_id)
        .where(RoleMembership.region_id.in_(region_ids), RoleMembership.role.in_(roles),
               User.active.is_(True)).distinct()))


def team_region_id(level: str, village: Region, grid_id: int | None) -> int:
    """The region whose team a case sits with at a level (its misses count against it)."""
    if level == GRID:
        return grid_id or village.id
    if level == VILLAGE:
        return village.id
    if level == TOWNSHIP:
        return village.parent_id
    return village.ancestor_ids[0]


def handlers(level: str, village: Region, grid_id: int | None) -> list[int]:
    """The people who act for the level: the grid's worker (every grid worker of the village
    when the reporter has no grid yet), the village's cadres, the township's command centre,
    the county's admins."""
    if level == GRID and grid_id is None:
        grids = list(db.session.scalars(select(Region.id).where(Region.parent_id == village.id,
                                                                Region.level == "grid")))
        return role_holder_ids(grids, ROLES_AT[GRID])
    return role_holder_ids([team_region_id(level, village, grid_id)], ROLES_AT[level])


class HandlerCache:
    """The sweep asks the same question for many cases of one village: ask the database once."""

    def __init__(self):
        self._villages: dict[int, Region] = {}
        self._settings: dict[int, object] = {}
        self.handlers = lru_cache(maxsize=4096)(self._handlers)

    def settings(self, county_id: int):
        from .deadlines import settings_for_county

        if county_id not in self._settings:
            self._settings[county_id] = settings_for_county(county_id)
        return self._settings[county_id]

    def village(self, village_id: int) -> Region:
        if village_id not in self._villages:
            self._villages[village_id] = db.session.get(Region, village_id)
        return self._villages[village_id]

    def _handlers(self, level: str, village_id: int, grid_id: int | None) -> tuple[int, ...]:
        return tuple(handlers(level, self.village(village_id), grid_id))
