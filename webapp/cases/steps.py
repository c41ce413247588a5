"""What every step on a case does, shared by the ladder (services.py) and mediation
(mediation.py): the timeline entry, moving a level, resolving, telling people, and the audit
entry that ends the step. Nothing here commits; the request (or the sweep) does."""
from functools import wraps

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from ..audit.services import record
from ..database import utcnow
from ..extensions import db
from ..jobs import deliver_after_commit
from ..notifications.services import cut, excerpt, notify
from ..service import ServiceError
from .deadlines import county_of, due_at, settings_for_county
from .models import OPEN, RESOLVED, Case, CaseEvent
from .recipients import handlers

NOTE_NEEDED = _l("请写明答复内容。")


def case_url(case: Case) -> str:
    # A plain path: notifications are written by jobs and commands too, outside any request.
    return f"/cases/{case.id}"


def add_event(case: Case, actor, kind: str, note: str = "", from_level: str = "", to_level: str = "",
              now=None, internal: str = "") -> None:
    """A step on the timeline: `note` is read by the reporter, `internal` by handlers only."""
    case.events.append(CaseEvent(at=now or utcnow(), actor_id=getattr(actor, "id", None), kind=kind,
                                 note=note, internal_note=internal, from_level=from_level, to_level=to_level))


def tell(case: Case, level: str, kind: str, title: str, *, urgent=False, sms=False, now=None) -> None:
    notify(handlers(level, case.village, case.grid_id), kind, title, body=cut(case.text),
           url=case_url(case), case_id=case.id, urgent=urgent, sms=sms, now=now)


def tell_reporter(case: Case, kind: str, title: str, now=None) -> None:
    notify([case.reporter_id], kind, title, url=case_url(case), case_id=case.id, now=now)


def written_note(note: str, required: bool = False, what=NOTE_NEEDED) -> str:
    note = (note or "").strip()
    if required and not note:
        raise ServiceError(what, "note")
    return note[:2000]


def move_to(actor, case: Case, level: str, note: str, kind: str, now, internal: str = "") -> None:
    """The case goes to another level of the ladder, with that level's clock."""
    settings = settings_for_county(county_of(case.village))
    add_event(case, actor, kind, note, case.level, level, now=now, internal=internal)
    case.level, case.status, case.due_at = level, OPEN, due_at(level, now, settings)
    case.assigned_to_id, case.department = None, ""
    case.responded_at = case.responded_at or now


def resolve(actor, case: Case, note: str, now) -> None:
    add_event(case, actor, "resolved", note, case.level, now=now)
    case.status, case.resolved_at, case.resolved_level, case.due_at = RESOLVED, now, case.level, None
    case.responded_at = case.responded_at or now
    tell_reporter(case, "case.resolved", _("你反映的%(what)s已办结，请评价", what=excerpt(case.text)), now=now)


def finish(actor, case: Case, action: str, **detail) -> None:
    """The step's audit entry; the notifications it queued are delivered once it commits."""
    record(actor, action, case, object_type="case", region=case.village_id, **detail)
    deliver_after_commit()


def step(service):
    """A step on a case. If the case changed under it (the sweep escalated it, another
    handler acted), nothing is written and the person is told to look again."""

    @wraps(service)
    def guarded(*args, **kwargs):
        try:
            with db.session.begin_nested():  # a step that loses the race leaves nothing behind
                return service(*args, **kwargs)
        except StaleDataError:
            raise ServiceError(_l("这件事刚刚有了变化（可能已超期升级），请刷新页面后再办理。")) from None

    return guarded
