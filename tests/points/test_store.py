"""The goodwill supermarket: ordering holds points and takes stock; the shopkeeper's counter
refuses every code it must; cancel and expiry give points and goods back; fifty orders at
once against a balance that covers one let exactly one through, on the real database."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from webapp.database import utcnow
from webapp.extensions import db
from webapp.points import services
from webapp.points.models import PointBalance, PointEntry, StoreItem, StoreOrder
from webapp.points.queries import balance_of
from webapp.service import ServiceError
from webapp.transaction import commit

from ..client import page_text
from ..races import race


@pytest.fixture
def shelf(person):
    secretary = person("13800000003")
    return services.save_store_item(secretary, secretary.village, "肥皂", 12, 5)


def ledger_sum(user):
    return db.session.scalar(select(func.coalesce(func.sum(PointEntry.points), 0))
                             .where(PointEntry.user_id == user.id))


def test_an_order_holds_the_points_and_takes_one_from_the_shelf(shelf, person):
    villager = person("13800000005")
    before = balance_of(villager)
    order = services.order_item(villager, shelf)
    assert balance_of(villager) == before - 12 == ledger_sum(villager)
    assert db.session.get(StoreItem, shelf.id).stock == 4
    assert order.status == "held" and len(order.code) == 8 and order.code.isdigit()


def test_not_enough_points_or_no_stock_is_refused_and_changes_nothing(shelf, person):
    villager, secretary = person("13800000005"), person("13800000003")
    oil = services.save_store_item(secretary, secretary.village, "大米一袋", 5000, 3)
    with pytest.raises(ServiceError, match="积分不够"):
        services.order_item(villager, oil)
    empty = services.save_store_item(secretary, secretary.village, "酱油", 1, 0)
    with pytest.raises(ServiceError, match="已经兑完了"):
        services.order_item(villager, empty)
    assert db.session.scalar(select(func.count()).select_from(StoreOrder)) == 1  # the demo's own order


def test_the_counter_hands_over_once(shelf, person):
    shopkeeper = person("13800000008")
    order = services.order_item(person("13800000005"), shelf)
    services.redeem_order(shopkeeper, f" {order.code[:4]} {order.code[4:]} ")
    assert db.session.get(StoreOrder, order.id).status == "redeemed"
    with pytest.raises(ServiceError, match="已经用过了"):
        services.redeem_order(shopkeeper, order.code)


@pytest.mark.parametrize("make_code, message", [
    (lambda order: "12345678" if order.code != "12345678" else "87654321", "没有这个兑换码"),
    (lambda order: "", "没有这个兑换码"),
])
def test_an_unknown_code_is_refused(shelf, person, make_code, message):
    order = services.order_item(person("13800000005"), shelf)
    with pytest.raises(ServiceError, match=message):
        services.order_for_code(person("13800000008"), make_code(order))


def test_another_villages_code_is_refused(shelf, person):
    from webapp.accounts.models import RoleMembership
    from webapp.regions.queries import region_by_code

    xiling_shopkeeper = person("13800000006")
    db.session.add(RoleMembership(user=xiling_shopkeeper, role="shopkeeper", region=region_by_code("QS-DX-XL")))
    db.session.commit()
    order = services.order_item(person("13800000005"), shelf)
    with pytest.raises(ServiceError, match="其他村热心超市"):
        services.redeem_order(xiling_shopkeeper, order.code)
    assert db.session.get(StoreOrder, order.id).status == "held"


def test_an_expired_code_is_refused_and_the_expiry_job_returns_points_and_stock(shelf, person):
    villager, shopkeeper = person("13800000005"), person("13800000008")
    before = balance_of(villager)
    order = services.order_item(villager, shelf)
    later = utcnow() + timedelta(days=services.store.HOLD_DAYS, minutes=1)
    with pytest.raises(ServiceError, match="已过期"):
        services.redeem_order(shopkeeper, order.code, now=later)
    assert services.expire_orders(now=later) == 2  # this order and the demo's own
    assert services.expire_orders(now=later) == 0  # a second run changes nothing
    assert db.session.get(StoreOrder, order.id).status == "expired"
    assert balance_of(villager) == before + 15 == ledger_sum(villager)  # with the demo order's 15
    assert db.session.get(StoreItem, shelf.id).stock == 5
    with pytest.raises(ServiceError, match="已过期"):
        services.redeem_order(shopkeeper, order.code, now=later)


def test_a_cancel_returns_the_points_once_and_the_code_is_dead(shelf, person):
    villager = person("13800000005")
    before = balance_of(villager)
    order = services.order_item(villager, shelf)
    with pytest.raises(ServiceError, match="只能取消自己的"):
        services.cancel_order(person("13800000007"), order)
    services.cancel_order(villager, order)
    with pytest.raises(ServiceError, match="不能再取消"):
        services.cancel_order(villager, order)
    assert balance_of(villager) == before
    with pytest.raises(ServiceError, match="已被村民取消"):
        services.redeem_order(person("13800000008"), order.code)


def test_fifty_orders_at_once_against_a_balance_that_covers_one(app, shelf, person):
    villager = person("13800000005")
    db.session.execute(update(PointBalance).where(PointBalance.user_id == villager.id).values(balance=20))
    db.session.commit()
    user_id, item_id = villager.id, shelf.id

    def order(_i):
        from webapp.accounts.queries import user_by_id

        services.order_item(user_by_id(user_id), db.session.get(StoreItem, item_id))

    results = race(app, 50, order)
    assert results.count("ok") == 1, results
    assert all("积分不够" in r for r in results if r != "ok")
    assert db.session.scalar(select(PointBalance.balance).where(PointBalance.user_id == user_id)) == 8
    assert db.session.scalar(select(StoreItem.stock).where(StoreItem.id == item_id)) == 4


def test_fifty_villagers_at_once_for_the_last_good(app, person):
    from webapp.accounts.models import User

    secretary = person("13800000003")
    last = services.save_store_item(secretary, secretary.village, "最后一桶油", 1, 1)
    people = list(db.session.scalars(select(User.id).where(User.village_id == secretary.village_id,
                                                           User.verified_at.is_not(None))))
    for user_id in people:
        db.session.merge(PointBalance(user_id=user_id, balance=100))
    db.session.commit()
    item_id = last.id

    def order(i):
        from webapp.accounts.queries import user_by_id

        services.order_item(user_by_id(people[i % len(people)]), db.session.get(StoreItem, item_id))

    results = race(app, 50, order)
    assert results.count("ok") == 1, results
    assert db.session.scalar(select(StoreItem.stock).where(StoreItem.id == item_id)) == 0
    assert db.session.scalar(select(func.min(PointBalance.balance))) >= 0


def test_fifty_handovers_of_one_code_at_once(app, shelf, person):
    order = services.order_item(person("13800000005"), shelf)
    code, shopkeeper_id = order.code, person("13800000008").id
    commit()

    def hand_over(_i):
        from webapp.accounts.queries import user_by_id

        services.redeem_order(user_by_id(shopkeeper_id), code)

    results = race(app, 50, hand_over)
    assert results.count("ok") == 1, results


def test_the_database_refuses_a_negative_stock(shelf):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        db.session.execute(update(StoreItem).where(StoreItem.id == shelf.id).values(stock=-1))
        db.session.commit()
    db.session.rollback()


def test_a_good_out_of_reach_says_how_many_points_are_missing(login, person):
    page = page_text(login("13800000005").get("/store"))
    short = 80 - balance_of(person("13800000005"))
    assert short > 0 and f"积分不够，还差 {short} 分" in page and "disabled" not in page
