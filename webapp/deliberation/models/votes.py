"""Trace-free votes (README, "What each party can learn"). A ballot paper row says only that a
person received their one paper for a vote; a ballot row has a random id, the token's hash, the
choice and the day: no person, no address, no time of day. SQLite keeps ballots WITHOUT ROWID,
in the order of their random ids, so not even the file's order follows the order of casting."""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...database import UTCDateTime, utcnow
from ...extensions import db

SCREENING, DECISION = "screening", "decision"
OPEN, CLOSED = "open", "closed"


class Vote(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(80))
    options_json: Mapped[str] = mapped_column(Text)  # [{"key": "1", "label": "…"}]
    # How many options a voter may choose (a screening vote picks up to N topics).
    max_choices: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default=OPEN)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    public_key: Mapped[str] = mapped_column(Text)  # base64 SPKI, published with the vote
    # Destroyed at the close: after it nobody, the server included, can sign another paper.
    private_key_pem: Mapped[bytes | None] = mapped_column(LargeBinary)
    papers_issued: Mapped[int] = mapped_column(Integer, default=0)
    result_json: Mapped[str] = mapped_column(Text, default="")
    # When the eligible were told "closes in 24 hours" (once: the sweep claims it).
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    village = relationship("Region")


class BallotPaper(db.Model):
    """"A ballot paper was issued to this person for this vote": once each, nothing more."""
    page_scope = "covered"  # written beside the vote's papers_issued

    __table_args__ = (UniqueConstraint("vote_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("vote.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))


class Ballot(db.Model):
    # A ballot shows on no kept page; the close bumps the vote's village. Nothing of a ballot
    # reaches the page versions, so they cannot count or time it either.
    page_scope = "covered"
    __table_args__ = (UniqueConstraint("vote_id", "token_hash"), {"sqlite_with_rowid": False})
    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random, never a sequence
    vote_id: Mapped[int] = mapped_column(ForeignKey("vote.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64))  # the voter's receipt
    choice: Mapped[str] = mapped_column(String(200))  # option keys, comma-separated
    cast_on: Mapped[date] = mapped_column(Date)  # the vote's day in Beijing, nothing finer

    vote = relationship("Vote")
