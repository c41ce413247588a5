"""Who may do what, where: the one package every view asks, one module per area.

Every question is `may_<verb>(user, object)` or a question about the user alone; views load
and authorise in one call (`authorised(case_by_id(id), may_view_case)`), services ask again
before they write. Nothing outside this package looks at someone's roles.
"""
from flask_babel import lazy_gettext as _l

from ..extensions import login_manager
from ..roles import ROLES, VERIFIERS, VILLAGE_TEAM, role_badges, role_label, role_titles
from .care import *  # noqa: F403
from .care import care_count_regions, registry_villages
from .cases import *  # noqa: F403
from .cases import handles_cases
from .circle import *  # noqa: F403
from .circle import appeal_townships, moderated_villages, news_regions
from .classes import *  # noqa: F403
from .core import (
    MembersOnly,
    authorised,
    awaits_verification_for,
    holds,
    holds_exactly,
    home_regions,
    regions_where,
    require,
    require_member,
    requires,
    signed_in,
    top_regions,
)
from .deliberation import *  # noqa: F403
from .evaluation import *  # noqa: F403
from .evaluation import dashboard_regions
from .hall import *  # noqa: F403
from .people import *  # noqa: F403
from .people import audit_regions, is_admin_anywhere, may_verify_anyone
from .points import *  # noqa: F403
from .points import keeps_store_here, runs_points_here
from .transparency import *  # noqa: F403
from .transparency import may_view_disclosure

__all__ = ["ROLES", "VERIFIERS", "VILLAGE_TEAM", "MembersOnly", "authorised", "awaits_verification_for", "holds",
           "holds_exactly", "home_regions", "regions_where", "require", "require_member", "requires", "role_badges", "role_label",
           "role_titles", "signed_in", "top_regions"]


def has_tasks(user) -> bool:
    """Whether the 办理 tab shows: the person has something to handle."""
    return bool(may_verify_anyone(user) or is_admin_anywhere(user) or audit_regions(user) or handles_cases(user)
                or keeps_store_here(user) or runs_points_here(user) or registry_villages(user)
                or appeal_townships(user))


def init_app(app) -> None:
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("请先登录。")
    login_manager.login_message_category = "info"
    from . import cases

    app.jinja_env.globals.update(
        has_tasks=has_tasks,
        keeps_store_here=keeps_store_here,
        runs_points_here=runs_points_here,
        handles_cases=handles_cases,
        dashboard_regions=dashboard_regions,
        registry_villages=registry_villages,
        moderated_villages=moderated_villages,
        appeal_townships=appeal_townships,
        news_regions=news_regions,
        care_count_regions=care_count_regions,
        case_stats_regions=cases.case_stats_regions,
        uses_desk=cases.uses_desk,
        role_label=role_label,
        role_titles=role_titles,
        role_badges=role_badges,
        may_view_disclosure=may_view_disclosure,
        may_verify_anyone=may_verify_anyone,
        is_admin_anywhere=is_admin_anywhere,
        audit_regions=audit_regions,
    )
