"""Topics through their services: proposed by a verified villager, supported once by each,
merged with supports and authors carried over, answered, screened by a vote whose close
chooses the topic with most votes."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from webapp.database import utcnow
from webapp.deliberation.blind_client import BallotPaper as Paper
from webapp.deliberation.models import Topic, TopicAuthor, TopicSupport
from webapp.deliberation.services import screening, topics, votes
from webapp.deliberation.services.search import matching_topic_ids
from webapp.extensions import db
from webapp.notifications.models import OutboxMessage
from webapp.service import ServiceError

SECRETARY, VILLAGER, LEADER, WEST_VILLAGER, UNVERIFIED = ("13800000003", "13800000005", "13800000007",
                                                          "13800000006", "13800000011")


def _supports(topic):
    return db.session.scalar(select(func.count()).select_from(TopicSupport).where(TopicSupport.topic_id == topic.id))


def test_a_topic_is_supported_once_by_each_verified_villager_of_its_village(app, person):
    topic = topics.propose_topic(person(VILLAGER), "村口到学校的路要装路灯", "晚上孩子放学太黑")
    assert topic.support_count == 1  # the author's own
    assert topics.support_topic(person(LEADER), topic) == 2
    with pytest.raises(ServiceError, match="已经支持过"):
        topics.support_topic(person(LEADER), topic)
    for stranger in (WEST_VILLAGER, UNVERIFIED):
        with pytest.raises(ServiceError, match="本村认证村民"):
            topics.support_topic(person(stranger), topic)
    assert _supports(topic) == topic.support_count == 2


def test_an_unverified_villager_cannot_propose_and_a_bad_title_changes_nothing(app, person):
    before = db.session.scalar(select(func.count()).select_from(Topic))
    with pytest.raises(ServiceError, match="认证以后"):
        topics.propose_topic(person(UNVERIFIED), "村口到学校的路要装路灯", "")
    with pytest.raises(ServiceError, match="4 到 80"):
        topics.propose_topic(person(VILLAGER), "灯", "")
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Topic)) == before


def test_a_merge_carries_supports_once_per_person_and_credits_both_authors(app, person):
    lights = topics.propose_topic(person(VILLAGER), "村口到学校的路要装路灯", "")
    again = topics.propose_topic(person(LEADER), "学校路口太黑，装几盏灯", "")
    topics.support_topic(person(VILLAGER), again)  # supports both: counts once after the merge
    topics.support_topic(person(SECRETARY), again)
    topics.merge_topics(person(SECRETARY), again, lights)
    assert again.status == "merged" and again.merged_into_id == lights.id
    assert lights.support_count == _supports(lights) == 3  # villager, leader, secretary
    authors = set(db.session.scalars(select(TopicAuthor.user_id).where(TopicAuthor.topic_id == lights.id)))
    assert authors == {person(VILLAGER).id, person(LEADER).id}
    with pytest.raises(ServiceError):
        topics.merge_topics(person(VILLAGER), lights, again)  # not a cadre, and again is merged
    db.session.commit()
    found = set(db.session.scalars(matching_topic_ids("路口 太黑", lights.village_id)))
    assert found == {lights.id, again.id}  # the merged words find the topic they went into, and their own


def test_the_screening_vote_chooses_the_topic_with_most_votes_and_returns_the_rest(app, person):
    secretary = person(SECRETARY)
    village = secretary.village
    topics.set_support_threshold(secretary, village, 2)
    lights = topics.propose_topic(person(VILLAGER), "村口到学校的路要装路灯", "")
    pond = topics.propose_topic(person(VILLAGER), "村西池塘清淤", "")
    lonely = topics.propose_topic(person(VILLAGER), "祠堂前面修个停车场", "")
    for t in (lights, pond):
        topics.support_topic(person(LEADER), t)
    ready = [t.id for t in topics.ready_for_screening(village.id)]
    assert {lights.id, pond.id} <= set(ready) and lonely.id not in ready
    with pytest.raises(ServiceError, match="达到支持数"):
        screening.open_screening(secretary, village, [lights.id, lonely.id], 7, 1)
    vote = screening.open_screening(secretary, village, [lights.id, pond.id], 7, 1)
    assert lights.status == pond.status == "screening" and lonely.status == "open"
    with pytest.raises(ServiceError, match="不收集支持"):
        topics.support_topic(person(SECRETARY), lights)
    for voter, choice in ((VILLAGER, lights), (LEADER, lights), (SECRETARY, pond)):
        paper = Paper(vote.public_key)
        signature = paper.finalize(votes.issue_paper(person(voter), vote, paper.blinded))
        votes.cast(vote, paper.prepared, signature, [str(choice.id)])
    assert screening.screening_result(vote) is None  # hidden until the close
    vote.closes_at = utcnow() - timedelta(seconds=1)
    assert votes.close_due_votes() == 1
    assert (lights.status, pond.status) == ("chosen", "open")
    told = dict(db.session.execute(select(OutboxMessage.url, OutboxMessage.title).where(
        OutboxMessage.kind == "topic.screened", OutboxMessage.channel == "inapp")).all())
    assert "入选" in told[f"/topics/{lights.id}"] and "没有入选" in told[f"/topics/{pond.id}"]
    assert screening.screening_result(vote)[0] == {"key": str(lights.id), "label": lights.title, "votes": 2}
