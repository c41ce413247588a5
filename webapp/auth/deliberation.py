"""Deliberation: who runs a village's draws, meetings and votes, who witnesses a draw."""
from ..regions.models import Region
from ..roles import ROLES, VILLAGE_TEAM
from .core import holds, holds_exactly, signed_in


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
