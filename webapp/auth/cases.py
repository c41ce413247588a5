"""Reports (cases) and mediation: who handles a case at each level of the ladder, who sees it,
who may rate it, mediate it or take it over as a lawyer."""
from ..regions.models import COUNTY, Region
from ..roles import VILLAGE_TEAM
from .core import holds, holds_exactly, regions_where, signed_in, top_regions


def _grid_workers_reach(user, case) -> bool:
    """A case sits with the grid worker of the reporter's grid; a reporter without a grid
    yet (not verified) is answered by any grid worker of the village."""
    if case.grid_id is not None:
        return holds_exactly(user, ("grid_worker",), case.grid_id)
    return any(m.role == "grid_worker" and m.region.parent_id == case.village_id for m in user.memberships)


def may_handle_case(user, case, level: str | None = None) -> bool:
    """May act for the level the case is at (or the level named)."""
    if not signed_in(user):
        return False
    level = level or case.level
    if level == "grid":
        return _grid_workers_reach(user, case)
    if level == "village":
        return (holds_exactly(user, VILLAGE_TEAM, case.village_id)
                or (case.assigned_to_id == user.id and case.level == "village"))
    if level == "township":
        return holds_exactly(user, ("township_staff",), case.village.parent_id)
    if level == "county":
        return any(m.role == "admin" and m.region.level == COUNTY and m.region.contains(case.village)
                   for m in user.memberships)
    return False


# The actions of each level (the routes of cases/views/handling.py), and what a team member
# who was given the case may do.
ACTIONS_AT = {
    "grid": ("answer", "to-village", "to-township"),
    "village": ("assign", "resolve", "to-township", "send-back"),
    "township": ("dispatch", "resolve", "send-back"),
    "county": ("resolve", "send-back"),
}


def case_actions(user, case) -> tuple[str, ...]:
    """The ladder's actions the user may take on the case now."""
    if not case.is_active or not may_handle_case(user, case):
        return ()
    if (case.level == "village" and case.assigned_to_id == user.id
            and not holds_exactly(user, VILLAGE_TEAM, case.village_id)):
        return ("resolve",)  # a team member resolves what they were given
    return ACTIONS_AT[case.level]


def may_be_assigned(member, case) -> bool:
    """A village case goes to a member of the village's team (service member or cadre)."""
    return member is not None and holds_exactly(member, ("service_member", "cadre", "party_secretary"),
                                                case.village_id)


def may_take_action(user, case, action: str) -> bool:
    """Who may ask at all; whether the case is at the stage for it is the service's rule."""
    if action == "rate":
        return signed_in(user) and user.id == case.reporter_id
    return may_handle_case(user, case)


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
    return signed_in(user) and (
        any(may_handle_case(user, case, level) for level in ("grid", "village", "township", "county"))
        or holds_exactly(user, ("service_member",), case.village_id)
        or _dispute_reaches(user, case))


def may_view_case(user, case) -> bool:
    if not signed_in(user):
        return False
    if user.id in (case.reporter_id, case.entered_by_id):
        return True
    if case.is_public and user.village_id == case.village_id:
        return True
    return handles_case_anywhere(user, case)


def sees_reporter(user, case) -> bool:
    """Fellow villagers see a public report's author as 王**; those who handle it see who."""
    return signed_in(user) and (user.id in (case.reporter_id, case.entered_by_id)
                                or handles_case_anywhere(user, case))


def may_report_for_others(user) -> bool:
    return bool(regions_where(user, "grid_worker"))


def may_rate_case(user, case) -> bool:
    return signed_in(user) and user.id == case.reporter_id and case.status == "resolved"


def may_start_mediation(user, case) -> bool:
    return case.category == "dispute" and case.is_active and holds(user, ("mediator",), case.village)


def may_work_mediation(user, mediation) -> bool:
    return signed_in(user) and mediation is not None and user.id in (mediation.mediator_id, mediation.lawyer_id)


def may_take_over_as_lawyer(user, case) -> bool:
    return holds(user, ("lawyer",), case.village)


def may_act_on_mediation(user, case, action: str) -> bool:
    """Start: a mediator over the dispute. Take over: a lawyer over it. The rest: the
    mediation's own mediator or lawyer."""
    if action == "mediation":
        return may_start_mediation(user, case)
    if action == "mediation/lawyer":
        return may_work_mediation(user, case.mediation) or (
            case.mediation is not None and may_take_over_as_lawyer(user, case))
    return case.mediation is not None and may_work_mediation(user, case.mediation)


def may_view_mediation(user, case, mediation) -> bool:
    return signed_in(user) and user.id in (
        case.reporter_id, mediation.other_party_id, mediation.mediator_id, mediation.lawyer_id)


CASE_STATS_ROLES = ("grid_worker", "cadre", "party_secretary", "admin", "township_staff")


def may_view_case_stats(user, region: Region) -> bool:
    return holds(user, CASE_STATS_ROLES, region)


def case_stats_regions(user) -> list[Region]:
    return top_regions(regions_where(user, *CASE_STATS_ROLES))


def sees_case_stats(user) -> bool:
    return bool(case_stats_regions(user))


def may_set_deadlines(user, county: Region) -> bool:
    return county.level == COUNTY and holds(user, ("admin",), county)


def desk_regions(user) -> list[Region]:
    """Where the user works the case desk: the township of township staff, the county of a
    county admin, the village of its team. In each, they handle every case (handles_case_anywhere),
    so the desk lists nothing they could not open."""
    return top_regions([m.region for m in user.memberships if signed_in(user) and (
        (m.role == "township_staff" and m.region.level == "township")
        or (m.role == "admin" and m.region.level == COUNTY)
        or (m.role in VILLAGE_TEAM and m.region.level == "village"))])


def may_use_desk(user, region: Region | None) -> bool:
    return region is not None and any(r.contains(region) for r in desk_regions(user))


def uses_desk(user) -> bool:
    return bool(desk_regions(user))


def handles_cases(user) -> bool:
    return bool(regions_where(user, "grid_worker", "township_staff", "mediator", "lawyer",
                              "service_member", *VILLAGE_TEAM))


__all__ = ["ACTIONS_AT", "may_be_assigned", "CASE_STATS_ROLES", "case_actions", "case_stats_regions", "desk_regions",
           "handles_case_anywhere", "may_use_desk", "uses_desk",
           "handles_cases", "may_act_on_mediation", "may_handle_case", "may_rate_case", "may_report_for_others",
           "may_set_deadlines", "may_start_mediation", "may_take_action", "may_take_over_as_lawyer",
           "may_view_case", "may_view_case_stats", "may_view_mediation", "may_work_mediation", "sees_case_stats",
           "sees_reporter"]
