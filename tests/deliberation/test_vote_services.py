"""A trace-free vote through its services: one paper per eligible voter, a ballot per paper,
nothing of the voter on the ballot, results only at the close, the box recounted as published."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from webapp.database import utcnow
from webapp.deliberation.blind_client import BallotPaper as Paper
from webapp.deliberation.models import Ballot, BallotPaper
from webapp.deliberation.services import votes
from webapp.extensions import db
from webapp.regions.models import Region
from webapp.service import ServiceError

SECRETARY, VILLAGER, LEADER, WEST_VILLAGER, UNVERIFIED = ("13800000003", "13800000005", "13800000007",
                                                          "13800000006", "13800000011")


@pytest.fixture
def vote(app, person):
    village = db.session.scalar(select(Region).where(Region.name == "东岙村"))
    made = votes.open_vote(person(SECRETARY), village, "decision", "村道硬化方案", ["方案一：水泥路", "方案二：柏油路"],
                           utcnow() + timedelta(days=3))
    db.session.commit()
    return made


def _paper(voter, vote):
    paper = Paper(vote.public_key)
    signature = paper.finalize(votes.issue_paper(voter, vote, paper.blinded))
    return paper, signature


def test_a_ballot_is_cast_once_counted_at_the_close_and_names_nobody(app, person, vote):
    paper, signature = _paper(person(VILLAGER), vote)
    receipt = votes.cast(vote, paper.prepared, signature, ["2"])
    assert vote.result_json == "" and receipt == votes.receipt(paper.prepared)
    with pytest.raises(ServiceError, match="已经投过"):
        votes.cast(vote, paper.prepared, signature, ["1"])
    ballot = db.session.scalar(select(Ballot).where(Ballot.vote_id == vote.id))
    assert set(Ballot.__table__.columns.keys()) == {"id", "vote_id", "token_hash", "choice", "cast_on"}
    assert len(ballot.id) == 32 and ballot.choice == "2"
    vote.closes_at = utcnow() - timedelta(seconds=1)
    counts = votes.close_vote(vote)
    assert counts == {"1": 0, "2": 1} and vote.private_key_pem is None
    box = votes.ballot_box(vote)
    assert box == [{"receipt": receipt, "choice": "2"}] and votes.tally(vote, box) == counts


def test_one_paper_per_eligible_voter_only(app, person, vote):
    _paper(person(VILLAGER), vote)
    with pytest.raises(ServiceError, match="已经领过"):
        _paper(person(VILLAGER), vote)
    for stranger in (WEST_VILLAGER, UNVERIFIED):
        with pytest.raises(ServiceError, match="已认证"):
            _paper(person(stranger), vote)
    assert db.session.scalar(select(BallotPaper.user_id).where(BallotPaper.vote_id == vote.id)) == person(VILLAGER).id
    assert vote.papers_issued == 1


def test_a_paper_not_signed_for_this_vote_or_a_wrong_choice_is_refused(app, person, vote):
    forged = Paper(vote.public_key)
    with pytest.raises(ServiceError, match="不是这次投票"):
        votes.cast(vote, forged.prepared, b"\x01" * 256, ["1"])
    paper, signature = _paper(person(LEADER), vote)
    for wrong in (["3"], ["1", "2"], []):
        with pytest.raises(ServiceError, match="选择不对"):
            votes.cast(vote, paper.prepared, signature, wrong)
    assert db.session.scalar(select(Ballot).where(Ballot.vote_id == vote.id)) is None


def test_after_the_close_no_paper_and_no_ballot(app, person, vote):
    paper, signature = _paper(person(VILLAGER), vote)
    vote.closes_at = utcnow() - timedelta(seconds=1)
    votes.close_vote(vote)
    with pytest.raises(ServiceError, match="截止"):
        votes.cast(vote, paper.prepared, signature, ["1"])
    with pytest.raises(ServiceError, match="截止"):
        _paper(person(LEADER), vote)


def test_fifty_voters_at_once_and_twenty_reuses_of_one_paper_make_exactly_one_ballot_each(app, vote):
    from webapp.deliberation import blind_signatures
    from webapp.deliberation.models import Vote

    from ..races import race

    vote_id = vote.id
    papers = []
    for _ in range(50):  # signed as issue_paper signs them (the papers' owners do not matter here)
        paper = Paper(vote.public_key)
        papers.append((paper.prepared, paper.finalize(blind_signatures.blind_sign(vote.private_key_pem,
                                                                                  paper.blinded))))
    reused = papers[0]

    def attempt(i):
        prepared, signature = papers[i] if i < 50 else reused
        votes.cast(db.session.get(Vote, vote_id), prepared, signature, ["1"])

    results = race(app, 70, attempt)
    assert results.count("ok") == 50 and len(results) == 70
    assert all(r == "这张选票已经投过了。" for r in results if r != "ok")
    receipts = db.session.scalars(select(Ballot.token_hash).where(Ballot.vote_id == vote_id)).all()
    assert sorted(receipts) == sorted(votes.receipt(prepared) for prepared, _sig in papers)


def test_nothing_stored_or_logged_joins_a_ballot_to_its_voter(app, vote, caplog):
    """200 voters take their papers in one order and cast in another; then every table and the
    app's log are searched for a join between a voter and a ballot."""
    import logging
    import random

    from sqlalchemy import inspect, text

    from webapp.accounts.models import User
    from webapp.audit.models import AuditEntry

    rng = random.Random(12)
    voters = [User(phone=f"139{n:08d}", name=f"村民{n}", password_hash="x", village_id=vote.village_id,
                   verified_at=utcnow()) for n in range(200)]
    db.session.add_all(voters)
    db.session.commit()
    papers = [(voter.id, *_paper(voter, vote)) for voter in voters]  # issued in the voters' order
    db.session.commit()
    audit_before = db.session.scalar(select(db.func.count(AuditEntry.id)))
    order = list(range(200))
    rng.shuffle(order)
    receipts = {}
    with caplog.at_level(logging.DEBUG):
        for i in order:
            voter_id, paper, signature = papers[i]
            receipts[votes.cast(vote, paper.prepared, signature, [rng.choice("12")])] = i
            db.session.commit()
    # The ballot table has no person, no address and no time finer than the day.
    columns = {c["name"]: str(c["type"]) for c in inspect(db.engine).get_columns("ballot")}
    assert set(columns) == {"id", "vote_id", "token_hash", "choice", "cast_on"} and columns["cast_on"] == "DATE"
    # Casting wrote no audit entry and no log line that names a receipt or a voter.
    assert db.session.scalar(select(db.func.count(AuditEntry.id))) == audit_before
    logged = caplog.text
    assert not any(r in logged for r in receipts) and not any(f"村民{n}" in logged for n in range(200))
    # The box's stored order (no ORDER BY: what a dump shows) says nothing of the issue order.
    stored = [row[0] for row in db.session.execute(text("SELECT token_hash FROM ballot WHERE vote_id = :v"),
                                                   {"v": vote.id})]
    issue_rank = [receipts[r] for r in stored]
    n = len(issue_rank)
    rho = 1 - 6 * sum((position - rank) ** 2 for position, rank in enumerate(issue_rank)) / (n * (n * n - 1))
    assert n == 200 and abs(rho) < 3 / (n - 1) ** 0.5, rho  # within three standard errors of none
    # Ballot ids are random, not a sequence that follows the papers' ids.
    ids = [row[0] for row in db.session.execute(text("SELECT id FROM ballot WHERE vote_id = :v"), {"v": vote.id})]
    assert len(set(ids)) == 200 and all(len(i) == 32 for i in ids)


def test_the_schedule_closes_a_vote_at_its_deadline_once(app, fake_redis, monkeypatch, person, vote):
    from rq import Queue

    from worker import jobs
    from worker.jobs.deliberation import close_due_votes

    paper, signature = _paper(person(VILLAGER), vote)
    votes.cast(vote, paper.prepared, signature, ["1"])
    vote.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    monkeypatch.setitem(jobs._app_cache, "app", app)
    queue = Queue("default", connection=fake_redis, is_async=False)
    assert queue.enqueue(close_due_votes).return_value() == 1
    assert queue.enqueue(close_due_votes).return_value() == 0  # run twice: nothing more
    db.session.rollback()
    db.session.refresh(vote)
    assert vote.status == "closed" and vote.private_key_pem is None and '"1": 1' in vote.result_json
