"""Every write to a case, as verb_noun(actor, case, ...). Each step goes on the case's timeline
and into the audit log, and tells the people concerned through the outbox; the request that
called it commits them together."""
import logging
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import media, signals
from ..accounts.queries import user_by_id, user_by_phone
from ..accounts.services import normalise_phone
from ..auth import may_be_assigned, may_handle_case, may_rate_case, may_report_for_others
from ..database import utcnow
from ..extensions import db
from ..notifications.services import cut, excerpt, notify
from ..service import ServiceError
from .deadlines import LOWER_LEVEL, NEXT_LEVEL, county_of, due_at, settings_for_county
from .models import (
    CATEGORIES,
    CLOSED,
    DEPARTMENTS,
    GRID,
    IN_PROGRESS,
    OPEN,
    RATINGS,
    TOWNSHIP,
    VILLAGE,
    Attachment,
    Case,
)
from .steps import (
    add_event,
    case_url,
    finish,
    move_to,
    resolve,
    step,
    tell,
    tell_reporter,
    written_note,
)

log = logging.getLogger("cunli.cases")
CLIENT_REF = re.compile(r"^[A-Za-z0-9\-]{8,40}$")


# ---- reporting ----------------------------------------------------------------------------

def _villager_by_phone(phone: str, field: str):
    """The account a cadre or grid worker typed the phone of (for someone else), or None."""
    if not (phone or "").strip():
        return None
    found = user_by_phone(normalise_phone(phone))
    if found is None:
        raise ServiceError(_l("没有找到这个手机号的村民。"), field)
    return found


def report_case(actor, *, category: str, text: str, location: str = "", is_public: bool = True,
                client_ref: str | None = None, reporter=None, reporter_phone: str = "", files=(),
                now=None) -> tuple[Case, bool]:
    """Open a case; returns (case, created). The same client_ref twice is one case. `files`
    are the report's photos, voice note and video, prepared before the write transaction
    (media.prepare_report_files)."""
    now = now or utcnow()
    reporter = reporter or _villager_by_phone(reporter_phone, "reporter_phone") or actor
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
    settings = settings_for_county(county_of(reporter.village))
    case = Case(client_ref=client_ref, reporter_id=reporter.id,
                entered_by_id=actor.id if actor.id != reporter.id else None,
                village_id=reporter.village_id, grid_id=reporter.grid_id, category=category,
                text=text, location=(location or "").strip()[:120], is_public=bool(is_public),
                level=GRID, status=OPEN, due_at=due_at(GRID, now, settings), created_at=now)
    db.session.add(case)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # the same report arrived twice at the same moment
        return db.session.scalar(select(Case).where(Case.client_ref == client_ref)), False
    for prepared in files:
        case.attachments.append(Attachment(**media.keep(prepared).fields))
    add_event(case, actor, "reported", now=now)
    if case.is_emergency:
        title = _("危急事件%(what)s", what=excerpt(case.text, 20))
        for level in (GRID, VILLAGE, TOWNSHIP):
            tell(case, level, "case.emergency", title, urgent=True, sms=True, now=now)
    else:
        tell(case, GRID, "case.new", _("新的反映（%(category)s）%(what)s", category=case.category_label,
                                        what=excerpt(case.text)), now=now)
    finish(actor, case, "case.reported", category=category, attachments=len(files))
    return case, True


# ---- the ladder -----------------------------------------------------------------------------

def _require_handler(actor, case: Case, *levels: str) -> None:
    if not case.is_active or case.level not in levels or not may_handle_case(actor, case):
        raise ServiceError(_l("这件事现在不归你办理，或已经办结。"))


@step
def answer_case(actor, case: Case, note: str, now=None) -> None:
    """Grid worker: a simple question, answered and closed at once."""
    _require_handler(actor, case, GRID)
    resolve(actor, case, written_note(note, True), now or utcnow())
    finish(actor, case, "case.answered")
    signals.send_after_commit(signals.case_resolved, case, now=case.resolved_at)


@step
def hand_to_village(actor, case: Case, note: str = "", now=None) -> None:
    _require_handler(actor, case, GRID)
    now = now or utcnow()
    move_to(actor, case, VILLAGE, "", "to_village", now, internal=written_note(note))
    tell(case, VILLAGE, "case.to_village", _("网格员转来%(what)s，请5天内处置", what=excerpt(case.text)), now=now)
    tell_reporter(case, "case.progress", _("你反映的%(what)s已交村服务团队处理", what=excerpt(case.text)), now=now)
    finish(actor, case, "case.to_village")


@step
def escalate_to_township(actor, case: Case, note: str, now=None) -> None:
    _require_handler(actor, case, GRID, VILLAGE)
    now = now or utcnow()
    move_to(actor, case, TOWNSHIP, "", "to_township", now,
             internal=written_note(note, True, _l("请写明为什么要提交乡镇。")))
    tell(case, TOWNSHIP, "case.to_township", _("%(village)s提交%(what)s，请分流处置", village=case.village.name,
                                                 what=excerpt(case.text)), sms=True, now=now)
    tell_reporter(case, "case.progress", _("你反映的%(what)s已提交乡镇综合指挥室", what=excerpt(case.text)), now=now)
    finish(actor, case, "case.to_township")


@step
def assign_case(actor, case: Case, member_id, note: str = "", now=None) -> None:
    """Village team: give the case to a member by specialty."""
    _require_handler(actor, case, VILLAGE)
    member = user_by_id(member_id)
    if not may_be_assigned(member, case):
        raise ServiceError(_l("请选择本村服务团队的成员。"), "member")
    now = now or utcnow()
    case.assigned_to_id, case.status = member.id, IN_PROGRESS
    case.responded_at = case.responded_at or now
    add_event(case, actor, "assigned", now=now, internal=member.name + (f"：{written_note(note)}" if note else ""))
    notify([member.id], "case.assigned", _("分给你一件事%(what)s，请尽快处置", what=excerpt(case.text)),
           body=cut(case.text),
           url=case_url(case), case_id=case.id, now=now)
    finish(actor, case, "case.assigned", member=member.id)


@step
def dispatch_case(actor, case: Case, department: str, note: str = "", now=None) -> None:
    """Township: send the case to one of the four platforms."""
    _require_handler(actor, case, TOWNSHIP)
    if department not in DEPARTMENTS:
        raise ServiceError(_l("请选择分流到哪个平台。"), "department")
    now = now or utcnow()
    case.department, case.status = department, IN_PROGRESS
    case.responded_at = case.responded_at or now
    add_event(case, actor, "dispatched", str(DEPARTMENTS[department]), now=now, internal=written_note(note))
    tell_reporter(case, "case.progress", _("你反映的%(what)s已由乡镇分流到%(dept)s", what=excerpt(case.text),
                                            dept=DEPARTMENTS[department]), now=now)
    finish(actor, case, "case.dispatched", department=department)


@step
def resolve_case(actor, case: Case, note: str, now=None) -> None:
    _require_handler(actor, case, VILLAGE, TOWNSHIP, "county")
    resolve(actor, case, written_note(note, True, _l("请写明是怎么处置的。")), now or utcnow())
    finish(actor, case, "case.resolved")
    signals.send_after_commit(signals.case_resolved, case, now=case.resolved_at)


@step
def send_back(actor, case: Case, reason: str, now=None) -> None:
    """Any level above the grid may send a case one level down, saying why."""
    _require_handler(actor, case, VILLAGE, TOWNSHIP, "county")
    reason = written_note(reason, True, _l("请写明退回的原因。"))
    now = now or utcnow()
    lower = LOWER_LEVEL[case.level]
    move_to(actor, case, lower, "", "sent_back", now, internal=reason)
    tell(case, lower, "case.sent_back", _("%(what)s被退回给你：%(why)s", what=excerpt(case.text), why=cut(reason, 30)),
          now=now)
    finish(actor, case, "case.sent_back", to=lower)


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
    add_event(case, actor, "rated", f"{RATINGS[rating]}" + (f"：{written_note(note)}" if note else ""), now=now)
    if rating != "unsatisfied":
        case.status, case.closed_at = CLOSED, now
        finish(actor, case, "case.rated", rating=rating)
        signals.send_after_commit(signals.case_rated, case, now=now)
        return
    level = case.resolved_level or case.level
    if case.reopen_count == 0:
        case.reopen_count = 1
        move_to(actor, case, level, "", "reopened", now)
    else:
        level = NEXT_LEVEL.get(level, level)
        move_to(actor, case, level, "", "escalated_unsatisfied", now)
    case.resolved_at, case.resolved_level = None, ""
    tell(case, level, "case.reopened", _("反映人对%(what)s的处理不满意，请重新处置", what=excerpt(case.text)), now=now)
    finish(actor, case, "case.rated", rating=rating, to=level)
    signals.send_after_commit(signals.case_rated, case, now=now)
