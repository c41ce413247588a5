"""A draw of representatives (docs/sortition.md): witnesses commit, the roster is frozen and
its hash published, witnesses reveal, the draw is made. Every input stays public."""
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...database import UTCDateTime, utcnow
from ...extensions import db

# committing: witnesses publish commitments; frozen: roster and quotas fixed, reveals awaited;
# drawn: the result is published.
COMMITTING, FROZEN, DRAWN = "committing", "frozen", "drawn"


class Draw(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    title: Mapped[str] = mapped_column(String(80))
    seats: Mapped[int] = mapped_column(Integer)
    # Which 村民小组 are eligible ("" for the whole village), as comma-separated region ids.
    group_ids: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16), default=COMMITTING)
    roster_json: Mapped[str] = mapped_column(Text, default="")
    roster_sha256: Mapped[str] = mapped_column(String(64), default="")
    quotas_json: Mapped[str] = mapped_column(Text, default="")
    public_number: Mapped[str] = mapped_column(String(64), default="")
    seed: Mapped[str] = mapped_column(String(64), default="")
    result_json: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    drawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    village = relationship("Region")
    witnesses = relationship("DrawWitness", order_by="DrawWitness.position", back_populates="draw")


class DrawWitness(db.Model):
    page_scope = "covered"  # each step also updates its draw (placed in its village)
    # Named: the naming convention would give both the same name (uq_draw_witness_draw_id).
    __table_args__ = (UniqueConstraint("draw_id", "user_id", name="uq_draw_witness_user"),
                      UniqueConstraint("draw_id", "position", name="uq_draw_witness_position"))
    id: Mapped[int] = mapped_column(primary_key=True)
    draw_id: Mapped[int] = mapped_column(ForeignKey("draw.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    position: Mapped[int] = mapped_column(Integer)  # the order of the secrets in the seed
    role: Mapped[str] = mapped_column(String(32), default="")  # 书记, 村务监督委员会委员, 村民代表
    commitment: Mapped[str] = mapped_column(String(64), default="")
    committed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    secret: Mapped[str] = mapped_column(String(200), default="")
    revealed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    draw = relationship("Draw", back_populates="witnesses")
    user = relationship("User")
