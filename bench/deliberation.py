"""Deliberation at village scale: a draw of 15 representatives from 3,000 eligible villagers
in 6 strata (and its replay by the standalone verifier), 2,000 ballot papers signed blind, 2,000
ballots cast as the cookie-less request does them, the close with its tally, and the weight of
the ballot page with its scripts and of the deliberation pages on the wire."""
import re
import time
from datetime import UTC, datetime, timedelta

import brotli
from sqlalchemy import insert, select

from webapp.accounts.models import Household, Resident, RoleMembership, User
from webapp.database import utcnow
from webapp.deliberation import sortition
from webapp.deliberation.blind_client import BallotPaper
from webapp.deliberation.models import Vote
from webapp.deliberation.services import draws, votes
from webapp.extensions import db
from webapp.regions.queries import region_by_code
from webapp.transaction import commit

from .demo_app import demo_app
from .report import figure

ELIGIBLE, SEATS, BALLOTS = 3_000, 15, 2_000
BR = {"Accept-Encoding": "br"}
ASSET = re.compile(r'src="(/static/[^"]+)"')


def add_villagers(village, group, n: int) -> list[int]:
    """n verified villagers of 西岭村's first group: two genders × three age bands = 6 strata."""
    household = Household(code="BENCH-XL", village_id=village.id, group_id=group.id, address="西岭村")
    db.session.add(household)
    db.session.flush()
    years = (1995, 1975, 1950)  # 18–39, 40–59, 60 and over
    residents = [dict(household_id=household.id, name=f"村民{i}", gender="男女"[i % 2], birth_year=years[i % 3])
                 for i in range(n)]
    db.session.execute(insert(Resident), residents)
    ids = db.session.scalars(select(Resident.id).where(Resident.household_id == household.id)
                             .order_by(Resident.id)).all()
    verified = datetime.now(UTC) - timedelta(days=30)
    db.session.execute(insert(User), [dict(phone=f"137{i:08d}", name=f"村民{i}", password_hash="x",
                                           village_id=village.id, group_id=group.id, resident_id=rid,
                                           verified_at=verified) for i, rid in enumerate(ids)])
    commit()
    return list(db.session.scalars(select(User.id).where(User.phone.like("137%")).order_by(User.id)))


def time_draw(village, people: list[int]) -> tuple[float, float, dict]:
    cadre = db.session.get(User, people[0])
    db.session.add(RoleMembership(user_id=cadre.id, role="cadre", region_id=village.id))
    commit()
    witnesses = [(db.session.get(User, p), role) for p, role in zip(people[:3], ("书记", "监委会委员", "村民代表"),
                                                                    strict=True)]
    draw = draws.start_draw(cadre, village, "三千人中抽十五位代表", SEATS, witnesses)
    db.session.flush()
    said = {w.user_id: f"见证人{w.position}在西岭村记住的一句很长的密语" for w in draw.witnesses}
    for w in draw.witnesses:
        draws.commit(w.user, w, sortition.commitment(said[w.user_id]))
    commit()
    started = time.perf_counter()
    draws.freeze(cadre, draw)
    commit()
    for w in draw.witnesses:
        draws.reveal(w.user, w, said[w.user_id])
    result = draws.make_draw(cadre, draw)
    commit()
    server = time.perf_counter() - started
    record = draws.published(draw)
    started = time.perf_counter()
    replayed = sortition.replay(record)
    replay = time.perf_counter() - started
    assert replayed == result and len(sortition.panel(result)) == SEATS and len(record["quotas"]) == 6
    return server, replay, record


def time_vote(village, people: list[int]) -> tuple[float, float, float]:
    """Each paper and each ballot in a session of its own, as a request has."""
    cadre = db.session.get(User, people[0])
    vote_id = votes.open_vote(cadre, village, "decision", "村道硬化方案", ["水泥路", "柏油路", "暂缓"],
                              utcnow() + timedelta(days=3)).id
    commit()
    public_key = db.session.get(Vote, vote_id).public_key
    papers = [BallotPaper(public_key) for _ in range(BALLOTS)]  # the phones' work, not timed
    db.session.remove()
    started = time.perf_counter()
    signatures = []
    for voter_id, paper in zip(people[:BALLOTS], papers, strict=True):
        signatures.append(votes.issue_paper(db.session.get(User, voter_id), db.session.get(Vote, vote_id),
                                            paper.blinded))
        commit()
        db.session.remove()
    issuing = time.perf_counter() - started
    finished = [paper.finalize(s) for paper, s in zip(papers, signatures, strict=True)]
    started = time.perf_counter()
    for n, (paper, signature) in enumerate(zip(papers, finished, strict=True)):
        votes.cast(db.session.get(Vote, vote_id), paper.prepared, signature, [str(n % 3 + 1)])
        commit()
        db.session.remove()
    casting = time.perf_counter() - started
    vote = db.session.get(Vote, vote_id)
    vote.closes_at = utcnow() - timedelta(seconds=1)
    started = time.perf_counter()
    counts = votes.close_vote(vote)
    commit()
    tally = time.perf_counter() - started
    assert sum(counts.values()) == BALLOTS and votes.tally(vote, votes.ballot_box(vote)) == counts
    return issuing, casting, tally


def page_weights(app) -> tuple[int, int]:
    """The ballot page and the scripts it loads; the largest other deliberation page."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"phone": "13800000005", "password": "demo1234", "csrf_token": token})
    with app.app_context():
        open_vote = db.session.scalar(select(Vote.id).where(Vote.status == "open"))
    ballot = client.get(f"/votes/{open_vote}", headers=BR)
    total = len(ballot.data)
    for asset in ASSET.findall(brotli.decompress(ballot.data).decode()):
        if "shell.js" not in asset:  # the shell is every page's, kept by the service worker
            total += len(client.get(asset.replace("&amp;", "&"), headers=BR).data)
    largest = 0
    for url in ("/deliberation", "/topics/1", "/meetings/1", "/tasks/1", "/draws?village=", "/draws/1"):
        response = client.get(url, headers=BR, follow_redirects=True)
        assert response.status_code == 200, (url, response.status_code)
        largest = max(largest, len(response.data))
    return total, largest


def run():
    app = demo_app()
    with app.app_context():
        village, group = region_by_code("QS-DX-XL"), region_by_code("QS-DX-XL-G1")
        people = add_villagers(village, group, ELIGIBLE - 1)  # and 赵春花: 3,000 eligible
        server, replay, record = time_draw(village, people)
        assert len(record["roster"]) == ELIGIBLE, len(record["roster"])
        figure("draw_15_of_3000_in_6_strata", round(server, 2), "s", "<=", 5)
        figure("draw_replay_3000", round(replay, 2), "s", "<=", 2)
        issuing, casting, tally = time_vote(village, people)
        figure("ballot_papers_signed_2000", round(issuing, 2), "s", "<=", 60)
        figure("ballots_cast_2000", round(casting, 2), "s", "<=", 20)
        figure("vote_close_tally_2000", round(tally, 2), "s", "<=", 2)
    ballot, largest = page_weights(app)
    figure("ballot_page_with_scripts_compressed", round(ballot / 1024, 2), "KB", "<=", 30)
    figure("deliberation_pages_max_compressed", round(largest / 1024, 2), "KB", "<=", 14)
