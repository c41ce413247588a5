"""Notifications: an inbox per person, and an outbox the worker delivers from."""
from flask import Blueprint

bp = Blueprint("notifications", __name__)


@bp.app_template_global()
def unread_count(user) -> int:
    from .queries import unread_count as count

    return count(user) if getattr(user, "is_authenticated", False) else 0
