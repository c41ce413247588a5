"""Evaluation: who sees a township's or the county's dashboard, who answers the survey, who
reads its comments. League tables are published as notices, so any signed-in person may read
them; the dashboard's detail (comments, the overdue list beside the charts) is for the staff."""
from ..regions.models import COUNTY, TOWNSHIP, VILLAGE, Region
from .core import holds, regions_where, signed_in, top_regions

DASHBOARD_ROLES = ("township_staff", "admin")


def may_view_dashboard(user, region: Region | None) -> bool:
    """A township's command centre over its villages, the county over its townships."""
    return region is not None and region.level in (TOWNSHIP, COUNTY) and holds(user, DASHBOARD_ROLES, region)


def dashboard_regions(user) -> list[Region]:
    return [r for r in top_regions(regions_where(user, *DASHBOARD_ROLES)) if r.level in (TOWNSHIP, COUNTY)]


def sees_dashboard(user) -> bool:
    return bool(dashboard_regions(user))


def may_view_league_table(user, table) -> bool:
    return signed_in(user)


def may_answer_survey(user, village: Region) -> bool:
    """A verified, active villager of that very village, for their own village only."""
    return (signed_in(user) and user.active and user.is_verified and village.level == VILLAGE
            and user.village_id == village.id)


def may_read_survey_comments(user, village: Region) -> bool:
    """The township and county, never the village's own cadres (they are what is rated)."""
    return village.parent is not None and holds(user, DASHBOARD_ROLES, village.parent)


__all__ = ["dashboard_regions", "may_answer_survey", "may_read_survey_comments", "may_view_dashboard",
           "may_view_league_table", "sees_dashboard"]
