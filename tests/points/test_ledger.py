"""Caps, deductions, awards to many at once, automatic points, corrections; the database
refuses to change the ledger; rebuilt balances equal the ledger's sums."""
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from webapp.extensions import db
from webapp.points import services
from webapp.points.models import PointBalance, PointEntry
from webapp.points.queries import balance_of
from webapp.service import ServiceError
from webapp.transaction import commit

from ..client import page_text

NOV = datetime(2025, 11, 10, 2, 0, tzinfo=UTC)


@pytest.fixture
def rules(person):
    return {r.code: r for r in services.rules_for(person("13800000005").village)}


def ledger_sum(user):
    return db.session.scalar(select(func.coalesce(func.sum(PointEntry.points), 0)).where(PointEntry.user_id == user.id))


def test_the_village_version_of_a_rule_replaces_the_countys(rules, person):
    assert rules["sorting"].points == 8 and rules["sorting"].village_id is not None
    xiling = {r.code: r for r in services.rules_for(person("13800000006").village)}
    assert xiling["sorting"].points == 5


def test_a_monthly_cap_stops_the_award_that_would_pass_it(rules, person):
    secretary, villager = person("13800000003"), person("13800000005")
    for _ in range(3):
        services.award_points(secretary, [villager], rules["volunteer"], now=NOV)
    with pytest.raises(ServiceError, match="本月这一项已达上限"):
        services.award_points(secretary, [villager], rules["volunteer"], now=NOV)
    services.award_points(secretary, [villager], rules["volunteer"], now=NOV + timedelta(days=25))  # December


def test_a_deduction_lowers_the_balance(rules, person):
    villager = person("13800000005")
    before = balance_of(villager)
    services.award_points(person("13800000003"), [villager], rules["clutter"], "柴堆占道")
    assert balance_of(villager) == before - 5 == ledger_sum(villager)


def test_an_award_to_many_is_all_or_nothing_and_names_each_problem(rules, person):
    secretary = person("13800000003")
    unverified, villager = person("13800000011"), person("13800000005")
    before = db.session.scalar(select(func.count()).select_from(PointEntry))
    with pytest.raises(ServiceError, match="王小红还没有认证身份"):
        services.award_points(secretary, [villager, unverified], rules["volunteer"])
    assert db.session.scalar(select(func.count()).select_from(PointEntry)) == before


def test_only_cadres_and_the_rules_own_group_leader_award(rules, person):
    villager, leader = person("13800000005"), person("13800000007")
    services.award_points(leader, [villager], rules["sorting"], now=NOV)
    with pytest.raises(ServiceError, match="你不能给这位村民记这条积分"):
        services.award_points(leader, [villager], rules["volunteer"], now=NOV)
    with pytest.raises(ServiceError):
        services.award_points(person("13800000003"), [person("13800000006")], rules["volunteer"], now=NOV)


def test_automatic_points_are_paid_once_per_event(person):
    villager = person("13800000005")
    first = services.award_automatically(villager, "hazard_confirmed", "case:991:confirmed", now=NOV)
    again = services.award_automatically(villager, "hazard_confirmed", "case:991:confirmed", now=NOV)
    assert first is not None and again is None
    assert services.award_automatically(person("13800000011"), "hazard_confirmed", "case:992:confirmed") is None


def test_a_correction_is_a_reversing_entry_and_only_once(rules, person):
    secretary, villager = person("13800000003"), person("13800000005")
    entry = services.award_points(secretary, [villager], rules["brave"], "救起落水儿童")[0]
    before = balance_of(villager)
    with pytest.raises(ServiceError, match="请写明更正的原因"):
        services.reverse_entry(secretary, entry, "")
    correction = services.reverse_entry(secretary, entry, "记错了人")
    assert correction.points == -50 and correction.reverses_id == entry.id
    assert balance_of(villager) == before - 50 == ledger_sum(villager)
    with pytest.raises(ServiceError, match="已经更正过了"):
        services.reverse_entry(secretary, entry, "再更正一次")


@pytest.mark.parametrize("statement", ["UPDATE point_entry SET points = 1000", "DELETE FROM point_entry"])
def test_the_database_refuses_to_change_the_ledger(app, statement):
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text(statement))
        db.session.flush()
    db.session.rollback()


def test_rebuilt_balances_equal_the_ledger_and_differences_are_reported(app, person):
    villager = person("13800000005")
    db.session.execute(PointBalance.__table__.update().where(PointBalance.user_id == villager.id).values(balance=999))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["points-rebuild"])
    assert f"user #{villager.id}: cached 999" in result.output
    assert balance_of(villager) == ledger_sum(villager)
    assert "0 balance(s) differed" in app.test_cli_runner().invoke(args=["points-rebuild"]).output


def test_my_points_page_and_the_award_page(login, person):
    villager = login("13800000005")
    page = villager.get("/points").get_data(as_text=True)
    assert "我的积分" in page and "参加石桥护栏抢修" in page
    leader = login("13800000007")
    response = leader.post("/points/award", {"rule": "", "people": []})
    assert response.status_code == 422


def test_a_resolved_hazard_report_and_a_rating_earn_points_once(person):
    from webapp.cases import services as cases

    villager, grid_worker = person("13800000005"), person("13800000004")
    before = balance_of(villager)
    case, _ = cases.report_case(villager, category="hazard", text="电线杆倾斜", now=NOV)
    cases.answer_case(grid_worker, case, "已通知供电所加固", now=NOV + timedelta(hours=2))
    assert balance_of(villager) == before  # the points area hears of it once it is committed
    commit()
    assert balance_of(villager) == before + 5
    cases.rate_case(villager, case, "satisfied", now=NOV + timedelta(hours=3))
    commit()
    assert balance_of(villager) == before + 6
    reasons = [e.source_ref for e in db.session.scalars(select(PointEntry).where(PointEntry.user_id == villager.id))]
    assert f"case:{case.id}:confirmed" in reasons and f"case:{case.id}:rated" in reasons


def test_the_award_page_offers_a_correction_only_where_it_would_be_accepted(login, person):
    """更正 asks for a reason and a confirmation, and shows only on entries it can correct:
    not on a correction, not on an entry already corrected, not on store holds."""
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.points.models import PointEntry

    secretary = login("13800000003")
    page = page_text(secretary.get("/points/award"))
    entries = list(db.session.scalars(select(PointEntry).where(
        PointEntry.village_id == person("13800000003").village_id).order_by(PointEntry.id.desc()).limit(30)))
    award = next(e for e in entries if e.rule is not None and e.rule.awarded_by != "auto")
    hold = next(e for e in entries if e.rule is None)
    assert f"/points/entries/{award.id}/reverse" in page and f"/points/entries/{hold.id}/reverse" not in page
    assert 'name="reason" maxlength="200" required' in page and "确认更正" in page
    refused = secretary.post(f"/points/entries/{award.id}/reverse", {"reason": ""})
    assert refused.status_code == 422 and "请写明更正的原因" in page_text(refused)
    assert db.session.scalar(select(PointEntry.id).where(PointEntry.reverses_id == award.id)) is None
    secretary.post(f"/points/entries/{award.id}/reverse", {"reason": "记错了人"})
    page = page_text(secretary.get("/points/award"))
    correction = db.session.scalar(select(PointEntry).where(PointEntry.reverses_id == award.id))
    assert f"/points/entries/{award.id}/reverse" not in page and f"/points/entries/{correction.id}/reverse" not in page
