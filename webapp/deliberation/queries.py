"""Reads for deliberation pages."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..extensions import db
from ..params import as_id
from .models.draws import Draw, DrawWitness
from .models.votes import BallotPaper, Vote


def draw_by_id(draw_id) -> Draw | None:
    draw_id = as_id(draw_id)
    if not draw_id:
        return None
    return db.session.scalar(select(Draw).where(Draw.id == draw_id)
                             .options(selectinload(Draw.witnesses).selectinload(DrawWitness.user)))


def draws_of(village_id: int) -> list[Draw]:
    return list(db.session.scalars(select(Draw).where(Draw.village_id == village_id).order_by(Draw.id.desc())))


def verified_villagers(village_id: int) -> list[User]:
    """Who can be a witness: the village's verified, active people, by name."""
    return list(db.session.scalars(select(User).where(User.village_id == village_id, User.active.is_(True),
                                                      User.verified_at.is_not(None)).order_by(User.name)))


def people_named(refs: list[str]) -> dict[str, User]:
    ids = [int(ref) for ref in refs if ref.isdigit()]
    return {str(u.id): u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}


def vote_by_id(vote_id) -> Vote | None:
    vote_id = as_id(vote_id)
    return db.session.get(Vote, vote_id) if vote_id else None


def has_paper(user, vote: Vote) -> bool:
    return db.session.scalar(select(BallotPaper.id).where(BallotPaper.vote_id == vote.id,
                                                          BallotPaper.user_id == user.id)) is not None
