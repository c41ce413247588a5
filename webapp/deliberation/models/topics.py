from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...database import UTCDateTime, utcnow
from ...extensions import db
from ...media import names_files

# A topic's life: collecting support, in the screening vote, chosen for a deliberation,
# not chosen, merged into another.
OPEN, SCREENING, CHOSEN, NOT_CHOSEN, MERGED = "open", "screening", "chosen", "not_chosen", "merged"
STATUS_LABELS = {OPEN: _l("收集支持"), SCREENING: _l("筛选投票中"), CHOSEN: _l("上议事会"), NOT_CHOSEN: _l("未入选"),
                 MERGED: _l("已合并")}


class Topic(db.Model):
    """议题: proposed by a verified villager of the village, supported by others."""

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    title: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text, default="")
    photo_path: Mapped[str] = mapped_column(String(200), default="")
    voice_path: Mapped[str] = mapped_column(String(200), default="")
    voice_mime: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(16), default=OPEN, index=True)
    support_count: Mapped[int] = mapped_column(Integer, default=0)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"))
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    screening_vote_id: Mapped[int | None] = mapped_column(ForeignKey("vote.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    village = relationship("Region")
    author = relationship("User", foreign_keys=[author_id])
    answered_by = relationship("User", foreign_keys=[answered_by_id])
    merged_into = relationship("Topic", remote_side=[id])

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


class TopicSupport(db.Model):
    """One support per person per topic (a merge moves supports, keeping this true)."""
    page_scope = "covered"  # written beside its topic's support_count, which bumps the village

    __table_args__ = (UniqueConstraint("topic_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TopicAuthor(db.Model):
    """Everyone credited with a topic: its author, and the authors of topics merged into it."""
    page_scope = "covered"  # written beside the topics of a merge

    __table_args__ = (UniqueConstraint("topic_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))


names_files(Topic.photo_path, Topic.voice_path)


class TopicRule(db.Model):
    """A village's own support threshold: past it a topic can go to the screening vote."""

    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), primary_key=True)
    support_threshold: Mapped[int] = mapped_column(Integer)
    set_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))


class TopicWord(db.Model):
    """A word of a topic's whole record — the topic, its answer, its meetings' minutes, speeches
    and resolution, its tasks (jieba, as notices are searched): the village's deliberations are
    searched by indexed lookups, not a scan."""
    page_scope = "covered"  # written beside the topic or meeting whose text it indexes
    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), primary_key=True, index=True)
