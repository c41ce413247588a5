"""The services hall (办事大厅): the county's catalogue of service guides and a village's own
(X) items; the village's 8+X team and its directory of useful numbers (便民通讯录); and the
villagers' requests — ask online, or "come to my home" (上门服务) — each with its own timeline."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db
from ..media import names_files

# The eight groups of the seed's online menu, and who in the 8+X team answers each.
GROUPS = {
    "household": _l("户籍"),
    "property": _l("不动产登记"),
    "social_insurance": _l("社保"),
    "tax": _l("税务"),
    "medical_insurance": _l("医保"),
    "relief": _l("民政救助"),
    "farming": _l("农业"),
    "legal": _l("法律"),
    "local": _l("本村事项"),
}
SPECIALTIES = {
    "liaison": _l("联村干部"),
    "cadre": _l("村干部"),
    "grid": _l("网格员"),
    "police": _l("民警"),
    "doctor": _l("村医"),
    "teacher": _l("教师"),
    "agri": _l("农技员"),
    "legal": _l("法律顾问"),
    "volunteer": _l("志愿者"),
}
# A guide's group names the specialty its questions go to, unless the guide says otherwise.
GROUP_SPECIALTY = {"household": "police", "property": "cadre", "social_insurance": "cadre", "tax": "cadre",
                   "medical_insurance": "doctor", "relief": "cadre", "farming": "agri", "legal": "legal",
                   "local": "cadre"}

ASK, VISIT = "ask", "visit"
KINDS = {ASK: _l("在线咨询"), VISIT: _l("上门服务")}
# A request's life: waiting for its member; a visit scheduled; done (a question answered, a
# visit made); rated by the villager.
OPEN, SCHEDULED, DONE, RATED = "open", "scheduled", "done", "rated"
STATUSES = {OPEN: _l("等待答复"), SCHEDULED: _l("已约上门时间"), DONE: _l("已办好"), RATED: _l("已评价")}
# Who holds an unanswered request: the team member, then (a deadline missed) the village's
# cadres, then the township's command centre.
MEMBER, VILLAGE, TOWNSHIP = "member", "village", "township"
LEVELS = {MEMBER: _l("服务团队成员"), VILLAGE: _l("村干部"), TOWNSHIP: _l("乡镇综合指挥室")}
RATINGS = {"satisfied": _l("满意"), "basic": _l("基本满意"), "unsatisfied": _l("不满意")}


class ServiceGuide(db.Model):
    """One service and how to get it done: the county's catalogue, or a village's own item."""

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)  # the county, or a village
    group: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(60))
    purpose: Mapped[str] = mapped_column(Text, default="")  # what it is for
    who: Mapped[str] = mapped_column(Text, default="")  # who may apply
    materials: Mapped[list] = mapped_column(JSON, default=list)  # the checklist, one line each
    place: Mapped[str] = mapped_column(String(120), default="")
    hours: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    fees: Mapped[str] = mapped_column(String(80), default="")
    duration: Mapped[str] = mapped_column(String(80), default="")
    online_name: Mapped[str] = mapped_column(String(40), default="")  # 浙里办, 粤省事 …
    online_url: Mapped[str] = mapped_column(String(300), default="")
    specialty: Mapped[str] = mapped_column(String(16), default="")  # "" → the group's (GROUP_SPECIALTY)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    region = relationship("Region")

    @property
    def group_label(self) -> str:
        return str(GROUPS.get(self.group, self.group))

    @property
    def routed_to(self) -> str:
        return self.specialty or GROUP_SPECIALTY.get(self.group, "cadre")


class TeamMember(db.Model):
    """A member of a village's 8+X service team, with or without an account (a volunteer may
    have none: their requests go to the village's cadres)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    name: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(40), default="")  # 联片民警, 村医 …
    specialty: Mapped[str] = mapped_column(String(16))
    phone: Mapped[str] = mapped_column(String(20), default="")
    phone_public: Mapped[bool] = mapped_column(Boolean, default=False)
    hours: Mapped[str] = mapped_column(String(80), default="")
    photo_path: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    user = relationship("User")

    @property
    def specialty_label(self) -> str:
        return str(SPECIALTIES.get(self.specialty, self.specialty))


class DirectoryEntry(db.Model):
    """A useful number of the village: the clinic, the police post, water, electricity, the bus."""

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    phone: Mapped[str] = mapped_column(String(20))
    hours: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(String(200), default="")
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ServiceRequest(db.Model):
    """A villager's question or request for a home visit, held by a team member with a deadline
    the deadline sweep enforces (sweep.py), like a case's."""

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # a grid worker or cadre
    guide_id: Mapped[int | None] = mapped_column(ForeignKey("service_guide.id"))
    kind: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(String(120), default="")
    specialty: Mapped[str] = mapped_column(String(16))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("team_member.id"))
    level: Mapped[str] = mapped_column(String(16), default=MEMBER)
    status: Mapped[str] = mapped_column(String(16), default=OPEN)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    missed_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # The first answer or appointment: on time when no deadline was missed before it.
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    photo_path: Mapped[str] = mapped_column(String(200), default="")  # the visit done
    rating: Mapped[str] = mapped_column(String(16), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    requester = relationship("User", foreign_keys=[requester_id])
    member = relationship("TeamMember")
    guide = relationship("ServiceGuide")
    village = relationship("Region")
    events: Mapped[list["RequestEvent"]] = relationship(order_by="RequestEvent.id", back_populates="request")

    __table_args__ = (db.Index("ix_service_request_open_due", "status", "due_at"),)
    # A member's click that raced the sweep fails instead of undoing the escalation.
    __mapper_args__ = {"version_id_col": version}

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.status])

    @property
    def level_label(self) -> str:
        return str(LEVELS[self.level])

    @property
    def is_waiting(self) -> bool:
        return self.status == OPEN


class RequestEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_request.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(String(16))  # asked, answered, scheduled, done, rated, escalated
    note: Mapped[str] = mapped_column(Text, default="")

    request = relationship("ServiceRequest", back_populates="events")
    actor = relationship("User")


names_files(TeamMember.photo_path, ServiceRequest.photo_path)
