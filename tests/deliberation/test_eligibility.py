"""At each step of the loop, a verified villager who is not eligible (an account switched off,
a group the draw does not cover, under 18), an unverified one and one of another village are
refused, and nothing is written for them."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from webapp.accounts.models import Resident
from webapp.database import utcnow
from webapp.deliberation.blind_client import BallotPaper
from webapp.deliberation.models import Meeting, Topic, Vote
from webapp.deliberation.services import draws, meetings, topics, votes
from webapp.extensions import db
from webapp.regions.queries import region_by_code
from webapp.service import ServiceError

SECRETARY, VILLAGER, LEADER, GRIDDER, WEST, UNVERIFIED = ("13800000003", "13800000005", "13800000007",
                                                          "13800000004", "13800000006", "13800000011")


@pytest.fixture
def switched_off(person):
    """王大山, verified, whose account the village has switched off (moved away, died…)."""
    villager = person(VILLAGER)
    villager.active = False
    db.session.commit()
    return villager


def _refused(step, *args):
    with pytest.raises(ServiceError):
        step(*args)
    db.session.rollback()


def test_each_step_refuses_the_ineligible_the_unverified_and_the_other_village(app, person, switched_off):
    topic = db.session.scalar(select(Topic).where(Topic.status == "open", Topic.village_id == switched_off.village_id))
    vote = db.session.scalar(select(Vote).where(Vote.status == "open"))
    meeting = db.session.scalar(select(Meeting))
    meeting.status = "live"
    db.session.commit()
    for stranger in (switched_off, person(UNVERIFIED), person(WEST)):
        if stranger is not person(WEST):  # 赵春花 proposes in her own 西岭村, as she may
            _refused(topics.propose_topic, stranger, "村口的垃圾桶不够用", "")
        _refused(topics.support_topic, stranger, topic)
        _refused(votes.issue_paper, stranger, vote, BallotPaper(vote.public_key).blinded)
        _refused(meetings.post_opinion, stranger, meeting, "我也说两句")
        _refused(meetings.check_in, stranger, meeting, meeting.checkin_code)
    assert db.session.get(Vote, vote.id).papers_issued == 0


def test_a_draw_over_chosen_groups_leaves_out_the_other_groups_and_the_young(app, person):
    village = region_by_code("QS-DX-DA")
    first = region_by_code("QS-DX-DA-G1")
    young = person(UNVERIFIED)  # 王小红 of group 1, made verified and 17 for this draw
    resident = db.session.scalar(select(Resident).where(Resident.name == "王小红"))
    young.verified_at, young.resident_id = utcnow() - timedelta(days=1), resident.id
    resident.birth_year = utcnow().year - 17
    witnesses = [(person(p), "见证人") for p in (SECRETARY, LEADER, GRIDDER)]
    draw = draws.start_draw(person(SECRETARY), village, "第一组代表", 2, witnesses, group_ids=[first.id])
    db.session.flush()
    roster = {entry["ref"] for entry in draws.eligible_roster(draw, utcnow().date())}
    assert str(person(VILLAGER).id) in roster and str(person(LEADER).id) in roster  # group 1
    assert str(person(SECRETARY).id) not in roster  # group 2
    assert str(young.id) not in roster  # under 18
    assert str(person(WEST).id) not in roster
