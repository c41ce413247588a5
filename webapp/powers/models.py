from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db


class Procedure(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    basis: Mapped[str] = mapped_column(Text, default="")  # what it rests on: law, rules

    steps: Mapped[list["ProcedureStep"]] = relationship(order_by="ProcedureStep.position")
    village = relationship("Region")


class ProcedureStep(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedure.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60))
    decider: Mapped[str] = mapped_column(String(60))  # 村两委会议, 村民代表会议, 乡镇审核 …
    days_allowed: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("procedure_id", "position", name="uq_procedure_step"),)


class Matter(db.Model):
    """One live case of a procedure, e.g. one family's homestead application."""

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedure.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    done_steps: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    procedure: Mapped[Procedure] = relationship()
    trail: Mapped[list["MatterStep"]] = relationship(order_by="MatterStep.id")


class MatterStep(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    matter_id: Mapped[int] = mapped_column(ForeignKey("matter.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    done_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    actor = relationship("User")

    __table_args__ = (UniqueConstraint("matter_id", "position", name="uq_matter_step"),)
