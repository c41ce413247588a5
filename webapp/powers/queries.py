"""Read models for the micro-power list: a village's procedures, a procedure's live matters."""
from flask_babel import gettext as _
from sqlalchemy import select

from ..audit.objects import describes, quote
from ..extensions import db
from ..params import as_id
from .models import Matter, Procedure


def procedures_of(village_id: int) -> list[Procedure]:
    return list(db.session.scalars(select(Procedure).where(Procedure.village_id == village_id).order_by(Procedure.id)))


def matters_of(procedure: Procedure) -> list[Matter]:
    return list(db.session.scalars(select(Matter).where(Matter.procedure_id == procedure.id).order_by(Matter.id.desc())))


def procedure_by_id(procedure_id) -> Procedure | None:
    procedure_id = as_id(procedure_id)
    return db.session.get(Procedure, procedure_id) if procedure_id else None


def matter_by_id(matter_id) -> Matter | None:
    matter_id = as_id(matter_id)
    return db.session.get(Matter, matter_id) if matter_id else None


@describes("procedure")
def describe_procedures(ids: list[int]) -> dict[int, str]:
    return {pid: _("权力清单%(name)s", name=quote(name)) for pid, name in db.session.execute(
        select(Procedure.id, Procedure.name).where(Procedure.id.in_(ids)))}


@describes("matter")
def describe_matters(ids: list[int]) -> dict[int, str]:
    return {mid: _("办理事项%(title)s", title=quote(title)) for mid, title in db.session.execute(
        select(Matter.id, Matter.title).where(Matter.id.in_(ids)))}
