"""The village circle: a post is seen by its author's village and township, by those who follow
its author, and by whoever oversees the village; verified villagers post, like, comment, report
and sign up; a village's cadres moderate it and run its activities and news; the township hears
appeals and pins safety tips; the county keeps the sensitive words."""
from ..regions.models import COUNTY, TOWNSHIP, VILLAGE, Region
from ..roles import ROLES, VILLAGE_TEAM
from .core import holds, holds_exactly, signed_in


def takes_part_in_circle(user) -> bool:
    """Post, like, comment, report, follow: a verified, active villager."""
    return signed_in(user) and user.active and user.is_verified and user.village_id is not None


def _same_township(user, village: Region) -> bool:
    return user.village is not None and user.village.parent_id == village.parent_id


def sees_village_circle(user, village: Region) -> bool:
    """A village's circle: its township's people, and those who hold a role over it."""
    return signed_in(user) and (_same_township(user, village) or holds(user, tuple(ROLES), village))


def may_view_post(user, post, follows: bool = False) -> bool:
    """A published post: as sees_village_circle, or a follower of its author (follows, known by
    the caller). Held, hidden or removed: its author and its moderators (with the reason)."""
    if not signed_in(user):
        return False
    if post.author_id == user.id or may_moderate_circle(user, post.village):
        return True
    return post.status == "published" and (follows or sees_village_circle(user, post.village))


def may_moderate_circle(user, village: Region) -> bool:
    return village.level == VILLAGE and holds_exactly(user, VILLAGE_TEAM, village.id)


def may_mute(user, person) -> bool:
    """A village's cadres mute its villagers — never someone holding a role beyond the village
    (authority follows roles: the county admin living in the village is not theirs to mute)."""
    village = person.village
    return (village is not None and person.id != user.id and may_moderate_circle(user, village)
            and all(village.contains(m.region) for m in person.memberships))


def may_hear_appeals(user, village: Region) -> bool:
    return village.parent is not None and holds_exactly(user, ("township_staff",), village.parent_id)


def moderated_villages(user) -> list[Region]:
    return [m.region for m in user.memberships if m.role in VILLAGE_TEAM and m.region.level == VILLAGE] \
        if signed_in(user) else []


def appeal_townships(user) -> list[Region]:
    return [m.region for m in user.memberships if m.role == "township_staff"] if signed_in(user) else []


def may_run_activities(user, village: Region) -> bool:
    """Approve, mark attendance, publish without approval: the village's cadres."""
    return may_moderate_circle(user, village)


def may_organise(user, activity) -> bool:
    return signed_in(user) and (activity.organiser_id == user.id or may_run_activities(user, activity.village))


def may_sign_up(user, activity) -> bool:
    return takes_part_in_circle(user) and user.village_id == activity.village_id and activity.status == "open"


def may_publish_news(user, region: Region) -> bool:
    if region.level == VILLAGE:
        return holds_exactly(user, VILLAGE_TEAM, region.id)
    return region.level == TOWNSHIP and holds_exactly(user, ("township_staff",), region.id)


def may_pin_tips(user, region: Region) -> bool:
    """Safety tips pinned on every home page of the region: the township (or the county)."""
    return (region.level == TOWNSHIP and holds_exactly(user, ("township_staff",), region.id)) or (
        region.level == COUNTY and holds_exactly(user, ("admin",), region.id))


def may_keep_sensitive_words(user, county: Region) -> bool:
    return county.level == COUNTY and holds_exactly(user, ("admin",), county.id)


def news_regions(user) -> list[Region]:
    """Where the person publishes news (their village's team, their township)."""
    return [m.region for m in user.memberships if may_publish_news(user, m.region)] if signed_in(user) else []


__all__ = ["appeal_townships", "may_hear_appeals", "may_mute", "may_keep_sensitive_words", "may_moderate_circle", "may_organise",
           "may_pin_tips", "may_publish_news", "may_run_activities", "may_sign_up", "may_view_post",
           "moderated_villages", "news_regions", "sees_village_circle", "takes_part_in_circle"]
