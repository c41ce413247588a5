"""The append-only audit log. Each entry is chained to the one before by a SHA-256 hash, so a
changed or deleted entry breaks the chain from that point on; the database also refuses
UPDATE and DELETE on the table (triggers in the first migration)."""
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..database import UTCDateTime
from ..extensions import db

GENESIS_HASH = "0" * 64


class AuditEntry(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    # No foreign key: the log must outlive anything it mentions.
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int | None] = mapped_column(Integer)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    # Canonical JSON of what changed; never parsed back into the state of an object.
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    __table_args__ = (db.Index("ix_audit_entry_object", "object_type", "object_id"),)


class AuditHead(db.Model):
    """One row holding the newest entry's hash. Every append locks this row first, so
    concurrent writers take turns and the chain never forks."""

    # Moves only with an audit entry, which bumps its region (page_versions).
    page_scope = "covered"
    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default=GENESIS_HASH)
