"""Disclosures and what villagers do with them."""
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db
from ..media import names_files

SECTIONS = {
    "party": _l("党务公开"),
    "village": _l("村务公开"),
    "finance": _l("财务公开"),
    "major": _l("重大事项"),
    "policy": _l("政策法规"),
}


class Disclosure(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    section: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    # A policy's plain-language reading (政策解读), shown above its original text.
    interpretation: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Members only: seen by the people of the region (and above), not by other villages.
    members_only: Mapped[bool] = mapped_column(Boolean, default=False)
    # None for a notice the platform made itself (the monthly points report).
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_count: Mapped[int] = mapped_column(Integer, default=0)
    like_count: Mapped[int] = mapped_column(Integer, default=0)
    # Bumped whenever the notice's page changes for a reader (a progress step, a comment shown
    # or hidden): a phone keeping it for offline reading fetches it again only then.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    region = relationship("Region")
    author = relationship("User")
    attachments: Mapped[list["DisclosureFile"]] = relationship(order_by="DisclosureFile.id")
    updates: Mapped[list["ProgressUpdate"]] = relationship(order_by="ProgressUpdate.id")

    __table_args__ = (db.Index("ix_disclosure_feed", "region_id", "published_at"),)

    @property
    def section_label(self) -> str:
        return str(SECTIONS.get(self.section, self.section))


class DisclosureFile(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosure.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # photo, pdf
    mime: Mapped[str] = mapped_column(String(40))
    path: Mapped[str] = mapped_column(String(200))
    small_path: Mapped[str] = mapped_column(String(200), default="")
    name: Mapped[str] = mapped_column(String(120), default="")
    size: Mapped[int] = mapped_column(Integer)


class ProgressUpdate(db.Model):
    """How a major matter moves on: each step published under it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosure.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    text: Mapped[str] = mapped_column(Text)

    author = relationship("User")


class DisclosureRead(db.Model):
    """One read per person per day: the read count counts people, not reloads."""

    # Seen only by the person it names (page_versions: a change bumps that person alone).
    page_scope = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosure.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    day: Mapped[date] = mapped_column(Date)

    __table_args__ = (UniqueConstraint("disclosure_id", "user_id", "day", name="uq_disclosure_read"),)


class DisclosureLike(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosure.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    __table_args__ = (UniqueConstraint("disclosure_id", "user_id", name="uq_disclosure_like"),)


class Comment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosure.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    official: Mapped[bool] = mapped_column(Boolean, default=False)  # a cadre's reply
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    hidden_reason: Mapped[str] = mapped_column(String(200), default="")

    author = relationship("User", foreign_keys=[user_id])


class SearchToken(db.Model):
    """A word of a disclosure (Chinese segmented by jieba): a search is indexed lookups of its
    words, not a scan of every body."""

    # Written only beside its notice, whose row bumps the notice's region (page_versions).
    page_scope = "covered"
    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosure.id"), primary_key=True, index=True)


names_files(DisclosureFile.path, DisclosureFile.small_path)  # media.finish_parts() looks for rows naming a stored file
