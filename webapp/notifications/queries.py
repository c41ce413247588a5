"""Read models for the inbox."""
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..audit.objects import describes, quote
from ..extensions import db
from ..params import as_id
from .models import Notification


def unread_count(user) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)))


def inbox(user, before_id: int | None = None, limit: int = 30) -> list[Notification]:
    query = (select(Notification).where(Notification.user_id == user.id)
             .order_by(Notification.id.desc()).limit(limit))
    if before_id:
        query = query.where(Notification.id < before_id)
    return list(db.session.scalars(query))


def notification_by_id(notification_id) -> Notification | None:
    notification_id = as_id(notification_id)
    return db.session.get(Notification, notification_id) if notification_id else None


@describes("broadcast")
def describe_broadcasts(ids: list[int]) -> dict[int, str]:
    from .models import Broadcast

    return {i: _("紧急广播 #%(id)s%(what)s", id=i, what=quote(title)) for i, title in db.session.execute(
        select(Broadcast.id, Broadcast.title).where(Broadcast.id.in_(ids)))}
