"""A draw of representatives step by step: witnesses commit, the roster is frozen, witnesses
reveal, the draw is made — in that order only, by the right people, and the published record
replays in the standalone verifier."""
import json

import pytest
from sqlalchemy import select

from webapp.deliberation import sortition
from webapp.deliberation.services import draws
from webapp.extensions import db
from webapp.regions.models import Region
from webapp.service import ServiceError

from .verifier import load_verifier

SECRETARY, GROUP_LEADER, VILLAGER, WEST_VILLAGER = "13800000003", "13800000007", "13800000005", "13800000006"
SECRETS = ["东岙村石桥边的老樟树开花了", "第一组今年的早稻收成很好哦", "我家小狗的名字叫做大黄和小白"]


def _village(name="东岙村"):
    return db.session.scalar(select(Region).where(Region.name == name))


@pytest.fixture
def draw(app, person):
    witnesses = [(person(SECRETARY), "书记"), (person(GROUP_LEADER), "村务监督委员会委员"), (person(VILLAGER), "村民代表")]
    made = draws.start_draw(person(SECRETARY), _village(), "村道议事会代表", 2, witnesses)
    db.session.commit()
    return made


def _commit_all(draw):
    for witness, secret in zip(draw.witnesses, SECRETS, strict=True):
        draws.commit(witness.user, witness, sortition.commitment(secret))


def _reveal_all(draw):
    for witness, secret in zip(draw.witnesses, SECRETS, strict=True):
        draws.reveal(witness.user, witness, secret)


def test_the_whole_draw_is_published_and_replays_in_the_verifier(app, person, draw):
    _commit_all(draw)
    draws.freeze(person(SECRETARY), draw)
    frozen = draws.published(draw)
    assert frozen["roster_sha256"] == sortition.roster_hash(frozen["roster"]) and "seed" not in frozen
    assert all(w["secret"] == "" for w in frozen["witnesses"])  # nothing revealed before the freeze
    _reveal_all(draw)
    draws.set_public_number(person(SECRETARY), draw, "2026137")
    result = draws.make_draw(person(SECRETARY), draw)
    db.session.commit()
    page = json.loads(json.dumps(draws.published(draw), ensure_ascii=False))  # as the page sends it
    problems, recomputed = load_verifier().verify(page)
    assert problems == [] and recomputed == result and len(sortition.panel(result)) == 2
    assert {e["ref"] for e in page["roster"]} >= set(sortition.panel(result))


def test_steps_out_of_order_or_twice_are_refused(app, person, draw):
    secretary = person(SECRETARY)
    with pytest.raises(ServiceError):
        draws.freeze(secretary, draw)  # not every witness has committed
    first = draw.witnesses[0]
    with pytest.raises(ServiceError):
        draws.reveal(first.user, first, SECRETS[0])  # nothing to reveal before the freeze
    _commit_all(draw)
    with pytest.raises(ServiceError):
        draws.commit(first.user, first, sortition.commitment("换一句新的密语试一试看看"))  # once only
    draws.freeze(secretary, draw)
    with pytest.raises(ServiceError):
        draws.make_draw(secretary, draw)  # reveals missing
    with pytest.raises(ServiceError, match="对不上"):
        draws.reveal(first.user, first, SECRETS[0] + "！")
    _reveal_all(draw)
    draws.make_draw(secretary, draw)
    with pytest.raises(ServiceError):
        draws.make_draw(secretary, draw)  # drawn once


def test_only_the_named_witness_commits_and_only_the_village_cadres_run_it(app, person, draw):
    second = draw.witnesses[1]
    with pytest.raises(ServiceError):
        draws.commit(person(VILLAGER), second, sortition.commitment(SECRETS[1]))
    with pytest.raises(ServiceError):
        draws.start_draw(person(VILLAGER), _village(), "代表", 2, [(w.user, "") for w in draw.witnesses])
    with pytest.raises(ServiceError):
        draws.start_draw(person(WEST_VILLAGER), _village(), "代表", 2, [(w.user, "") for w in draw.witnesses])
    _commit_all(draw)
    with pytest.raises(ServiceError):
        draws.freeze(person(VILLAGER), draw)


def test_a_roster_changed_after_the_freeze_stops_the_draw(app, person, draw):
    _commit_all(draw)
    draws.freeze(person(SECRETARY), draw)
    roster = json.loads(draw.roster_json)
    roster[0]["stratum"] = roster[0]["stratum"] + "改"
    draw.roster_json = sortition.canonical(roster).decode()
    _reveal_all(draw)
    with pytest.raises(ServiceError, match="名册"):
        draws.make_draw(person(SECRETARY), draw)


def test_fewer_than_three_witnesses_or_one_twice_is_refused(app, person):
    secretary = person(SECRETARY)
    with pytest.raises(ServiceError):
        draws.start_draw(secretary, _village(), "代表", 2, [(secretary, "书记"), (person(VILLAGER), "村民代表")])
    with pytest.raises(ServiceError):
        draws.start_draw(secretary, _village(), "代表", 2, [(secretary, ""), (secretary, ""), (person(VILLAGER), "")])
