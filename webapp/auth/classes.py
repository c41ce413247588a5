"""Classes: the county's admins and a village's cadres publish lessons for their region; every
signed-in person learns; a village's party secretary sees the branch's study record."""
from ..regions.models import COUNTY, VILLAGE, Region
from ..roles import VILLAGE_TEAM
from .core import holds_exactly, signed_in


def may_publish_lessons(user, region: Region) -> bool:
    if region.level == COUNTY:
        return holds_exactly(user, ("admin",), region.id)
    return region.level == VILLAGE and holds_exactly(user, VILLAGE_TEAM, region.id)


def lesson_regions(user) -> list[Region]:
    """Where the person publishes lessons: the county they administer, the village they run."""
    if not signed_in(user):
        return []
    return [m.region for m in user.memberships if may_publish_lessons(user, m.region)]


def may_learn(user, lesson) -> bool:
    return signed_in(user) and lesson.active


def may_see_party_study(user, village: Region) -> bool:
    return village.level == VILLAGE and holds_exactly(user, ("party_secretary",), village.id)


__all__ = ["lesson_regions", "may_learn", "may_publish_lessons", "may_see_party_study"]
