"""Requests whose answer is late go up: from the team member to the village's cadres, then to
the township, each told; the miss is counted. Run by the deadline sweep's job beside the
cases' (worker/jobs/cases.py), and like it safe twice and side by side: each request is changed
under its version guard, and a request changed once is no longer due."""
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from ..audit.services import record
from ..database import utcnow
from ..extensions import db
from ..jobs import request_delivery
from ..notifications.services import excerpt, notify
from ..transaction import commit, rollback
from .models import LEVELS, MEMBER, OPEN, TOWNSHIP, VILLAGE, RequestEvent, ServiceRequest
from .services.requests import ANSWER_HOURS, holders, request_url

NEXT = {MEMBER: VILLAGE, VILLAGE: TOWNSHIP}


def sweep_requests(now=None, batch: int = 200) -> int:
    """A batch runner (an edge): every open request past its deadline, one change each."""
    now = now or utcnow()
    moved = 0
    query = (select(ServiceRequest.id).where(ServiceRequest.status == OPEN, ServiceRequest.due_at <= now)
             .order_by(ServiceRequest.due_at).limit(batch))
    ids = list(db.session.scalars(query))
    commit()
    for request_id in ids:
        request = db.session.get(ServiceRequest, request_id)
        if request is None or request.status != OPEN or request.due_at is None or request.due_at > now:
            rollback()
            continue
        old = request.level
        request.missed_count += 1
        if old == TOWNSHIP:  # nobody above: it stays with the township, late, without a new clock
            request.due_at = None
        else:
            request.level = NEXT[old]
            request.due_at = now + timedelta(hours=ANSWER_HOURS[request.level])
        with force_locale("zh_Hans_CN"):
            note = _("%(who)s未在期限内答复，转给%(next)s", who=LEVELS[old], next=LEVELS[request.level]) \
                if old != TOWNSHIP else _("乡镇综合指挥室也未在期限内答复")
            db.session.add(RequestEvent(request_id=request.id, at=now, actor_id=None, kind="escalated", note=note))
            try:
                db.session.flush()
            except StaleDataError:  # answered, or swept by another worker, a moment ago
                rollback()
                continue
            if old != TOWNSHIP:
                notify(holders(request), "service.escalated", _("超期转来的请求%(what)s，请尽快答复",
                                                                what=excerpt(request.text)),
                       url=request_url(request), sms=True, now=now)
        record(None, "hall.escalated", request, object_type="service_request", region=request.village_id,
               level=request.level)
        commit()
        moved += 1
    if moved:
        request_delivery()
    return moved
