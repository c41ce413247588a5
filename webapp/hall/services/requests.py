"""A villager's request: ask online or "come to my home" (上门服务). It goes to the team member of
the guide's specialty in the villager's village, with a deadline for the first answer; the
sweep (hall/sweep.py) sends an unanswered one to the village's cadres, then the township. The
member answers, or schedules a visit and records it done with a note and a photo; the villager
rates it."""
from datetime import datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from ... import media
from ...audit.services import record
from ...auth import may_ask, may_ask_for_others, may_handle_request, may_rate_request
from ...cases.recipients import role_holder_ids
from ...database import utcnow
from ...extensions import db
from ...i18n import BEIJING
from ...jobs import deliver_after_commit
from ...notifications.services import excerpt, notify
from ...roles import VILLAGE_TEAM
from ...service import ServiceError
from ..models import (
    ASK,
    DONE,
    KINDS,
    MEMBER,
    OPEN,
    RATED,
    RATINGS,
    SCHEDULED,
    TOWNSHIP,
    VILLAGE,
    RequestEvent,
    ServiceGuide,
    ServiceRequest,
    TeamMember,
)

# Hours each holder has for the first answer before the request goes up.
ANSWER_HOURS = {MEMBER: 24, VILLAGE: 24, TOWNSHIP: 48}


def request_url(request: ServiceRequest) -> str:
    return f"/hall/requests/{request.id}"


def member_for(village_id: int, specialty: str) -> TeamMember | None:
    """The village's team member of that specialty (the first in the team's order)."""
    return db.session.scalar(select(TeamMember).where(
        TeamMember.village_id == village_id, TeamMember.specialty == specialty, TeamMember.active.is_(True))
        .order_by(TeamMember.position, TeamMember.id).limit(1))


def holders(request: ServiceRequest) -> list[int]:
    """Who holds the request now: the member (or, without an account, the village's cadres), the
    cadres, the township's command centre."""
    if request.level == MEMBER and request.member is not None and request.member.user_id:
        return [request.member.user_id]
    if request.level == TOWNSHIP:
        return role_holder_ids([request.village.parent_id], ("township_staff",))
    return role_holder_ids([request.village_id], VILLAGE_TEAM)


def _event(request: ServiceRequest, actor, kind: str, note: str, now) -> None:
    """A step on the timeline, added without loading the timeline (a load would flush the
    request's change before its version guard, _saved, could catch a race)."""
    event = RequestEvent(at=now, actor_id=getattr(actor, "id", None), kind=kind, note=note)
    if request.id is None:
        request.events.append(event)
    else:
        event.request_id = request.id
        db.session.add(event)


def _tell(user_ids, kind: str, title: str, request: ServiceRequest, now, sms=False) -> None:
    notify(user_ids, kind, title, url=request_url(request), now=now, sms=sms)
    deliver_after_commit()


def ask(actor, requester, kind: str, text: str, guide: ServiceGuide | None = None, address: str = "",
        now=None) -> ServiceRequest:
    """A request by the villager, or by a grid worker or cadre for them (`requester` ≠ actor)."""
    now = now or utcnow()
    village = requester.village
    if village is None or not (may_ask(actor, village) if actor.id == requester.id
                               else may_ask_for_others(actor, village) and requester.is_verified):
        raise ServiceError(_l("只能为本村已认证的村民提出请求。"))
    if kind not in KINDS:
        raise ServiceError(_l("请选择在线咨询还是上门服务。"), "kind")
    text = (text or "").strip()
    if not 2 <= len(text) <= 1000:
        raise ServiceError(_l("请写下想问什么、想办什么（2到1000字）。"), "text")
    address = " ".join((address or "").split())[:120]
    if kind != ASK and not address:
        raise ServiceError(_l("上门服务请写下地址。"), "address")
    if guide is not None and guide.region_id not in (village.id, *village.ancestor_ids):
        guide = None  # another county's or village's item: asked as a general question
    specialty = guide.routed_to if guide else "cadre"
    member = member_for(village.id, specialty) or (member_for(village.id, "cadre") if specialty != "cadre" else None)
    request = ServiceRequest(village_id=village.id, requester_id=requester.id, guide_id=guide.id if guide else None,
                             entered_by_id=actor.id if actor.id != requester.id else None, kind=kind, text=text,
                             address=address, specialty=specialty, member_id=member.id if member else None,
                             level=MEMBER if member else VILLAGE, status=OPEN, created_at=now)
    request.due_at = now + timedelta(hours=ANSWER_HOURS[request.level])
    request.village, request.member = village, member
    db.session.add(request)
    _event(request, actor, "asked", "", now)
    db.session.flush()
    with force_locale("zh_Hans_CN"):
        _tell(holders(request), "service.asked", _("%(kind)s：%(what)s，请在%(h)s小时内答复", kind=KINDS[kind],
                                                   what=excerpt(text, 16), h=ANSWER_HOURS[request.level]),
              request, now, sms=True)
    record(actor, "hall.asked", request, object_type="service_request", region=village.id, kind=kind,
           for_user=requester.id)
    return request


def _check(actor, request: ServiceRequest) -> None:
    if not may_handle_request(actor, request):
        raise ServiceError(_l("这件请求不在你这里办理，或者已经办好了。"))


def _first_answer(request: ServiceRequest, now) -> None:
    request.answered_at = request.answered_at or now
    request.due_at = None


def _saved(request: ServiceRequest) -> None:
    try:
        with db.session.begin_nested():
            db.session.flush()  # the version guard: a click that raced the sweep stops here
    except StaleDataError:
        raise ServiceError(_l("这件请求刚刚有了变化（可能已超期转给村干部），请刷新页面后再办理。")) from None


def answer(actor, request: ServiceRequest, note: str, now=None) -> None:
    """An answer that settles the request (a question online; a visit found unneeded)."""
    _check(actor, request)
    now = now or utcnow()
    note = (note or "").strip()
    if not note:
        raise ServiceError(_l("请写明答复内容。"), "note")
    _first_answer(request, now)
    request.status, request.done_at = DONE, now
    _event(request, actor, "answered", note[:2000], now)
    _saved(request)
    with force_locale("zh_Hans_CN"):
        _tell([request.requester_id], "service.answered", _("你的请求%(what)s有了答复", what=excerpt(request.text)),
              request, now, sms=True)
    record(actor, "hall.answered", request, object_type="service_request", region=request.village_id)


def schedule(actor, request: ServiceRequest, visit_at: datetime, note: str = "", now=None) -> None:
    _check(actor, request)
    now = now or utcnow()
    if visit_at is None or visit_at < now - timedelta(hours=1) or visit_at > now + timedelta(days=60):
        raise ServiceError(_l("请选一个今后60天内的上门时间。"), "visit_at")
    _first_answer(request, now)
    request.status, request.visit_at = SCHEDULED, visit_at
    when = visit_at.astimezone(BEIJING).strftime("%m月%d日 %H:%M")
    _event(request, actor, "scheduled", f"{when} {(note or '').strip()[:500]}".strip(), now)
    _saved(request)
    with force_locale("zh_Hans_CN"):
        _tell([request.requester_id], "service.scheduled", _("%(when)s上门：%(what)s", when=when,
                                                              what=excerpt(request.text)), request, now, sms=True)
    record(actor, "hall.scheduled", request, object_type="service_request", region=request.village_id,
           visit_at=visit_at.isoformat())


def prepare_photo(file) -> media.Prepared | None:
    return media.prepare_photo(file, "hall", "photo")


def record_done(actor, request: ServiceRequest, note: str, photo=None, now=None) -> None:
    """The visit made (or the matter done): what was done, and a photo if there is one."""
    _check(actor, request)
    now = now or utcnow()
    note = (note or "").strip()
    if not note:
        raise ServiceError(_l("请写明办了什么。"), "note")
    _first_answer(request, now)
    request.status, request.done_at = DONE, now
    _event(request, actor, "done", note[:2000], now)
    _saved(request)
    if photo:
        request.photo_path = media.keep(photo).path
    with force_locale("zh_Hans_CN"):
        _tell([request.requester_id], "service.done", _("已办好：%(what)s，请给这次服务评价", what=excerpt(request.text)),
              request, now)
    record(actor, "hall.done", request, object_type="service_request", region=request.village_id)


def rate(actor, request: ServiceRequest, rating: str, note: str = "", now=None) -> None:
    if not may_rate_request(actor, request):
        raise ServiceError(_l("只有提出请求的人可以评价，且要等办好以后。"))
    if rating not in RATINGS:
        raise ServiceError(_l("请选择满意、基本满意或不满意。"), "rating")
    now = now or utcnow()
    request.status, request.rating = RATED, rating
    _event(request, actor, "rated", f"{RATINGS[rating]}" + (f"：{note.strip()[:500]}" if (note or "").strip() else ""),
           now)
    _saved(request)
    record(actor, "hall.rated", request, object_type="service_request", region=request.village_id, rating=rating)
