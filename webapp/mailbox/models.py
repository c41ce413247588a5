from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db
from ..media import names_files


class Letter(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    writer_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    is_private: Mapped[bool] = mapped_column(Boolean, default=False)
    photo_path: Mapped[str] = mapped_column(String(200), default="")
    voice_path: Mapped[str] = mapped_column(String(200), default="")
    voice_mime: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # Set once when the 3-day reminder goes out, so the sweep reminds exactly once.
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    village = relationship("Region")
    writer = relationship("User", foreign_keys=[writer_id])
    answered_by = relationship("User", foreign_keys=[answered_by_id])


names_files(Letter.photo_path, Letter.voice_path)  # media.finish_parts() looks for rows naming a stored file
