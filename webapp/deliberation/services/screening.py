"""The screening vote (议题筛选): the topics past the village's threshold go to a trace-free
vote; each voter picks up to N; at the close the N with most votes are chosen for a
deliberation and the others go back to collecting support."""
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from ...database import utcnow
from ...extensions import db
from ...i18n import BEIJING
from ...jobs import deliver_after_commit
from ...notifications.services import notify
from ...service import ServiceError
from ..models.topics import CHOSEN, OPEN, SCREENING, Topic, TopicAuthor
from ..models.votes import SCREENING as SCREENING_VOTE
from ..models.votes import Vote
from . import votes
from .topics import ready_for_screening


def open_screening(cadre, village, topic_ids: list[int], days: int, chosen: int) -> Vote:
    """A screening vote over topics past the threshold: each voter picks up to `chosen`; the
    `chosen` topics with most votes are deliberated, the rest go back to collecting support."""
    ready = {t.id: t for t in ready_for_screening(village.id)}
    topics = [ready[i] for i in sorted(set(topic_ids)) if i in ready]
    if len(topics) != len(set(topic_ids)) or len(topics) < 2:
        raise ServiceError(_l("请至少选两个达到支持数的议题。"), "topics")
    if not 1 <= days <= 30:
        raise ServiceError(_l("投票天数请填 1 到 30。"), "days")
    if not 1 <= chosen < len(topics):
        raise ServiceError(_l("选出的议题数要少于参加筛选的议题数。"), "chosen")
    opened = utcnow().astimezone(BEIJING)
    title = _("%(m)s月%(d)s日议题筛选：选出 %(n)s 个议题上议事会", m=opened.month, d=opened.day, n=chosen)
    vote = votes.open_vote(cadre, village, SCREENING_VOTE, title,
                     [t.title for t in topics], utcnow() + timedelta(days=days), max_choices=chosen,
                     keys=[str(t.id) for t in topics])
    for topic in topics:
        topic.status, topic.screening_vote_id = SCREENING, vote.id
    return vote


@votes.when_closed(SCREENING_VOTE)
def settle_screening(vote: Vote, counts: dict[str, int]) -> list[int]:
    """At the close: the `max_choices` topics with most votes (ties: more supports, then the
    earlier topic) are chosen, if anyone voted for them; the others collect support again."""
    topics = {t.id: t for t in db.session.scalars(select(Topic).where(Topic.screening_vote_id == vote.id))}
    ranked = sorted(topics.values(), key=lambda t: (-counts.get(str(t.id), 0), -t.support_count, t.id))
    chosen = [t.id for t in ranked[:vote.max_choices] if counts.get(str(t.id), 0) > 0]
    for topic in topics.values():
        topic.status = CHOSEN if topic.id in chosen else OPEN
        flag_modified(topic, "status")
        authors = list(db.session.scalars(select(TopicAuthor.user_id).where(TopicAuthor.topic_id == topic.id)))
        with force_locale("zh_Hans_CN"):
            notify(authors, "topic.screened", _("你的议题入选，村里将为它开议事会：%(t)s", t=topic.title) if topic.id in chosen
                   else _("你的议题这次没有入选，会继续收集支持：%(t)s", t=topic.title), url=f"/topics/{topic.id}")
    deliver_after_commit()
    return chosen


def screening_result(vote: Vote) -> list[dict] | None:
    """The topics by votes, most first (None while the vote is open)."""
    rows = votes.results(vote)
    return sorted(rows, key=lambda row: -row["votes"]) if rows is not None else None
