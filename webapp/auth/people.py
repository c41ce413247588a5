"""Accounts, verification, roles and the audit log: who may verify, manage or see whom."""
from ..regions.models import COUNTY, GROUP, Region
from ..roles import ROLES, VERIFIERS
from .core import holds, holds_exactly, regions_where, signed_in, top_regions


def _verification_reach(user) -> list[Region]:
    """Group leaders verify in their group, cadres in their village. A grid worker verifies
    anyone of the village their grid lies in: a newcomer has no grid until the household
    registry places them, so the grid cannot limit who they may look at."""
    reach = []
    for membership in user.memberships:
        if membership.role not in VERIFIERS:
            continue
        region = membership.region
        if membership.role == "grid_worker" and region.parent is not None:
            region = region.parent
        reach.append(region)
    return reach


def may_verify(user, person) -> bool:
    if not signed_in(user) or person.id == user.id:
        return False
    return any(r.contains(person.group) if r.level == GROUP else r.contains(person.village)
               for r in _verification_reach(user))


def may_verify_anyone(user) -> bool:
    return bool(_verification_reach(user)) if signed_in(user) else False


def verification_regions(user) -> list[Region]:
    return _verification_reach(user) if signed_in(user) else []


def is_party_branch(user) -> bool:
    return bool(regions_where(user, "party_secretary"))


def may_verify_party(user, person) -> bool:
    return signed_in(user) and person.id != user.id and holds(user, ("party_secretary",), person.village)


def may_manage_region(user, region: Region) -> bool:
    return holds(user, ("admin",), region)


def _role_within(reach: Region, membership) -> bool:
    """A role the admin of `reach` may touch: held inside it, and — for an admin role — held
    strictly below it (an admin never manages a fellow admin of the same region)."""
    if membership.role == "admin":
        return membership.region_id != reach.id and reach.contains(membership.region)
    return reach.contains(membership.region)


def may_manage_person(user, person) -> bool:
    """Authority follows roles, not residence. An admin manages a person who lives inside
    their region and holds no role beyond it: a village admin never touches a township or
    county role holder who happens to live in the village, nor another admin of the same
    village, nor their own account (that is changed from 我的, or by the admin above)."""
    if not signed_in(user) or person.id == user.id:
        return False
    return any(reach.contains(person.village) and all(_role_within(reach, m) for m in person.memberships)
               for reach in regions_where(user, "admin"))


def may_manage_membership(user, membership) -> bool:
    return may_grant(user, membership.user, membership.role, membership.region)


def may_grant(user, person, role: str, region: Region) -> bool:
    """An admin grants roles only inside their own region, to people living inside it."""
    known = ROLES.get(role)
    return (known is not None and region.level in known.levels
            and may_manage_person(user, person) and holds(user, ("admin",), region))


def may_view_audit(user, region: Region) -> bool:
    return holds(user, ("admin", "township_staff"), region)


def may_view_person(user, person) -> bool:
    """A card is seen by the person, fellow villagers, and role holders above the village."""
    if not signed_in(user):
        return False
    if person.id == user.id or person.village_id == user.village_id:
        return True
    return any(m.region.contains(person.village) for m in user.memberships)


def is_admin_anywhere(user) -> bool:
    return bool(regions_where(user, "admin"))


def is_county_admin(user) -> bool:
    return any(r.level == COUNTY for r in regions_where(user, "admin"))


def admin_regions(user) -> list[Region]:
    """The top regions an admin manages (a county admin's list is just the county)."""
    return top_regions(regions_where(user, "admin"))


def audit_regions(user) -> list[Region]:
    return top_regions(regions_where(user, "admin", "township_staff"))


def may_view_any_audit(user) -> bool:
    return bool(audit_regions(user))


def is_self(user, person) -> bool:
    return signed_in(user) and user.id == person.id


def owns_notification(user, notification) -> bool:
    return signed_in(user) and notification.user_id == user.id


__all__ = ["admin_regions", "audit_regions", "holds_exactly", "is_admin_anywhere", "is_county_admin",
           "is_party_branch", "is_self", "owns_notification", "may_grant", "may_manage_membership", "may_manage_person",
           "may_manage_region", "may_verify", "may_verify_anyone", "may_verify_party", "may_view_any_audit",
           "may_view_audit", "may_view_person", "verification_regions"]
