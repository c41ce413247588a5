"""Read models for the classes."""
from sqlalchemy import func, select

from ..accounts.models import User
from ..audit.objects import describes
from ..extensions import db
from ..params import as_id
from ..regions.models import Region
from .models import Lesson, LessonDone


def lesson_by_id(lesson_id) -> Lesson | None:
    lesson_id = as_id(lesson_id)
    return db.session.get(Lesson, lesson_id) if lesson_id else None


def lessons_for(village: Region | None, topic: str = "", include_inactive: bool = False) -> list[Lesson]:
    regions = [village.id, *village.ancestor_ids] if village is not None else list(
        db.session.scalars(select(Region.id).where(Region.level == "county")))
    query = select(Lesson).where(Lesson.region_id.in_(regions))
    if topic:
        query = query.where(Lesson.topic == topic)
    if not include_inactive:
        query = query.where(Lesson.active.is_(True))
    return list(db.session.scalars(query.order_by(Lesson.published_at.desc()).limit(100)))


def finished_by(user_id: int) -> set[int]:
    return set(db.session.scalars(select(LessonDone.lesson_id).where(LessonDone.user_id == user_id)))


def party_study(village_id: int, year_start) -> list[tuple]:
    """Each verified party member of the village: party lessons finished this year, in all, and
    the last one's day — what the branch looks at."""
    done = (select(LessonDone.user_id, func.count().label("n"), func.max(LessonDone.at).label("last"))
            .join(Lesson, Lesson.id == LessonDone.lesson_id)
            .where(Lesson.topic == "party", LessonDone.at >= year_start).group_by(LessonDone.user_id).subquery())
    return db.session.execute(
        select(User, func.coalesce(done.c.n, 0), done.c.last).outerjoin(done, done.c.user_id == User.id)
        .where(User.village_id == village_id, User.party_verified_at.is_not(None), User.active.is_(True))
        .order_by(func.coalesce(done.c.n, 0).desc(), User.name)).all()


@describes("lesson")
def describe_lessons(ids: list[int]) -> dict[int, str]:
    return {lid: f"「{title}」" for lid, title in db.session.execute(
        select(Lesson.id, Lesson.title).where(Lesson.id.in_(ids)))}
