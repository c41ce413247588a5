"""Deliberation: who runs a village's draws, meetings and votes, who witnesses a draw."""
from ..regions.models import Region
from ..roles import VILLAGE_TEAM
from .core import holds_exactly, signed_in


def may_run_deliberation(user, village: Region) -> bool:
    """The village's cadres set up draws, meetings and votes."""
    return holds_exactly(user, VILLAGE_TEAM, village.id)


def may_witness(user, witness) -> bool:
    """Only the witness named commits and reveals their own secret."""
    return signed_in(user) and witness.user_id == user.id
