"""A deliberation meeting (议事会) on a chosen topic: its agenda, documents, invited people and
drawn representatives, the opinions posted before and during it, the live minutes, who
attended; then its decision vote, its resolution and the tasks that carry it out.

The meeting's row carries the village; every row below it is written beside a change to the
meeting itself (services/meetings.py `_touch`), so they say `page_scope = "covered"`."""
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...database import UTCDateTime, utcnow
from ...extensions import db
from ...media import names_files

PLANNED, LIVE, FINISHED = "planned", "live", "finished"
STATUS_LABELS = {PLANNED: _l("待召开"), LIVE: _l("正在开"), FINISHED: _l("已结束")}
# Who is invited besides the drawn representatives (seed 003: 利益相关方、专家、社会组织、乡镇联络员).
INVITEE_KINDS = ("affected", "expert", "organisation", "township", "representative")
OPINION, QUESTION, SPEECH = "opinion", "question", "speech"
TASK_OPEN, TASK_DONE = "open", "done"
PROGRESS, FEEDBACK = "progress", "feedback"


class Meeting(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), index=True)
    title: Mapped[str] = mapped_column(String(80))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(16), default=PLANNED)
    draw_id: Mapped[int | None] = mapped_column(ForeignKey("draw.id"))
    decision_vote_id: Mapped[int | None] = mapped_column(ForeignKey("vote.id"))
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolution_notice_id: Mapped[int | None] = mapped_column(ForeignKey("disclosure.id"))
    # What the check-in QR carries: shown on the cadre's screen, scanned by those who came.
    checkin_code: Mapped[str] = mapped_column(String(32))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    village = relationship("Region")
    topic = relationship("Topic")
    draw = relationship("Draw")
    decision_vote = relationship("Vote")
    agenda = relationship("AgendaItem", order_by="AgendaItem.position", back_populates="meeting")
    documents = relationship("MeetingDocument", order_by="MeetingDocument.id")
    invitees = relationship("Invitee", order_by="Invitee.id")
    tasks = relationship("Task", order_by="Task.due_on", viewonly=True)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


class AgendaItem(db.Model):
    page_scope = "covered"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(80))

    meeting = relationship("Meeting", back_populates="agenda")


class MeetingDocument(db.Model):
    page_scope = "covered"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    path: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(40))


class Invitee(db.Model):
    """Someone asked to the meeting: a villager (user) or someone from outside (name only)."""
    page_scope = "covered"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    name: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(String(80), default="")
    # A drawn representative who cannot come: the next of the same stratum's reserve is invited.
    declined_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    meeting = relationship("Meeting", viewonly=True)


class Opinion(db.Model):
    """An opinion or question posted from anywhere, or a speech the cadre records at the meeting,
    on one agenda item (or the meeting as a whole)."""
    page_scope = "covered"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    speaker: Mapped[str] = mapped_column(String(40), default="")  # a speech: who spoke
    kind: Mapped[str] = mapped_column(String(16), default=OPINION)
    text: Mapped[str] = mapped_column(Text, default="")
    voice_path: Mapped[str] = mapped_column(String(200), default="")
    voice_mime: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author = relationship("User")
    agenda_item = relationship("AgendaItem")


class MinuteLine(db.Model):
    """The live minutes, a line at a time; a correction is a new line, never an edit."""
    page_scope = "covered"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"))
    text: Mapped[str] = mapped_column(Text)
    written_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    agenda_item = relationship("AgendaItem")


class Attendance(db.Model):
    page_scope = "covered"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    how: Mapped[str] = mapped_column(String(8))  # "qr" or "cadre"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user = relationship("User")


class Task(db.Model):
    """A task of the resolution: an owner, a deadline, progress; overdue ones reach the township."""
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    title: Mapped[str] = mapped_column(String(80))
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    due_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default=TASK_OPEN)
    progress: Mapped[int] = mapped_column(Integer, default=0)  # per cent
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    overdue_reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    owner = relationship("User")
    meeting = relationship("Meeting")
    updates = relationship("TaskUpdate", order_by="TaskUpdate.id")


class TaskUpdate(db.Model):
    """Progress from the owner (with a photo) or feedback from a villager."""
    page_scope = "covered"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    progress: Mapped[int | None] = mapped_column(Integer)
    photo_path: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author = relationship("User")


names_files(Opinion.voice_path, MeetingDocument.path, TaskUpdate.photo_path)
