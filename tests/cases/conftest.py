"""Reports on a controlled clock: T0 is long before the demo's own reports."""
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from webapp.cases import services
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
