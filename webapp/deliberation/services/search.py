"""The village's deliberations searched in Chinese (jieba, as notices are): each topic's whole
record — the topic and those merged into it, its answer, its meetings' agendas, minutes,
speeches and resolution, its tasks — is indexed as the topic's words, rebuilt whenever any of
it changes, so a search finds the one public timeline it belongs to."""
from sqlalchemy import delete, func, select

from ...disclosures.search import words
from ...extensions import db
from ..models.meetings import AgendaItem, Meeting, MinuteLine, Opinion, Task
from ..models.topics import Topic, TopicWord


def _record_text(topic: Topic) -> str:
    parts = [topic.title, topic.body, topic.answer]
    parts += [f"{t} {b}" for t, b in db.session.execute(select(Topic.title, Topic.body)
                                                         .where(Topic.merged_into_id == topic.id))]
    meetings = select(Meeting.id).where(Meeting.topic_id == topic.id)
    parts += [f"{t} {p} {r}" for t, p, r in db.session.execute(select(Meeting.title, Meeting.place, Meeting.resolution)
                                                                 .where(Meeting.topic_id == topic.id))]
    for model, column in ((AgendaItem, AgendaItem.title), (MinuteLine, MinuteLine.text), (Task, Task.title)):
        parts += db.session.scalars(select(column).where(model.meeting_id.in_(meetings)))
    parts += db.session.scalars(select(Opinion.text).where(Opinion.meeting_id.in_(meetings)))
    return " ".join(p for p in parts if p)


def index_topic(topic: Topic) -> None:
    db.session.flush()
    db.session.execute(delete(TopicWord).where(TopicWord.topic_id == topic.id))
    rows = [{"token": w, "topic_id": topic.id} for w in sorted(words(_record_text(topic)))]
    if rows:
        db.session.execute(TopicWord.__table__.insert(), rows)


def matching_topic_ids(query: str, village_id: int):
    """A subquery of the village's topics whose record holds every word of the query (None:
    the query has no words)."""
    wanted = words(query)
    if not wanted:
        return None
    return (select(TopicWord.topic_id).join(Topic, Topic.id == TopicWord.topic_id)
            .where(Topic.village_id == village_id, TopicWord.token.in_(wanted))
            .group_by(TopicWord.topic_id).having(func.count(TopicWord.token) == len(wanted)))
