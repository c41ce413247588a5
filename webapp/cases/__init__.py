"""Reports (民情反映) and the escalation ladder, mediation, figures."""
from flask import Blueprint

bp = Blueprint("cases", __name__)


@bp.app_template_filter("is_overdue")
def is_overdue(due_at) -> bool:
    from ..database import utcnow

    return due_at is not None and due_at <= utcnow()


@bp.app_template_filter("time_left")
def time_left(due_at) -> str:
    """还剩 5 小时 / 已超期 2 小时: the clock as a handler needs to read it."""
    from flask_babel import gettext as _

    from ..database import utcnow

    seconds = int((due_at - utcnow()).total_seconds())
    hours = abs(seconds) // 3600
    amount = _("%(n)s天", n=hours // 24) if hours >= 48 else _("%(n)s小时", n=max(hours, 0) or 1)
    return _("还剩 %(t)s", t=amount) if seconds > 0 else _("已超期 %(t)s", t=amount)


@bp.app_template_global()
def event_label(event) -> str:
    from .labels import EVENT_LABELS, LEVEL_TO

    label = str(EVENT_LABELS.get(event.kind, event.kind))
    if event.to_level and event.kind in ("escalated", "to_village", "to_township", "sent_back",
                                         "reopened", "escalated_unsatisfied"):
        label += f" → {LEVEL_TO[event.to_level]}"
    return label
