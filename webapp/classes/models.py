"""Lessons (the county's, or a village's own) and who finished which."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db
from ..media import names_files

TOPICS = {"agri": _l("农业技术"), "law": _l("法律常识"), "health": _l("健康卫生"), "party": _l("党员学习")}


class Lesson(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)  # the county, or a village
    topic: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[int] = mapped_column(Integer, default=5)
    picture_path: Mapped[str] = mapped_column(String(200), default="")
    audio_path: Mapped[str] = mapped_column(String(200), default="")
    audio_mime: Mapped[str] = mapped_column(String(40), default="")
    video_path: Mapped[str] = mapped_column(String(200), default="")
    video_mime: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    region = relationship("Region")

    @property
    def topic_label(self) -> str:
        return str(TOPICS.get(self.topic, self.topic))


class LessonDone(db.Model):
    """A person finished a lesson (once): their progress, a party member's study record."""

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    lesson = relationship("Lesson")
    __table_args__ = (UniqueConstraint("lesson_id", "user_id", name="uq_lesson_done_once"),)


names_files(Lesson.picture_path, Lesson.audio_path, Lesson.video_path)
