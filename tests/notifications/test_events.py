"""Events that reach people: each makes exactly one row per recipient per channel, for exactly
the people it concerns."""
from collections import Counter

from sqlalchemy import select

from webapp.accounts.models import Resident, User
from webapp.accounts.queries import people_living_in
from webapp.accounts.services import verify_villager
from webapp.disclosures.services import add_comment, publish_disclosure
from webapp.extensions import db
from webapp.finance.services import publish_period
from webapp.notifications.models import OutboxMessage
from webapp.regions.queries import region_by_code

SECRETARY, VILLAGER, LEADER, WEST, SOUTH, UNVERIFIED = ("13800000003", "13800000005", "13800000007", "13800000006",
                                                        "13800000010", "13800000011")


def _told(kind, url=None):
    query = select(OutboxMessage.user_id, OutboxMessage.channel).where(OutboxMessage.kind == kind)
    if url:
        query = query.where(OutboxMessage.url == url)
    return Counter(db.session.execute(query).all())


def test_a_notice_reaches_once_each_person_who_may_read_it(app, person):
    township = region_by_code("QS-DX")
    notice = publish_disclosure(person("13800000002"), township, section="village", title="东溪镇冬季防火通知", body="注意用火安全")
    told = _told("notice.published", f"/notices/{notice.id}")
    expected = set(people_living_in(township)) - {person("13800000002").id}
    assert set(uid for uid, _channel in told) == expected and set(told.values()) == {1}
    assert person(WEST).id in expected and person(SOUTH).id not in expected  # 西岭村 yes, 南山乡 no
    members = publish_disclosure(person(SECRETARY), region_by_code("QS-DX-DA"), section="party", title="党员大会通知",
                                 body="周五开会", members_only=True)
    reached = {uid for uid, _channel in _told("notice.published", f"/notices/{members.id}")}
    assert person(VILLAGER).id in reached and person(UNVERIFIED).id not in reached


def test_a_finance_period_and_a_verification_reach_their_people(app, person):
    village = region_by_code("QS-DX-DA")
    period = publish_period(person(SECRETARY), village, 2026, "month", 11)
    reached = _told("finance.published", f"/finance/{period.id}")
    assert {uid for uid, _c in reached} == set(people_living_in(village)) - {person(SECRETARY).id}
    newcomer = User(phone="13900000001", name="新村民", password_hash="x", village_id=village.id)
    db.session.add(newcomer)
    db.session.flush()
    free = db.session.scalar(select(Resident).where(Resident.name == "王阿婆"))  # in the registry, no account
    verify_villager(person(SECRETARY), newcomer, free)
    assert _told("account.verified") == Counter({(newcomer.id, "inapp"): 1, (newcomer.id, "sms"): 1})


def test_a_comment_tells_the_author_and_a_cadres_reply_tells_the_commenters(app, person):
    notice = publish_disclosure(person(SECRETARY), region_by_code("QS-DX-DA"), section="village", title="村道维修公告",
                                body="下周一开始施工")
    url = f"/notices/{notice.id}"
    add_comment(person(VILLAGER), notice, "施工期间怎么走？")
    assert _told("comment.added", url) == Counter({(person(SECRETARY).id, "inapp"): 1})
    add_comment(person(LEADER), notice, "要多久？")
    add_comment(person(SECRETARY), notice, "走北边的便道，大约十天。")
    assert _told("comment.added", url) == Counter({(person(SECRETARY).id, "inapp"): 2, (person(VILLAGER).id, "inapp"): 1,
                                                   (person(LEADER).id, "inapp"): 1})


def test_points_awarded_reach_each_person_once_and_an_automatic_award_too(app, person):
    from webapp.points import services

    rules = {r.code: r for r in services.rules_for(person(VILLAGER).village)}
    before = _told("points.awarded")  # the demo's own awards
    services.award_points(person(SECRETARY), [person(VILLAGER), person(LEADER)], rules["volunteer"], "清理河道")
    assert _told("points.awarded") - before == Counter({(person(VILLAGER).id, "inapp"): 1,
                                                        (person(LEADER).id, "inapp"): 1})
    title = db.session.scalar(select(OutboxMessage.title).where(OutboxMessage.kind == "points.awarded",
                                                                OutboxMessage.user_id == person(VILLAGER).id)
                              .order_by(OutboxMessage.id.desc()))
    assert title == f"你获得 {rules['volunteer'].points} 分：清理河道"
    auto = next(code for code, r in rules.items() if r.awarded_by == "auto")
    services.award_automatically(person(LEADER), auto, "test:once")
    services.award_automatically(person(LEADER), auto, "test:once")  # the same source pays (and tells) once
    assert (_told("points.awarded") - before)[(person(LEADER).id, "inapp")] == 2


def test_an_order_tells_its_code_and_an_expiry_the_points_returned(app, person):
    from datetime import timedelta

    from webapp.database import utcnow
    from webapp.points import services
    from webapp.points.models import PointBalance, StoreItem

    item = db.session.scalar(select(StoreItem).where(StoreItem.village_id == region_by_code("QS-DX-DA").id,
                                                     StoreItem.stock > 0))
    db.session.merge(PointBalance(user_id=person(LEADER).id, balance=500))
    order = services.order_item(person(LEADER), item)
    told = _told("store.ready", f"/store/orders/{order.id}")
    assert told == Counter({(person(LEADER).id, "inapp"): 1})
    assert order.code in db.session.scalar(select(OutboxMessage.title).where(OutboxMessage.kind == "store.ready",
                                                                              OutboxMessage.url == f"/store/orders/{order.id}"))
    db.session.commit()
    services.expire_orders(now=utcnow() + timedelta(days=30))
    services.expire_orders(now=utcnow() + timedelta(days=30))  # twice: told once
    assert _told("store.expired", f"/store/orders/{order.id}") == Counter({(person(LEADER).id, "inapp"): 1})
