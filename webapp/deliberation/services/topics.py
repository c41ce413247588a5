"""Topics (议题征集): proposed by a verified villager with a photo or a voice note, supported
once by each of the others, merged by a cadre when two ask the same (supports carry over, both
authors credited), answered by a cadre; past the village's threshold a topic can go to the
screening vote, whose close chooses what the village deliberates."""
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from ... import media
from ...audit.services import record
from ...auth import may_manage_topic, may_run_deliberation, may_take_part
from ...database import insert_if_new, utcnow
from ...extensions import db
from ...jobs import deliver_after_commit
from ...notifications.services import notify
from ...service import ServiceError
from ..models.topics import MERGED, OPEN, Topic, TopicAuthor, TopicRule, TopicSupport
from . import search

TITLE_MAX, BODY_MAX = 80, 2000


def support_threshold(village_id: int) -> int:
    rule = db.session.get(TopicRule, village_id)
    return rule.support_threshold if rule else current_app.config["TOPIC_SUPPORT_THRESHOLD"]


def set_support_threshold(cadre, village, threshold: int) -> None:
    if not may_run_deliberation(cadre, village):
        raise ServiceError(_l("只有本村干部可以设置。"))
    if not 1 <= threshold <= 1000:
        raise ServiceError(_l("请填 1 到 1000。"), "threshold")
    rule = db.session.get(TopicRule, village.id)
    if rule is None:
        db.session.add(TopicRule(village_id=village.id, support_threshold=threshold, set_by_id=cadre.id))
    else:
        rule.support_threshold, rule.set_by_id = threshold, cadre.id
    record(cadre, "topic.threshold_set", None, region=village.id, threshold=threshold)


def prepare_attachments(photo, voice) -> tuple:
    """A topic's photo and voice note, checked and resized before the write."""
    return media.prepare_photo(photo, "topics", "photo"), media.prepare_voice(voice, "topics")


def propose_topic(author, title: str, body: str, photo=None, voice=None) -> Topic:
    village = author.village
    if village is None or not may_take_part(author, village):
        raise ServiceError(_l("认证以后才能提议题。"))
    title, body = (title or "").strip(), (body or "").strip()
    if not 4 <= len(title) <= TITLE_MAX:
        raise ServiceError(_l("题目写 4 到 80 个字。"), "title")
    if len(body) > BODY_MAX:
        raise ServiceError(_l("说明最多 2000 字。"), "body")
    topic = Topic(village_id=village.id, author_id=author.id, title=title, body=body, support_count=1)
    db.session.add(topic)
    db.session.flush()
    if photo:
        topic.photo_path = media.keep(photo).path
    if voice:
        topic.voice_path, topic.voice_mime = media.keep(voice).path, voice.mime
    db.session.add_all([TopicAuthor(topic_id=topic.id, user_id=author.id),
                        TopicSupport(topic_id=topic.id, user_id=author.id)])  # the author supports it
    search.index_topic(topic)
    record(author, "topic.proposed", topic, region=village.id, title=title)
    return topic


def support_topic(person, topic: Topic) -> int:
    """Once per person; returns the new count."""
    if not may_take_part(person, topic.village):
        raise ServiceError(_l("只有本村认证村民可以支持议题。"))
    if topic.status != OPEN:
        raise ServiceError(_l("这个议题现在不收集支持了。"))
    added = db.session.execute(insert_if_new(TopicSupport, {"topic_id": topic.id, "user_id": person.id})).first()
    if added is None:
        raise ServiceError(_l("你已经支持过这个议题了。"))
    db.session.execute(update(Topic).where(Topic.id == topic.id).values(support_count=Topic.support_count + 1))
    db.session.refresh(topic, ["support_count"])
    record(person, "topic.supported", topic, region=topic.village_id)
    return topic.support_count


def _recount(topic: Topic) -> None:
    topic.support_count = db.session.scalar(select(func.count()).select_from(TopicSupport)
                                            .where(TopicSupport.topic_id == topic.id))


def merge_topics(cadre, duplicate: Topic, into: Topic) -> None:
    """The duplicate's supports move to `into` (one per person still), its authors are credited
    on `into`; the duplicate stays readable, marked merged, pointing to `into`."""
    if not may_manage_topic(cadre, duplicate) or into.village_id != duplicate.village_id:
        raise ServiceError(_l("只能合并本村的议题。"), "into")
    if duplicate.id == into.id or duplicate.status != OPEN or into.status != OPEN:
        raise ServiceError(_l("只能合并两个都在收集支持的不同议题。"), "into")
    already = select(TopicSupport.user_id).where(TopicSupport.topic_id == into.id)
    db.session.execute(update(TopicSupport).where(TopicSupport.topic_id == duplicate.id,
                                                  TopicSupport.user_id.not_in(already)).values(topic_id=into.id))
    db.session.execute(delete(TopicSupport).where(TopicSupport.topic_id == duplicate.id))
    credited = set(db.session.scalars(select(TopicAuthor.user_id).where(TopicAuthor.topic_id == into.id)))
    for user_id in db.session.scalars(select(TopicAuthor.user_id).where(TopicAuthor.topic_id == duplicate.id)):
        if user_id not in credited:
            db.session.add(TopicAuthor(topic_id=into.id, user_id=user_id))
    duplicate.status, duplicate.merged_into_id = MERGED, into.id
    _recount(duplicate)
    _recount(into)
    search.index_topic(into)
    record(cadre, "topic.merged", duplicate, region=duplicate.village_id, into=into.id,
           supports=into.support_count)


def answer_topic(cadre, topic: Topic, answer: str) -> None:
    if not may_manage_topic(cadre, topic):
        raise ServiceError(_l("只有本村干部可以答复。"))
    answer = (answer or "").strip()
    if not 2 <= len(answer) <= BODY_MAX:
        raise ServiceError(_l("请写下答复（2到2000字）。"), "answer")
    topic.answer, topic.answered_by_id, topic.answered_at = answer, cadre.id, utcnow()
    authors = list(db.session.scalars(select(TopicAuthor.user_id).where(TopicAuthor.topic_id == topic.id)))
    with force_locale("zh_Hans_CN"):
        notify(authors, "topic.answered", _("村干部答复了你的议题：%(t)s", t=topic.title), url=f"/topics/{topic.id}")
    search.index_topic(topic)
    record(cadre, "topic.answered", topic, region=topic.village_id)
    deliver_after_commit()


def ready_for_screening(village_id: int) -> list[Topic]:
    """Open topics at or past the village's threshold, most supported first."""
    return list(db.session.scalars(select(Topic).where(
        Topic.village_id == village_id, Topic.status == OPEN,
        Topic.support_count >= support_threshold(village_id)).order_by(Topic.support_count.desc(), Topic.id)))
