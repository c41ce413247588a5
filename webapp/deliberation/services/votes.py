"""Trace-free votes (SPEC §4): a ballot paper is signed blind for each eligible voter, once; a
ballot is cast with the unblinded paper and nothing of the voter; the box is published at the
close and recounted from what is published.

What is written where, and why (the README says what each party can learn):
- issuing a paper writes `BallotPaper(vote, user)` and bumps `Vote.papers_issued`, and the audit
  log says who received a paper (it must: one per person is checked against it);
- casting writes a `Ballot` with a random id, the hash of the prepared token (the voter's
  receipt), the choice and the vote's day — no person, no address, no time of day — and writes
  no audit entry and no log line, since a timestamp beside the issue's would link the two;
- closing tallies, publishes the box and destroys the vote's private key, after which nobody,
  the server included, can sign another paper.
"""
import hashlib
import json
import secrets
from collections.abc import Callable
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from ...accounts.models import User
from ...audit.services import record
from ...auth import may_run_deliberation, may_vote
from ...database import insert_if_new, utcnow
from ...extensions import db
from ...i18n import BEIJING
from ...jobs import deliver_after_commit
from ...notifications.services import notify
from ...service import ServiceError
from .. import blind_signatures
from ..models.votes import CLOSED, OPEN, Ballot, BallotPaper, Vote

REMIND_BEFORE = timedelta(hours=24)


def open_vote(cadre, village, kind: str, title: str, options: list[str], closes_at, max_choices: int = 1,
              keys: list[str] | None = None) -> Vote:
    """`keys` name the options (a screening vote's are topic ids); by default 1, 2, 3 …"""
    if not may_run_deliberation(cadre, village):
        raise ServiceError(_l("你不能发起这次投票。"))
    labels = [o.strip() for o in options if o.strip()]
    if len(labels) < 2 or len(set(labels)) != len(labels):
        raise ServiceError(_l("至少要两个不同的选项。"), "options")
    if closes_at <= utcnow():
        raise ServiceError(_l("截止时间要在以后。"), "closes_at")
    if not 1 <= max_choices <= len(labels):
        raise ServiceError(_l("可选数目不对。"), "max_choices")
    keys = keys or [str(n) for n in range(1, len(labels) + 1)]
    private = blind_signatures.new_private_key_pem()
    vote = Vote(village_id=village.id, kind=kind, title=title.strip(), max_choices=max_choices,
                options_json=json.dumps([{"key": key, "label": label} for key, label in zip(keys, labels, strict=True)],
                                        ensure_ascii=False),
                closes_at=closes_at, public_key=blind_signatures.public_key_spki(private), private_key_pem=private,
                created_by_id=cadre.id)
    db.session.add(vote)
    db.session.flush()
    record(cadre, "vote.opened", vote, region=village.id, title=vote.title, closes_at=closes_at.isoformat(),
           public_key_sha256=hashlib.sha256(vote.public_key.encode()).hexdigest())
    _tell_the_voters(vote, _l("村里开始投票：%(t)s", t=vote.title), "vote.opened")
    return vote


def _is_open(vote: Vote) -> bool:
    return vote.status == OPEN and vote.closes_at > utcnow() and vote.private_key_pem is not None


def issue_paper(voter, vote: Vote, blinded: bytes) -> bytes:
    """Sign the blinded paper once per eligible voter: the server sees only `blinded`."""
    if not may_vote(voter, vote):
        raise ServiceError(_l("只有本村已认证的村民才能领取选票。"))
    if not _is_open(vote):
        raise ServiceError(_l("投票已经截止。"))
    try:
        signature = blind_signatures.blind_sign(vote.private_key_pem, blinded)
    except blind_signatures.SignatureError as error:
        raise ServiceError(_l("选票数据不对，请刷新页面再领一次。")) from error
    issued = db.session.execute(insert_if_new(BallotPaper, {"vote_id": vote.id, "user_id": voter.id})).first()
    if issued is None:
        raise ServiceError(_l("你已经领过这次投票的选票了。"))
    db.session.execute(update(Vote).where(Vote.id == vote.id).values(papers_issued=Vote.papers_issued + 1))
    record(voter, "vote.paper_issued", vote, region=vote.village_id)
    return signature


def _choice(vote: Vote, keys: list[str]) -> str:
    valid = {o["key"] for o in json.loads(vote.options_json)}
    chosen = sorted(set(keys), key=int) if all(k.isdigit() for k in keys) else keys
    if not chosen or len(chosen) > vote.max_choices or any(k not in valid for k in chosen):
        raise ServiceError(_l("选择不对：请按选票上的说明选。"), "choice")
    return ",".join(chosen)


def receipt(prepared_token: bytes) -> str:
    return hashlib.sha256(prepared_token).hexdigest()


def cast(vote: Vote, prepared_token: bytes, signature: bytes, keys: list[str]) -> str:
    """A ballot from anyone holding a paper this vote's key signed, once per paper. Takes no
    person: the request that calls it carries no cookie. Returns the receipt."""
    if not _is_open(vote):
        raise ServiceError(_l("投票已经截止。"))
    choice = _choice(vote, keys)
    try:
        blind_signatures.verify(vote.public_key, prepared_token, signature)
    except blind_signatures.SignatureError as error:
        raise ServiceError(_l("这张选票不是这次投票发的。")) from error
    token_hash = receipt(prepared_token)
    day = utcnow().astimezone(BEIJING).date()
    added = db.session.execute(insert_if_new(Ballot, {"id": secrets.token_hex(16), "vote_id": vote.id,
                                                      "token_hash": token_hash, "choice": choice,
                                                      "cast_on": day})).first()
    if added is None:
        raise ServiceError(_l("这张选票已经投过了。"))
    return token_hash


def tally(vote: Vote, box: list[dict]) -> dict[str, int]:
    counts = {o["key"]: 0 for o in json.loads(vote.options_json)}
    for ballot in box:
        for key in ballot["choice"].split(","):
            counts[key] += 1
    return counts


def ballot_box(vote: Vote) -> list[dict]:
    """The box as published: ordered by receipt, so its order says nothing of when."""
    rows = db.session.execute(select(Ballot.token_hash, Ballot.choice).where(Ballot.vote_id == vote.id)
                              .order_by(Ballot.token_hash)).all()
    return [{"receipt": token_hash, "choice": choice} for token_hash, choice in rows]


def results(vote: Vote) -> list[dict] | None:
    """Each option with its votes, in the ballot's order; None while the vote is open."""
    if vote.status != CLOSED:
        return None
    counts = json.loads(vote.result_json or "{}")
    return [{"key": o["key"], "label": o["label"], "votes": counts.get(o["key"], 0)}
            for o in json.loads(vote.options_json)]


def close_vote(vote: Vote, actor=None) -> dict[str, int]:
    """At the deadline (the sweep) or by a cadre after it: tally, publish, destroy the key."""
    if vote.status == CLOSED:
        return json.loads(vote.result_json)
    if vote.closes_at > utcnow():
        raise ServiceError(_l("还没到截止时间。"))
    box = ballot_box(vote)
    counts = tally(vote, box)
    vote.result_json = json.dumps(counts)
    vote.status, vote.private_key_pem = CLOSED, None
    ballots = db.session.scalar(select(func.count()).select_from(Ballot).where(Ballot.vote_id == vote.id))
    record(actor, "vote.closed", vote, region=vote.village_id, papers=vote.papers_issued, ballots=ballots,
           counts=counts)
    if vote.kind in _CLOSE_HOOKS:
        _CLOSE_HOOKS[vote.kind](vote, counts)
    return counts


def close_due_votes() -> int:
    """Every open vote past its deadline (the schedule runs this every minute); and those
    closing within a day remind whoever has not taken a paper yet, once."""
    due = db.session.scalars(select(Vote).where(Vote.status == OPEN, Vote.closes_at <= utcnow())).all()
    for vote in due:
        close_vote(vote)
    soon = db.session.scalars(select(Vote.id).where(Vote.status == OPEN, Vote.reminded_at.is_(None),
                                                    Vote.closes_at <= utcnow() + REMIND_BEFORE)).all()
    for vote_id in soon:
        claimed = db.session.execute(update(Vote).where(Vote.id == vote_id, Vote.reminded_at.is_(None))
                                     .values(reminded_at=utcnow())).rowcount
        if claimed:  # a second sweep at the same moment finds it claimed and says nothing
            vote = db.session.get(Vote, vote_id)
            _tell_the_voters(vote, _l("投票还有不到24小时截止：%(t)s", t=vote.title), "vote.closing",
                             without_paper=True)
    return len(due)


def _tell_the_voters(vote: Vote, title, kind: str, without_paper: bool = False) -> None:
    """Every eligible voter of the village (or those without a paper yet) gets a message."""
    query = select(User.id).where(User.village_id == vote.village_id, User.active.is_(True),
                                  User.verified_at.is_not(None))
    if without_paper:
        query = query.where(User.id.not_in(select(BallotPaper.user_id).where(BallotPaper.vote_id == vote.id)))
    with force_locale("zh_Hans_CN"):
        notify(list(db.session.scalars(query)), kind, str(title), url=f"/votes/{vote.id}")
    deliver_after_commit()


_CLOSE_HOOKS: dict[str, Callable] = {}


def when_closed(kind: str):
    """What else a vote of `kind` settles at its close, in the same change (screening.py)."""
    def register(hook: Callable) -> Callable:
        _CLOSE_HOOKS[kind] = hook
        return hook
    return register
