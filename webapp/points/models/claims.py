from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...database import UTCDateTime, utcnow
from ...extensions import db
from ...media import names_files

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


class GoodDeedClaim(db.Model):
    """A villager says "I did this" with a photo; a village cadre approves it under a rule
    (which pays through the ledger) or rejects it with a reason the villager reads."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("point_rule.id"))
    text: Mapped[str] = mapped_column(Text)
    photo_path: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(10), default=PENDING, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("point_entry.id"))

    user = relationship("User", foreign_keys=[user_id])
    rule = relationship("PointRule")


names_files(GoodDeedClaim.photo_path)  # media.finish_parts() looks for rows naming a stored file
