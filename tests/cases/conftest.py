"""Reports on a controlled clock: T0 is long before the demo's own reports."""
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from webapp.cases import services
from webapp.cases.sweep import sweep_overdue
from webapp.extensions import db
from webapp.notifications.models import OutboxMessage

T0 = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)  # 09:00 in Beijing


def at(**delta) -> datetime:
    return T0 + timedelta(**delta)


@pytest.fixture
def report(person):
    """report() → a new case by 王大山 (东岙村, first grid) at T0."""

    def make(phone="13800000005", category="hazard", when=T0, text="石桥护栏断了，很危险", **options):
        case, created = services.report_case(person(phone), category=category, text=text, now=when,
                                             **options)
        assert created
        return case

    return make


@pytest.fixture
def outbox():
    """outbox(case) → [(user phone, channel, kind)] queued about the case."""
    from webapp.accounts.models import User

    def rows(case, kind=None):
        query = (select(User.phone, OutboxMessage.channel, OutboxMessage.kind)
                 .join(User, User.id == OutboxMessage.user_id).where(OutboxMessage.case_id == case.id))
        if kind:
            query = query.where(OutboxMessage.kind == kind)
        return sorted(db.session.execute(query).all())

    return rows


@pytest.fixture
def march(report, person):
    """Six reports in 东岙村 in March 2025, by hand:
    a answered at the grid in time, rated 满意
    b handed to the village, resolved there, rated 基本满意
    c missed the grid's 24 h, resolved by the village, not rated
    d sent to the township, resolved there, rated 满意
    e never handled
    f answered at the grid, rated 不满意 → reopened, still open
    """
    grid, village, township, me = (person(p) for p in ("13800000004", "13800000003", "13800000002", "13800000005"))
    a, b, c, d, e, f = (report(text=f"第{n}件事") for n in "abcdef")
    services.answer_case(grid, a, "已答复", now=at(hours=1))
    services.rate_case(me, a, "satisfied", now=at(hours=2))
    services.hand_to_village(grid, b, now=at(hours=1))
    services.resolve_case(village, b, "已处置", now=at(days=2))
    services.rate_case(me, b, "basic", now=at(days=3))
    services.escalate_to_township(grid, d, "复杂", now=at(hours=1))
    services.resolve_case(township, d, "已处置", now=at(days=4))
    services.rate_case(me, d, "satisfied", now=at(days=5))
    services.answer_case(grid, f, "已答复", now=at(hours=1))
    services.rate_case(me, f, "unsatisfied", now=at(hours=2))
    # c and e miss the grid's deadline; e is then left alone, c is resolved by the village.
    sweep_overdue(at(hours=24, seconds=1))
    services.resolve_case(village, c, "已处置", now=at(days=2))
    return a, b, c, d, e, f
