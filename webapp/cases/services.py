"""Every write to a case, as verb_noun(actor, case, ...). Each step goes on the case's timeline
and into the audit log, and tells the people concerned through the outbox, all in one
transaction."""
import logging
import re
from functools import wraps

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from .. import signals
from ..audit.services import record
from ..auth import may_handle_case, may_rate_case, may_report_for_others
from ..database import utcnow
from ..extensions import db
from ..notifications.services import cut, excerpt, notify, request_delivery
from ..service import ServiceError
from . import media
from .deadlines import LOWER_LEVEL, NEXT_LEVEL, county_of, due_at, settings_for_county
from .models import (
    CATEGORIES,
    CLOSED,
    DEPARTMENTS,
    GRID,
    IN_PROGRESS,
    OPEN,
    RATINGS,
    RESOLVED,
    TOWNSHIP,
    VILLAGE,
    Attachment,
    Case,
    CaseEvent,
)
from .recipients import handlers

log = logging.getLogger("cunli.cases")
CLIENT_REF = re.compile(r"^[A-Za-z0-9\-]{8,40}$")


def case_url(case: Case) -> str:
    # A plain path: notifications are written by jobs and commands too, outside any request.
    return f"/cases/{case.id}"


def _event(case: Case, actor, kind: str, note: str = "", from_level: str = "", to_level: str = "",
           now=None, internal: str = "") -> None:
    """A step on the timeline: `note` is read by the reporter, `internal` by handlers only."""
    case.events.append(CaseEvent(at=now or utcnow(), actor_id=getattr(actor, "id", None), kind=kind,
                                 note=note, internal_note=internal, from_level=from_level, to_level=to_level))


def _tell(case: Case, level: str, kind: str, title: str, *, urgent=False, sms=False, now=None):
    notify(handlers(level, case.village, case.grid_id), kind, title, body=cut(case.text),
           url=case_url(case), case_id=case.id, urgent=urgent, sms=sms, now=now)


def _tell_reporter(case: Case, kind: str, title: str, now=None) -> None:
    notify([case.reporter_id], kind, title, url=case_url(case), case_id=case.id, now=now)


def _finish(actor, case: Case, action: str, **detail) -> None:
    record(actor, action, case, object_type="case", region=case.village_id, **detail)
    db.session.commit()
    request_delivery()


def step(service):
    """A step on a case. If the case changed under it (the sweep escalated it, another
    handler acted), nothing is written and the person is told to look again."""

    @wraps(service)
    def guarded(*args, **kwargs):
        try:
            return service(*args, **kwargs)
        except StaleDataError:
            db.session.rollback()
            raise ServiceError(_l("这件事刚刚有了变化（可能已超期升级），请刷新页面后再办理。")) from None

    return guarded


# ---- reporting ----------------------------------------------------------------------------

def report_case(actor, *, category: str, text: str, location: str = "", is_public: bool = True,
                client_ref: str | None = None, reporter=None, photos=(), voice=None, video=None,
                now=None) -> tuple[Case, bool]:
    """Open a case; returns (case, created). The same client_ref twice is one case."""
    now = now or utcnow()
    reporter = reporter or actor
    client_ref = (client_ref or "").strip() or None
    if client_ref and not CLIENT_REF.match(client_ref):
        raise ServiceError(_l("提交编号不对，请刷新页面后再试。"))
    if client_ref:
        existing = db.session.scalar(select(Case).where(Case.client_ref == client_ref))
        if existing is not None:
            if existing.reporter_id != reporter.id:
                raise ServiceError(_l("提交编号不对，请刷新页面后再试。"))
            return existing, False
    if reporter.id != actor.id and not (
            may_report_for_others(actor) and reporter.village_id == actor.village_id):
        raise ServiceError(_l("只能为本村村民代为反映。"), "reporter")
    if category not in CATEGORIES:
        raise ServiceError(_l("请选择问题的类别。"), "category")
    text = (text or "").strip()
    if not 2 <= len(text) <= 2000:
        raise ServiceError(_l("请写清楚是什么问题（2到2000字）。"), "text")
    uploads = media.check_uploads(photos, voice, video)
    settings = settings_for_county(county_of(reporter.village))
    case = Case(client_ref=client_ref, reporter_id=reporter.id,
                entered_by_id=actor.id if actor.id != reporter.id else None,
                village_id=reporter.village_id, grid_id=reporter.grid_id, category=category,
                text=text, location=(location or "").strip()[:120], is_public=bool(is_public),
                level=GRID, status=OPEN, due_at=due_at(GRID, now, settings), created_at=now)
    db.session.add(case)
    try:
        db.session.flush()
    except IntegrityError:  # the same report arrived twice at the same moment
        db.session.rollback()
        return db.session.scalar(select(Case).where(Case.client_ref == client_ref)), False
    for upload in uploads:
        case.attachments.append(Attachment(**media.store(case.id, upload)))
    _event(case, actor, "reported", now=now)
    if case.is_emergency:
        title = _("危急事件%(what)s", what=excerpt(case.text, 20))
        for level in (GRID, VILLAGE, TOWNSHIP):
            _tell(case, level, "case.emergency", title, urgent=True, sms=True, now=now)
    else:
        _tell(case, GRID, "case.new", _("新的反映（%(category)s）%(what)s", category=case.category_label,
                                        what=excerpt(case.text)), now=now)
    _finish(actor, case, "case.reported", category=category, attachments=len(uploads))
    return case, True


# ---- the ladder -----------------------------------------------------------------------------

def _require_handler(actor, case: Case, *levels: str) -> None:
    if not case.is_active or case.level not in levels or not may_handle_case(actor, case):
        raise ServiceError(_l("这件事现在不归你办理，或已经办结。"))


NOTE_NEEDED = _l("请写明答复内容。")


def _note(note: str, required: bool = False, what=NOTE_NEEDED) -> str:
    note = (note or "").strip()
    if required and not note:
        raise ServiceError(what, "note")
    return note[:2000]


def _move_to(actor, case: Case, level: str, note: str, kind: str, now, internal: str = "") -> None:
    settings = settings_for_county(county_of(case.village))
    _event(case, actor, kind, note, case.level, level, now=now, internal=internal)
    case.level, case.status, case.due_at = level, OPEN, due_at(level, now, settings)
    case.assigned_to_id, case.department = None, ""
    case.responded_at = case.responded_at or now


def _resolve(actor, case: Case, note: str, now) -> None:
    _event(case, actor, "resolved", note, case.level, now=now)
    case.status, case.resolved_at, case.resolved_level, case.due_at = RESOLVED, now, case.level, None
    case.responded_at = case.responded_at or now
    _tell_reporter(case, "case.resolved", _("你反映的%(what)s已办结，请评价", what=excerpt(case.text)), now=now)


@step
def answer_case(actor, case: Case, note: str, now=None) -> None:
    """Grid worker: a simple question, answered and closed at once."""
    _require_handler(actor, case, GRID)
    _resolve(actor, case, _note(note, True), now or utcnow())
    _finish(actor, case, "case.answered")
    signals.case_resolved.send(case, now=case.resolved_at)


@step
def hand_to_village(actor, case: Case, note: str = "", now=None) -> None:
    _require_handler(actor, case, GRID)
    now = now or utcnow()
    _move_to(actor, case, VILLAGE, "", "to_village", now, internal=_note(note))
    _tell(case, VILLAGE, "case.to_village", _("网格员转来%(what)s，请5天内处置", what=excerpt(case.text)), now=now)
    _tell_reporter(case, "case.progress", _("你反映的%(what)s已交村服务团队处理", what=excerpt(case.text)), now=now)
    _finish(actor, case, "case.to_village")


@step
def escalate_to_township(actor, case: Case, note: str, now=None) -> None:
    _require_handler(actor, case, GRID, VILLAGE)
    now = now or utcnow()
    _move_to(actor, case, TOWNSHIP, "", "to_township", now,
             internal=_note(note, True, _l("请写明为什么要提交乡镇。")))
    _tell(case, TOWNSHIP, "case.to_township", _("%(village)s提交%(what)s，请分流处置", village=case.village.name,
                                                 what=excerpt(case.text)), sms=True, now=now)
    _tell_reporter(case, "case.progress", _("你反映的%(what)s已提交乡镇综合指挥室", what=excerpt(case.text)), now=now)
    _finish(actor, case, "case.to_township")


@step
def assign_case(actor, case: Case, member, note: str = "", now=None) -> None:
    """Village team: give the case to a member by specialty."""
    _require_handler(actor, case, VILLAGE)
    if member is None or not any(m.region_id == case.village_id and m.role in (
            "service_member", "cadre", "party_secretary") for m in member.memberships):
        raise ServiceError(_l("请选择本村服务团队的成员。"), "member")
    now = now or utcnow()
    case.assigned_to_id, case.status = member.id, IN_PROGRESS
    case.responded_at = case.responded_at or now
    _event(case, actor, "assigned", now=now, internal=member.name + (f"：{_note(note)}" if note else ""))
    notify([member.id], "case.assigned", _("分给你一件事%(what)s，请尽快处置", what=excerpt(case.text)),
           body=cut(case.text),
           url=case_url(case), case_id=case.id, now=now)
    _finish(actor, case, "case.assigned", member=member.id)


@step
def dispatch_case(actor, case: Case, department: str, note: str = "", now=None) -> None:
    """Township: send the case to one of the four platforms."""
    _require_handler(actor, case, TOWNSHIP)
    if department not in DEPARTMENTS:
        raise ServiceError(_l("请选择分流到哪个平台。"), "department")
    now = now or utcnow()
    case.department, case.status = department, IN_PROGRESS
    case.responded_at = case.responded_at or now
    _event(case, actor, "dispatched", str(DEPARTMENTS[department]), now=now, internal=_note(note))
    _tell_reporter(case, "case.progress", _("你反映的%(what)s已由乡镇分流到%(dept)s", what=excerpt(case.text),
                                            dept=DEPARTMENTS[department]), now=now)
    _finish(actor, case, "case.dispatched", department=department)


@step
def resolve_case(actor, case: Case, note: str, now=None) -> None:
    _require_handler(actor, case, VILLAGE, TOWNSHIP, "county")
    _resolve(actor, case, _note(note, True, _l("请写明是怎么处置的。")), now or utcnow())
    _finish(actor, case, "case.resolved")
    signals.case_resolved.send(case, now=case.resolved_at)


@step
def send_back(actor, case: Case, reason: str, now=None) -> None:
    """Any level above the grid may send a case one level down, saying why."""
    _require_handler(actor, case, VILLAGE, TOWNSHIP, "county")
    reason = _note(reason, True, _l("请写明退回的原因。"))
    now = now or utcnow()
    lower = LOWER_LEVEL[case.level]
    _move_to(actor, case, lower, "", "sent_back", now, internal=reason)
    _tell(case, lower, "case.sent_back", _("%(what)s被退回给你：%(why)s", what=excerpt(case.text), why=cut(reason, 30)),
          now=now)
    _finish(actor, case, "case.sent_back", to=lower)


@step
def rate_case(actor, case: Case, rating: str, note: str = "", now=None) -> None:
    """The reporter rates; unsatisfied reopens once at the level that resolved it, and a
    second time sends it a level higher."""
    if not may_rate_case(actor, case):
        raise ServiceError(_l("只有反映人可以评价，且要等办结以后。"))
    if rating not in RATINGS:
        raise ServiceError(_l("请选择满意、基本满意或不满意。"), "rating")
    now = now or utcnow()
    case.rating = rating
    _event(case, actor, "rated", f"{RATINGS[rating]}" + (f"：{_note(note)}" if note else ""), now=now)
    if rating != "unsatisfied":
        case.status, case.closed_at = CLOSED, now
        _finish(actor, case, "case.rated", rating=rating)
        signals.case_rated.send(case, now=now)
        return
    level = case.resolved_level or case.level
    if case.reopen_count == 0:
        case.reopen_count = 1
        _move_to(actor, case, level, "", "reopened", now)
    else:
        level = NEXT_LEVEL.get(level, level)
        _move_to(actor, case, level, "", "escalated_unsatisfied", now)
    case.resolved_at, case.resolved_level = None, ""
    _tell(case, level, "case.reopened", _("反映人对%(what)s的处理不满意，请重新处置", what=excerpt(case.text)), now=now)
    _finish(actor, case, "case.rated", rating=rating, to=level)
    signals.case_rated.send(case, now=now)
