"""The services hall: who asks (a village's verified villagers, or its grid workers and cadres on
their behalf), who answers (the team member of the right specialty, then the village's cadres,
then the township), who keeps the catalogue (the county; a village its own items) and the team."""
from ..regions.models import COUNTY, VILLAGE, Region
from ..roles import VILLAGE_TEAM
from .core import holds, holds_exactly, signed_in


def may_ask(user, village: Region) -> bool:
    return (signed_in(user) and user.active and user.is_verified and village.level == VILLAGE
            and user.village_id == village.id)


def may_ask_for_others(user, village: Region) -> bool:
    """A grid worker of the village, or its cadres, for a villager without a phone."""
    return signed_in(user) and (holds_exactly(user, VILLAGE_TEAM, village.id) or any(
        m.role == "grid_worker" and m.region.parent_id == village.id for m in user.memberships))


def _member_is(user, request) -> bool:
    return request.member is not None and request.member.user_id is not None and request.member.user_id == user.id


def may_view_request(user, request) -> bool:
    return signed_in(user) and (
        user.id in (request.requester_id, request.entered_by_id) or _member_is(user, request)
        or holds_exactly(user, VILLAGE_TEAM, request.village_id)
        or holds(user, ("township_staff", "admin"), request.village.parent))


def may_handle_request(user, request) -> bool:
    """The member holding it (or the village's cadres for them); the cadres once it went up; the
    township when it reached the township."""
    if not signed_in(user) or request.status not in ("open", "scheduled"):
        return False
    if holds_exactly(user, VILLAGE_TEAM, request.village_id):
        return True
    if request.level == "member":
        return _member_is(user, request)
    if request.level == "township":
        return holds_exactly(user, ("township_staff",), request.village.parent_id)
    return False


def request_holder_regions(user) -> tuple[list[int], list[int]]:
    """(villages whose requests the person's cadre roles hold, townships whose command centre
    they staff): where requests wait for them."""
    if not signed_in(user):
        return [], []
    return ([m.region_id for m in user.memberships if m.role in VILLAGE_TEAM],
            [m.region_id for m in user.memberships if m.role == "township_staff"])


def may_rate_request(user, request) -> bool:
    return signed_in(user) and user.id == request.requester_id and request.status == "done"


def may_keep_guides(user, region: Region) -> bool:
    """The county's admins keep the catalogue; a village's cadres its own items."""
    if region.level == COUNTY:
        return holds_exactly(user, ("admin",), region.id)
    return region.level == VILLAGE and holds_exactly(user, VILLAGE_TEAM, region.id)


def may_keep_team(user, village: Region) -> bool:
    return village.level == VILLAGE and holds_exactly(user, VILLAGE_TEAM, village.id)


def sees_team_phones(user, village: Region) -> bool:
    """Phone numbers not marked public: the village's verified villagers and those over it."""
    return signed_in(user) and ((user.is_verified and user.village_id == village.id)
                                or holds(user, tuple(("admin", "township_staff", *VILLAGE_TEAM, "grid_worker",
                                                      "service_member", "group_leader")), village)
                                or any(village.contains(m.region) for m in user.memberships))


__all__ = ["request_holder_regions", "may_ask", "may_ask_for_others", "may_handle_request", "may_keep_guides", "may_keep_team",
           "may_rate_request", "may_view_request", "sees_team_phones"]
