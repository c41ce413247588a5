"""Who may do what, where. The one module every view asks.

A role is held in a region and reaches that region and everything below it, never across:
a village cadre of 东岙村 acts in 东岙村 and its groups and grids, not in 西岭村. One person may
hold several roles. A villager's own village, group and grid come from their account.
"""
from dataclasses import dataclass
from functools import wraps

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.exceptions import Forbidden

from .extensions import login_manager
from .regions.models import COUNTY, GRID, GROUP, TOWNSHIP, VILLAGE, Region


@dataclass(frozen=True)
class Role:
    code: str
    label: object
    levels: tuple[str, ...]  # the region levels this role may be held in


ROLES = {
    r.code: r
    for r in (
        Role("admin", _l("管理员"), (COUNTY, TOWNSHIP, VILLAGE)),
        Role("township_staff", _l("乡镇综合指挥室"), (TOWNSHIP,)),
        Role("cadre", _l("村干部"), (VILLAGE,)),
        Role("party_secretary", _l("村党组织书记"), (VILLAGE,)),
        Role("service_member", _l("服务团队成员"), (VILLAGE,)),
        Role("group_leader", _l("村民小组长"), (GROUP,)),
        Role("grid_worker", _l("网格员"), (GRID,)),
        Role("mediator", _l("调解员"), (VILLAGE, TOWNSHIP)),
        Role("lawyer", _l("公益律师"), (TOWNSHIP, COUNTY)),
        Role("shopkeeper", _l("热心超市店员"), (VILLAGE,)),
    )
}

# Roles that may verify a villager against the household registry.
VERIFIERS = ("group_leader", "grid_worker", "cadre", "party_secretary", "admin")


def role_label(code: str) -> str:
    role = ROLES.get(code)
    return str(role.label) if role else code


def role_titles(person) -> list[str]:
    """What a person does, each once: a secretary who is also a cadre reads "书记", not
    "书记 · 书记"."""
    return list(dict.fromkeys(m.title or role_label(m.role) for m in person.memberships))


def role_badges(person) -> list[str]:
    """"书记 · 东岙村", each role and place once, for cards and the home page."""
    return list(dict.fromkeys(f"{m.title or role_label(m.role)} · {m.region.name}" for m in person.memberships))


def regions_where(user, *roles: str) -> list[Region]:
    """The regions in which the user holds any of the roles."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [m.region for m in user.memberships if m.role in roles]


def holds(user, roles: tuple[str, ...], region: Region | None) -> bool:
    """True when the user holds one of the roles in region or in a region above it."""
    return region is not None and any(r.contains(region) for r in regions_where(user, *roles))


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


# ---- the questions views ask ------------------------------------------------------------

def may_verify(user, person) -> bool:
    if not user.is_authenticated or person.id == user.id:
        return False
    return any(r.contains(person.group) if r.level == GROUP else r.contains(person.village)
               for r in _verification_reach(user))


def may_verify_anyone(user) -> bool:
    return bool(_verification_reach(user)) if user.is_authenticated else False


def verification_regions(user) -> list[Region]:
    return _verification_reach(user) if user.is_authenticated else []


def may_verify_party(user, person) -> bool:
    return (user.is_authenticated and person.id != user.id
            and holds(user, ("party_secretary",), person.village))


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
    if not getattr(user, "is_authenticated", False) or person.id == user.id:
        return False
    return any(reach.contains(person.village) and all(_role_within(reach, m) for m in person.memberships)
               for reach in regions_where(user, "admin"))


def may_grant(user, person, role: str, region: Region) -> bool:
    """An admin grants roles only inside their own region, to people living inside it."""
    known = ROLES.get(role)
    return (known is not None and region.level in known.levels
            and may_manage_person(user, person) and holds(user, ("admin",), region))


def may_view_audit(user, region: Region) -> bool:
    return holds(user, ("admin", "township_staff"), region)


def may_view_person(user, person) -> bool:
    """A card is seen by the person, fellow villagers, and role holders above the village."""
    if not user.is_authenticated:
        return False
    if person.id == user.id or person.village_id == user.village_id:
        return True
    return any(m.region.contains(person.village) for m in user.memberships)


def is_admin_anywhere(user) -> bool:
    return bool(regions_where(user, "admin"))


def admin_regions(user) -> list[Region]:
    """The top regions an admin manages (a county admin's list is just the county)."""
    regions = regions_where(user, "admin")
    return [r for r in regions if not any(o is not r and o.contains(r) for o in regions)]


def audit_regions(user) -> list[Region]:
    regions = regions_where(user, "admin", "township_staff")
    return [r for r in regions if not any(o is not r and o.contains(r) for o in regions)]


# ---- view helpers ------------------------------------------------------------------------

def require(allowed: bool) -> None:
    """Stop the request with 403 unless allowed."""
    if not allowed:
        abort(403)


def requires(check):
    """Decorator for views whose permission does not depend on a loaded object."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            require(check(current_user))
            return view(*args, **kwargs)

        return wrapped

    return decorator


def init_app(app) -> None:
    from .accounts.queries import user_for_session

    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("请先登录。")
    login_manager.login_message_category = "info"
    login_manager.user_loader(user_for_session)
    app.jinja_env.globals.update(
        has_tasks=lambda user: bool(may_verify_anyone(user) or is_admin_anywhere(user)
                                    or audit_regions(user) or handles_cases(user)
                                    or keeps_store_here(user) or runs_points_here(user)),
        keeps_store_here=keeps_store_here,
        runs_points_here=runs_points_here,
        handles_cases=handles_cases,
        case_stats_regions=case_stats_regions,
        role_label=role_label,
        role_titles=role_titles,
        role_badges=role_badges,
        may_view_disclosure=may_view_disclosure,
        may_verify_anyone=may_verify_anyone,
        is_admin_anywhere=is_admin_anywhere,
        audit_regions=audit_regions,
    )


# ---- reports (cases) ----------------------------------------------------------------------

VILLAGE_TEAM = ("cadre", "party_secretary", "admin")


def _holds_exactly(user, roles: tuple[str, ...], region_id: int | None) -> bool:
    return any(m.role in roles and m.region_id == region_id for m in user.memberships)


def _grid_workers_reach(user, case) -> bool:
    """A case sits with the grid worker of the reporter's grid; a reporter without a grid
    yet (not verified) is answered by any grid worker of the village."""
    if case.grid_id is not None:
        return _holds_exactly(user, ("grid_worker",), case.grid_id)
    return any(m.role == "grid_worker" and m.region.parent_id == case.village_id
               for m in user.memberships)


def may_handle_case(user, case, level: str | None = None) -> bool:
    """May act for the level the case is at (or the level named)."""
    if not getattr(user, "is_authenticated", False):
        return False
    level = level or case.level
    if level == "grid":
        return _grid_workers_reach(user, case)
    if level == "village":
        return (_holds_exactly(user, VILLAGE_TEAM, case.village_id)
                or (case.assigned_to_id == user.id and case.level == "village"))
    if level == "township":
        return _holds_exactly(user, ("township_staff",), case.village.parent_id)
    if level == "county":
        return any(m.role == "admin" and m.region.level == COUNTY and m.region.contains(case.village)
                   for m in user.memberships)
    return False


def _dispute_reaches(user, case) -> bool:
    """Mediators and lawyers see disputes, never hazard reports or other private cases: a
    mediator every dispute of their region (to take it in), a lawyer a dispute whose
    mediation failed and so came to the lawyers, or one they took over."""
    if case.category != "dispute":
        return False
    mediation = case.mediation
    if mediation is not None and user.id in (mediation.mediator_id, mediation.lawyer_id):
        return True
    if holds(user, ("mediator",), case.village):
        return True
    return (mediation is not None and mediation.status in ("failed", "lawyer", "settled")
            and holds(user, ("lawyer",), case.village))


def handles_case_anywhere(user, case) -> bool:
    """Any handler on the case's way up the ladder, the village's service team, or a
    mediator or lawyer the dispute has reached."""
    return (any(may_handle_case(user, case, level) for level in ("grid", "village", "township", "county"))
            or _holds_exactly(user, ("service_member",), case.village_id)
            or _dispute_reaches(user, case))


def may_view_case(user, case) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.id in (case.reporter_id, case.entered_by_id):
        return True
    if case.is_public and user.village_id == case.village_id:
        return True
    return handles_case_anywhere(user, case)


def may_report_for_others(user) -> bool:
    return bool(regions_where(user, "grid_worker"))


def may_rate_case(user, case) -> bool:
    return getattr(user, "is_authenticated", False) and user.id == case.reporter_id and case.status == "resolved"


def may_start_mediation(user, case) -> bool:
    return (case.category == "dispute" and case.is_active
            and holds(user, ("mediator",), case.village))


def may_work_mediation(user, mediation) -> bool:
    return user.id in (mediation.mediator_id, mediation.lawyer_id)


def may_take_over_as_lawyer(user, case) -> bool:
    return holds(user, ("lawyer",), case.village)


def may_view_mediation(user, case, mediation) -> bool:
    return getattr(user, "is_authenticated", False) and user.id in (
        case.reporter_id, mediation.other_party_id, mediation.mediator_id, mediation.lawyer_id)


CASE_STATS_ROLES = ("grid_worker", "cadre", "party_secretary", "admin", "township_staff")


def may_view_case_stats(user, region: Region) -> bool:
    return holds(user, CASE_STATS_ROLES, region)


def case_stats_regions(user) -> list[Region]:
    regions = regions_where(user, *CASE_STATS_ROLES)
    return [r for r in regions if not any(o is not r and o.contains(r) for o in regions)]


def may_set_deadlines(user, county: Region) -> bool:
    return county.level == COUNTY and holds(user, ("admin",), county)


def handles_cases(user) -> bool:
    return bool(regions_where(user, "grid_worker", "township_staff", "mediator", "lawyer",
                              "service_member", *VILLAGE_TEAM))


# ---- transparency (disclosures, mailbox) ---------------------------------------------------

PUBLISH_ROLES = {VILLAGE: ("cadre", "party_secretary", "admin"), TOWNSHIP: ("township_staff", "admin"),
                 COUNTY: ("admin",)}


def may_publish(user, region: Region) -> bool:
    """Cadres publish for their village, the command centre for its township, admins for theirs."""
    return (getattr(user, "is_authenticated", False)
            and _holds_exactly(user, PUBLISH_ROLES.get(region.level, ()), region.id))


def publish_regions(user) -> list[Region]:
    if not getattr(user, "is_authenticated", False):
        return []
    regions = [m.region for m in user.memberships if m.role in PUBLISH_ROLES.get(m.region.level, ())]
    return list({r.id: r for r in regions}.values())  # a secretary who is also cadre and admin: once


def _belongs_to(user, region: Region) -> bool:
    """A verified member living in the region, or a role holder over it (or in it). An
    account that merely claims a village is not yet one of its members."""
    return ((user.is_verified and region.contains(user.village))
            or any(m.region.contains(region) or region.contains(m.region) for m in user.memberships))


def awaits_verification_for(user, region: Region) -> bool:
    """Lives in the region but is not verified yet: told what the content is for and how to
    get verified, rather than only "no permission"."""
    return (getattr(user, "is_authenticated", False) and not user.is_verified
            and region.contains(user.village))


class MembersOnly(Forbidden):
    """403 for content kept for a village's verified members, shown to a resident who has
    not been verified yet (the error page says who can verify them)."""

    description = "members only"


def require_member(allowed: bool, user, region: Region) -> None:
    if allowed:
        return
    if awaits_verification_for(user, region):
        raise MembersOnly()
    abort(403)


def may_view_disclosure(user, disclosure) -> bool:
    if not disclosure.members_only:
        return True
    return getattr(user, "is_authenticated", False) and _belongs_to(user, disclosure.region)


def may_see_hidden_comments(user, disclosure) -> bool:
    """Whoever may moderate the notice, and the township and county above it."""
    return getattr(user, "is_authenticated", False) and (
        may_publish(user, disclosure.region)
        or holds(user, ("township_staff", "admin"), disclosure.region))


def may_write_to(user, village: Region) -> bool:
    """Anyone logged in writes to their own village's secretary."""
    return getattr(user, "is_authenticated", False) and user.village_id == village.id


def may_answer_letters(user, village: Region) -> bool:
    return getattr(user, "is_authenticated", False) and _holds_exactly(
        user, ("party_secretary", "admin", "cadre"), village.id)


def may_view_letter(user, letter) -> bool:
    if not letter.is_private:
        return True
    return getattr(user, "is_authenticated", False) and (
        user.id == letter.writer_id or may_answer_letters(user, letter.village)
        or holds(user, ("township_staff", "admin"), letter.village))


def may_keep_accounts(user, village: Region) -> bool:
    """The village's cadres (the accountant among them) keep and publish the ledger."""
    return getattr(user, "is_authenticated", False) and _holds_exactly(user, VILLAGE_TEAM, village.id)


def may_read_accounts(user, village: Region) -> bool:
    """Published accounts are for the people of the village and those over it."""
    return getattr(user, "is_authenticated", False) and _belongs_to(user, village)


def require_reader(user, village: Region) -> None:
    """Stop unless the user may read the village's records for members (accounts, the
    micro-power list, points); an unverified resident is told how to get verified."""
    require_member(may_read_accounts(user, village), user, village)


def readable_village(region_id, user) -> Region:
    """The village named in the request (default: the user's own) whose public records —
    accounts, the micro-power list — the user may read; 404 or 403 otherwise."""
    from .regions.queries import region_by_id

    village = region_by_id(region_id) or user.village
    if village.level != VILLAGE:
        abort(404)
    require_reader(user, village)
    return village


def may_award_points(user, person, rule) -> bool:
    """Village cadres award any manual rule to their villagers; group leaders the rules
    marked for them, in their own group. Automatic rules are awarded by the system only."""
    if not getattr(user, "is_authenticated", False) or rule is None or rule.awarded_by == "auto":
        return False
    if _holds_exactly(user, VILLAGE_TEAM, person.village_id):
        return True
    return rule.awarded_by == "group_leader" and person.group_id is not None and _holds_exactly(
        user, ("group_leader",), person.group_id)


def may_reverse_entry(user, entry) -> bool:
    """A correction is for an award the person could have made: never a store hold, a
    correction itself, or automatic points."""
    return (entry.reverses_id is None and entry.rule is not None
            and may_award_points(user, entry.user, entry.rule))


def may_run_points(user, village: Region) -> bool:
    """The village's cadres decide good-deed claims, keep the store's shelf and choose the
    service stars."""
    return getattr(user, "is_authenticated", False) and _holds_exactly(user, VILLAGE_TEAM, village.id)


def may_keep_store(user, village: Region) -> bool:
    """The shopkeeper of the village's goodwill supermarket hands goods over; cadres may too."""
    return getattr(user, "is_authenticated", False) and _holds_exactly(
        user, ("shopkeeper", *VILLAGE_TEAM), village.id)


def runs_points_here(user) -> bool:
    """A cadre of the user's own village: claims, the store's shelf, the service stars."""
    return bool(getattr(user, "is_authenticated", False) and user.village and may_run_points(user, user.village))


def keeps_store_here(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.village and may_keep_store(user, user.village))
