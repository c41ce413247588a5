"""Deliberation: who runs a village's draws, meetings and votes, who witnesses a draw."""
from ..regions.models import Region
from ..roles import ROLES, VILLAGE_TEAM
from .core import holds, holds_exactly, regions_where, signed_in, top_regions


def may_run_deliberation(user, village: Region) -> bool:
    """The village's cadres set up draws, meetings and votes."""
    return holds_exactly(user, VILLAGE_TEAM, village.id)


def may_run_draw(user, draw) -> bool:
    return may_run_deliberation(user, draw.village)


def may_witness(user, witness) -> bool:
    """Only the witness named commits and reveals their own secret."""
    return signed_in(user) and witness.user_id == user.id


def may_view_draw(user, draw) -> bool:
    """A draw is public to the village's people and to those who oversee the village."""
    return signed_in(user) and (user.village_id == draw.village_id or holds(user, tuple(ROLES), draw.village))


def may_view_draws_of(user, village: Region) -> bool:
    return signed_in(user) and (user.village_id == village.id or holds(user, tuple(ROLES), village))


def may_vote(user, vote) -> bool:
    """Eligible: a verified, active villager of the vote's village (one paper each)."""
    return signed_in(user) and user.active and user.is_verified and user.village_id == vote.village_id


def may_view_vote(user, vote) -> bool:
    """A vote, its public key and (after the close) its box are public like a draw."""
    return signed_in(user) and (user.village_id == vote.village_id or holds(user, tuple(ROLES), vote.village))


def may_take_part(user, village: Region) -> bool:
    """Propose and support topics, post opinions, give feedback: the village's verified people."""
    return signed_in(user) and user.active and user.is_verified and user.village_id == village.id


def may_view_topic(user, topic) -> bool:
    """Topics, meetings and tasks are public like a draw: the village's people and those above."""
    return may_view_draws_of(user, topic.village)


def may_support_topic(user, topic) -> bool:
    return may_take_part(user, topic.village)


def may_manage_topic(user, topic) -> bool:
    """Merge, answer, send to screening: the village's cadres."""
    return may_run_deliberation(user, topic.village)


def may_view_meeting(user, meeting) -> bool:
    return may_view_draws_of(user, meeting.village)


def may_run_meeting(user, meeting) -> bool:
    return may_run_deliberation(user, meeting.village)


def may_decline(user, invitee) -> bool:
    """A drawn representative says they cannot come; or the cadre records it for them."""
    return signed_in(user) and (invitee.user_id == user.id or may_run_meeting(user, invitee.meeting))


def may_speak_at(user, meeting) -> bool:
    """Opinions and questions, from home or from far away, before and during the meeting."""
    return may_take_part(user, meeting.village)


def may_check_in(user, meeting) -> bool:
    return may_take_part(user, meeting.village)


def may_view_task(user, task) -> bool:
    return may_view_draws_of(user, task.meeting.village)


def may_report_progress(user, task) -> bool:
    """The task's owner, or the village's cadres."""
    return signed_in(user) and (task.owner_id == user.id or may_run_deliberation(user, task.meeting.village))


def may_give_feedback(user, task) -> bool:
    return may_take_part(user, task.meeting.village)


def may_see_hot_topics(user, region: Region) -> bool:
    """The township over its villages, the county over its townships (机制通)."""
    return region.level in ("township", "county") and holds(user, tuple(ROLES), region)


def hot_topic_regions(user) -> list[Region]:
    """The townships and counties whose hot topics this person sees."""
    return [r for r in top_regions(regions_where(user, *ROLES)) if may_see_hot_topics(user, r)]
