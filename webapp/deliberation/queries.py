"""Reads for deliberation pages."""
from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..audit.objects import describes, quote
from ..extensions import db
from ..params import as_id
from ..regions.models import Region
from .models.draws import DRAWN, Draw, DrawWitness
from .models.meetings import TASK_OPEN, Attendance, Meeting, MinuteLine, Opinion, Task
from .models.topics import (
    CHOSEN,
    MERGED,
    NOT_CHOSEN,
    OPEN,
    SCREENING,
    Topic,
    TopicAuthor,
    TopicSupport,
)
from .models.votes import BallotPaper, Vote
from .services.search import matching_topic_ids


def draw_by_id(draw_id) -> Draw | None:
    draw_id = as_id(draw_id)
    if not draw_id:
        return None
    return db.session.scalar(select(Draw).where(Draw.id == draw_id)
                             .options(selectinload(Draw.witnesses).selectinload(DrawWitness.user)))


def draws_of(village_id: int) -> list[Draw]:
    return list(db.session.scalars(select(Draw).where(Draw.village_id == village_id).order_by(Draw.id.desc())))


def verified_villagers(village_id: int) -> list[User]:
    """Who can be a witness: the village's verified, active people, by name."""
    return list(db.session.scalars(select(User).where(User.village_id == village_id, User.active.is_(True),
                                                      User.verified_at.is_not(None)).order_by(User.name)))


def people_named(refs: list[str]) -> dict[str, User]:
    ids = [int(ref) for ref in refs if ref.isdigit()]
    return {str(u.id): u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}


def vote_by_id(vote_id) -> Vote | None:
    vote_id = as_id(vote_id)
    return db.session.get(Vote, vote_id) if vote_id else None


def has_paper(user, vote: Vote) -> bool:
    return db.session.scalar(select(BallotPaper.id).where(BallotPaper.vote_id == vote.id,
                                                          BallotPaper.user_id == user.id)) is not None


# ---- topics, the village's deliberation home, a topic's timeline ------------------------------

def topic_by_id(topic_id) -> Topic | None:
    topic_id = as_id(topic_id)
    return db.session.get(Topic, topic_id) if topic_id else None


TOPIC_ORDER = {SCREENING: 0, CHOSEN: 1, OPEN: 2, NOT_CHOSEN: 3, MERGED: 4}


def topics_of(village_id: int, query: str = "", limit: int = 60) -> list[Topic]:
    """The village's topics: in the screening vote, chosen, then collecting support (most
    supported first); merged ones only when searched for."""
    statement = select(Topic).where(Topic.village_id == village_id).options(selectinload(Topic.author))
    matching = matching_topic_ids(query, village_id) if query.strip() else None
    if matching is not None:
        statement = statement.where(Topic.id.in_(matching))
    elif query.strip():
        return []
    else:
        statement = statement.where(Topic.status != MERGED)
    topics = db.session.scalars(statement.order_by(Topic.support_count.desc(), Topic.id.desc()).limit(limit)).all()
    return sorted(topics, key=lambda t: TOPIC_ORDER.get(t.status, 9))


def open_topics_except(topic: Topic) -> list[Topic]:
    return list(db.session.scalars(select(Topic).where(Topic.village_id == topic.village_id, Topic.status == OPEN,
                                                       Topic.id != topic.id).order_by(Topic.title)))


def supported(user, topic: Topic) -> bool:
    return db.session.scalar(select(TopicSupport.id).where(TopicSupport.topic_id == topic.id,
                                                           TopicSupport.user_id == user.id)) is not None


def authors_of(topic: Topic) -> list[User]:
    return list(db.session.scalars(select(User).join(TopicAuthor, TopicAuthor.user_id == User.id)
                                   .where(TopicAuthor.topic_id == topic.id).order_by(TopicAuthor.id)))


def merged_into(topic: Topic) -> list[Topic]:
    return list(db.session.scalars(select(Topic).where(Topic.merged_into_id == topic.id).order_by(Topic.id)))


def votes_of(village_id: int, limit: int = 10) -> list[Vote]:
    return list(db.session.scalars(select(Vote).where(Vote.village_id == village_id)
                                   .order_by(Vote.status.desc(), Vote.id.desc()).limit(limit)))


def meetings_of(village_id: int, limit: int = 10) -> list[Meeting]:
    return list(db.session.scalars(select(Meeting).where(Meeting.village_id == village_id)
                                   .order_by(Meeting.starts_at.desc()).limit(limit)))


def meetings_on(topic: Topic) -> list[Meeting]:
    return list(db.session.scalars(select(Meeting).where(Meeting.topic_id == topic.id).order_by(Meeting.starts_at)))


# ---- meetings and tasks -------------------------------------------------------------------------

def meeting_by_id(meeting_id) -> Meeting | None:
    meeting_id = as_id(meeting_id)
    return db.session.scalar(select(Meeting).where(Meeting.id == meeting_id).options(
        selectinload(Meeting.agenda), selectinload(Meeting.documents), selectinload(Meeting.invitees))) \
        if meeting_id else None


def finished_draws_of(village_id: int) -> list[Draw]:
    return list(db.session.scalars(select(Draw).where(Draw.village_id == village_id, Draw.status == DRAWN)
                                   .order_by(Draw.id.desc())))


def person_in(village_id: int, user_id) -> User | None:
    """A person of the village by id (a form's choice), or None."""
    user_id = as_id(user_id)
    person = db.session.get(User, user_id) if user_id else None
    return person if person is not None and person.village_id == village_id else None


def opinion_of(meeting: Meeting, opinion_id) -> Opinion | None:
    return db.session.scalar(select(Opinion).where(Opinion.id == as_id(opinion_id), Opinion.meeting_id == meeting.id))


def opinions_of(meeting: Meeting) -> list[Opinion]:
    return list(db.session.scalars(select(Opinion).where(Opinion.meeting_id == meeting.id)
                                   .options(selectinload(Opinion.author)).order_by(Opinion.id)))


def minutes_of(meeting: Meeting) -> list[MinuteLine]:
    return list(db.session.scalars(select(MinuteLine).where(MinuteLine.meeting_id == meeting.id)
                                   .order_by(MinuteLine.id)))


def attendance_of(meeting: Meeting) -> list[Attendance]:
    return list(db.session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id)
                                   .options(selectinload(Attendance.user)).order_by(Attendance.id)))


def tasks_of(meeting: Meeting) -> list[Task]:
    return list(db.session.scalars(select(Task).where(Task.meeting_id == meeting.id)
                                   .options(selectinload(Task.owner)).order_by(Task.due_on, Task.id)))


def task_by_id(task_id) -> Task | None:
    task_id = as_id(task_id)
    return db.session.get(Task, task_id) if task_id else None


def overdue_tasks_in(region_ids: list[int], on) -> list[Task]:
    """Open tasks past their deadline in the villages below these regions, the longest late first."""
    villages = select(Region.id).where(Region.level == "village", or_(*[Region.path.like(f"%/{r}/%") for r in region_ids]))
    return list(db.session.scalars(select(Task).where(Task.village_id.in_(villages), Task.status == TASK_OPEN,
                                                      Task.due_on < on).options(selectinload(Task.owner))
                                   .order_by(Task.due_on, Task.id).limit(200)))


# ---- the audit page names deliberation's objects in words ----------------------------------------

def _titled(model, label, ids) -> dict[int, str]:
    return {i: _("%(kind)s #%(id)s%(what)s", kind=label, id=i, what=quote(title)) for i, title in db.session.execute(
        select(model.id, model.title).where(model.id.in_(ids)))}


@describes("topic")
def describe_topics(ids: list[int]) -> dict[int, str]:
    return _titled(Topic, _("议题"), ids)


@describes("draw")
def describe_draws(ids: list[int]) -> dict[int, str]:
    return _titled(Draw, _("抽签"), ids)


@describes("vote")
def describe_votes(ids: list[int]) -> dict[int, str]:
    return _titled(Vote, _("投票"), ids)


@describes("meeting")
def describe_meetings(ids: list[int]) -> dict[int, str]:
    return _titled(Meeting, _("议事会"), ids)


@describes("task")
def describe_tasks(ids: list[int]) -> dict[int, str]:
    return _titled(Task, _("落实任务"), ids)
