"""Read models for the inbox."""
from sqlalchemy import func, select

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
