"""Reports (民情反映) and their way up the ladder: grid worker → village team → township
command centre → county supervision. A case stores its level and when its next deadline falls
due; the periodic sweep escalates what is overdue."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db
from ..media import names_files

CATEGORIES = {
    "emergency": _l("危急事件"),
    "dispute": _l("邻里纠纷"),
    "hazard": _l("安全隐患"),
    "environment": _l("环境卫生"),
    "infrastructure": _l("道路水电"),
    "other": _l("其他"),
}

GRID, VILLAGE, TOWNSHIP, COUNTY = "grid", "village", "township", "county"
LADDER = (GRID, VILLAGE, TOWNSHIP, COUNTY)
LEVEL_LABELS = {GRID: _l("网格员"), VILLAGE: _l("村服务团队"), TOWNSHIP: _l("乡镇综合指挥室"),
                COUNTY: _l("县级督办")}

OPEN, IN_PROGRESS, RESOLVED, CLOSED = "open", "in_progress", "resolved", "closed"
STATUS_LABELS = {OPEN: _l("待处理"), IN_PROGRESS: _l("处理中"), RESOLVED: _l("已办结，待评价"),
                 CLOSED: _l("已完结")}

# The township's "four platforms" (四个平台) it dispatches cases to.
DEPARTMENTS = {
    "zongzhi": _l("综治工作"),
    "shichang": _l("市场监管"),
    "zhifa": _l("综合执法"),
    "bianmin": _l("便民服务"),
}

RATINGS = {"satisfied": _l("满意"), "basic": _l("基本满意"), "unsatisfied": _l("不满意")}


class Case(db.Model):
    __tablename__ = "report_case"  # "case" is an SQL keyword

    id: Mapped[int] = mapped_column(primary_key=True)
    # Made by the phone that wrote the report, so a report sent twice is one case.
    client_ref: Mapped[str | None] = mapped_column(String(40), unique=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    category: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(String(120), default="")
    is_public: Mapped[bool] = mapped_column(Boolean, default=True)
    level: Mapped[str] = mapped_column(String(16), default=GRID)
    status: Mapped[str] = mapped_column(String(16), default=OPEN)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    department: Mapped[str] = mapped_column(String(16), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_level: Mapped[str] = mapped_column(String(16), default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    rating: Mapped[str] = mapped_column(String(16), default="")
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    missed_count: Mapped[int] = mapped_column(Integer, default=0)
    # Bumped by every change, so that a guarded update changes a case only once.
    version: Mapped[int] = mapped_column(Integer, default=1)

    reporter = relationship("User", foreign_keys=[reporter_id])
    assigned_to = relationship("User", foreign_keys=[assigned_to_id])
    village = relationship("Region", foreign_keys=[village_id])
    grid = relationship("Region", foreign_keys=[grid_id])
    events: Mapped[list["CaseEvent"]] = relationship(back_populates="case", order_by="CaseEvent.id")
    attachments: Mapped[list["Attachment"]] = relationship(back_populates="case", order_by="Attachment.id")
    mediation: Mapped["Mediation | None"] = relationship(uselist=False, viewonly=True)

    __table_args__ = (db.Index("ix_case_open_due", "status", "due_at"),)
    # Every ORM update checks and bumps the version: a handler's click that raced the sweep
    # fails instead of silently undoing the escalation.
    __mapper_args__ = {"version_id_col": version}

    @property
    def is_emergency(self) -> bool:
        return self.category == "emergency"

    @property
    def category_label(self) -> str:
        return str(CATEGORIES.get(self.category, self.category))

    @property
    def level_label(self) -> str:
        return str(LEVEL_LABELS[self.level])

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def is_active(self) -> bool:
        return self.status in (OPEN, IN_PROGRESS)


class CaseEvent(db.Model):
    """One step on the case's timeline (留痕)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("report_case.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")  # what the reporter reads too
    # Between handlers only (why it was handed on, to whom, what to watch for): the
    # reporter and fellow villagers never see it.
    internal_note: Mapped[str] = mapped_column(Text, default="")
    from_level: Mapped[str] = mapped_column(String(16), default="")
    to_level: Mapped[str] = mapped_column(String(16), default="")

    case: Mapped[Case] = relationship(back_populates="events")
    actor = relationship("User")


class DeadlineMiss(db.Model):
    """A deadline a team let pass, counted against it. One per case, level and deadline."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("report_case.id"), index=True)
    level: Mapped[str] = mapped_column(String(16))
    team_region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (UniqueConstraint("case_id", "level", "due_at", name="uq_deadline_miss"),)


class Attachment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("report_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # photo, voice, video
    mime: Mapped[str] = mapped_column(String(40))
    path: Mapped[str] = mapped_column(String(200))  # under instance/uploads
    small_path: Mapped[str] = mapped_column(String(200), default="")
    size: Mapped[int] = mapped_column(Integer)

    case: Mapped[Case] = relationship(back_populates="attachments")


class DeadlineSettings(db.Model):
    """Each county sets its own clocks; the defaults are the ones in the seed documents."""

    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("region.id"), unique=True)
    response_hours: Mapped[int] = mapped_column(Integer, default=24)
    village_days: Mapped[int] = mapped_column(Integer, default=5)
    township_days: Mapped[int] = mapped_column(Integer, default=10)


class Mediation(db.Model):
    """Online mediation of a dispute (指尖调解室). Private to the parties."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("report_case.id"), unique=True)
    mediator_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    other_party_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    lawyer_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    status: Mapped[str] = mapped_column(String(16), default="mediating")  # agreed, failed, lawyer, settled
    agreement: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    mediator = relationship("User", foreign_keys=[mediator_id])
    other_party = relationship("User", foreign_keys=[other_party_id])
    lawyer = relationship("User", foreign_keys=[lawyer_id])
    sessions: Mapped[list["MediationSession"]] = relationship(order_by="MediationSession.id")


class MediationSession(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    mediation_id: Mapped[int] = mapped_column(ForeignKey("mediation.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    note: Mapped[str] = mapped_column(Text)

    author = relationship("User")


names_files(Attachment.path, Attachment.small_path)  # media.finish_parts() looks for rows naming a stored file
