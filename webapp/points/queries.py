from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from .models import PointBalance, PointEntry


def balance_of(user) -> int:
    return db.session.scalar(select(PointBalance.balance).where(PointBalance.user_id == user.id)) or 0


def history_of(user, limit: int = 50) -> list[PointEntry]:
    return list(db.session.scalars(select(PointEntry).where(PointEntry.user_id == user.id)
                                   .order_by(PointEntry.id.desc()).limit(limit)))


def verified_villagers(village_id: int) -> list[User]:
    return list(db.session.scalars(select(User).where(User.village_id == village_id, User.verified_at.is_not(None),
                                                      User.active.is_(True)).order_by(User.group_id, User.name)))


def recent_entries(village_id: int, limit: int = 30) -> list[PointEntry]:
    return list(db.session.scalars(select(PointEntry).where(PointEntry.village_id == village_id)
                                   .order_by(PointEntry.id.desc()).limit(limit)))
