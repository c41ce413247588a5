"""Notifications: an inbox per person, and an outbox the worker delivers from."""
from flask import Blueprint

bp = Blueprint("notifications", __name__)


@bp.app_template_global()
def unread_count(user) -> int:
    """The 消息 badge: counted with the person when the session loaded them (one statement on
    every page), else now."""
    from .queries import unread_count as count

    if not getattr(user, "is_authenticated", False):
        return 0
    known = getattr(user, "unread_at_load", None)
    return known if known is not None else count(user)
