"""The mailbox of a village: its letters and how well it answers."""
from statistics import median

from flask_babel import gettext as _
from sqlalchemy import or_, select

from ..audit.objects import describes, quote
from ..extensions import db
from ..params import as_id
from .models import Letter


def letter_by_id(letter_id) -> Letter | None:
    letter_id = as_id(letter_id)
    return db.session.get(Letter, letter_id) if letter_id else None


def letters_of(village_id: int, viewer, show_private: bool, before_id=None, limit: int = 20) -> list[Letter]:
    query = select(Letter).where(Letter.village_id == village_id).order_by(Letter.id.desc()).limit(limit)
    if not show_private:
        mine = Letter.writer_id == viewer.id if getattr(viewer, "is_authenticated", False) else False
        query = query.where(or_(Letter.is_private.is_(False), mine))
    if before_id:
        query = query.where(Letter.id < before_id)
    return list(db.session.scalars(query))


def answer_figures(village_id: int) -> dict:
    """Answer rate and the median time to answer, over all the village's letters."""
    rows = db.session.execute(select(Letter.created_at, Letter.answered_at).where(
        Letter.village_id == village_id)).all()
    answered = [(a - c).total_seconds() / 3600 for c, a in rows if a is not None]
    return {"letters": len(rows), "answered": len(answered),
            "rate": round(100 * len(answered) / len(rows), 1) if rows else None,
            "median_hours": round(median(answered), 1) if answered else None}


@describes("letter")
def describe_letters(ids: list[int]) -> dict[int, str]:
    return {lid: _("来信 #%(id)s%(what)s", id=lid, what=quote(body)) for lid, body in db.session.execute(
        select(Letter.id, Letter.body).where(Letter.id.in_(ids)))}
