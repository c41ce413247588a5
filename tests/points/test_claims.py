"""A villager claims a good deed with a photo; a cadre approves it under a rule or rejects it
with a reason the villager reads."""
import pytest
from sqlalchemy import select

from webapp.demo import demo_photo
from webapp.extensions import db
from webapp.notifications.models import OutboxMessage
from webapp.points import services
from webapp.points.models import GoodDeedClaim, PointEntry
from webapp.points.queries import balance_of
from webapp.service import ServiceError


@pytest.fixture
def claim(person):
    return services.claim_good_deed(person("13800000005"), "帮邻居抢收晒在外面的稻谷", services.prepare_claim_photo(demo_photo("#336699")))


def rule(person, code):
    return next(r for r in services.rules_for(person("13800000005").village) if r.code == code)


def test_a_claim_needs_words_and_a_photo(person):
    villager = person("13800000005")
    with pytest.raises(ServiceError, match="请附一张照片"):
        services.claim_good_deed(villager, "帮邻居抢收稻谷", None)
    with pytest.raises(ServiceError, match="请写下做了什么好事"):
        services.claim_good_deed(villager, "好", services.prepare_claim_photo(demo_photo("#336699")))
    with pytest.raises(ServiceError, match="认证身份以后"):
        services.claim_good_deed(person("13800000011"), "帮邻居抢收稻谷", services.prepare_claim_photo(demo_photo("#336699")))


def test_approval_pays_under_the_chosen_rule_and_tells_the_villager(claim, person):
    villager = person("13800000005")
    before = balance_of(villager)
    services.approve_claim(person("13800000003"), claim, rule(person, "volunteer"))
    assert claim.status == "approved" and balance_of(villager) == before + 10
    entry = db.session.get(PointEntry, claim.entry_id)
    assert entry.source_ref == f"claim:{claim.id}" and entry.points == 10
    assert db.session.scalar(select(OutboxMessage.title).where(OutboxMessage.user_id == villager.id,
                                                               OutboxMessage.kind == "points")).startswith("你申报")
    with pytest.raises(ServiceError, match="已经审核过了"):
        services.approve_claim(person("13800000003"), claim, rule(person, "volunteer"))


def test_rejection_needs_a_reason_and_pays_nothing(claim, person):
    villager, secretary = person("13800000005"), person("13800000003")
    before = balance_of(villager)
    with pytest.raises(ServiceError, match="请写明不通过的原因"):
        services.reject_claim(secretary, claim, " ")
    services.reject_claim(secretary, claim, "照片看不出是哪里")
    assert claim.status == "rejected" and claim.reason == "照片看不出是哪里"
    assert balance_of(villager) == before


def test_only_the_villages_cadres_decide(claim, person):
    for phone in ("13800000007", "13800000005", "13800000002"):
        with pytest.raises(ServiceError, match="你不能审核"):
            services.reject_claim(person(phone), claim, "不行")
    assert db.session.get(GoodDeedClaim, claim.id).status == "pending"


def test_an_approval_over_the_cap_is_refused_and_the_claim_stays_pending(claim, person):
    secretary, villager = person("13800000003"), person("13800000005")
    with pytest.raises(ServiceError, match="本月这一项已达上限"):
        for _ in range(3):  # the demo already gave 10 of the 30 this month
            services.award_points(secretary, [villager], rule(person, "volunteer"))
    with pytest.raises(ServiceError, match="本月这一项已达上限"):
        services.approve_claim(secretary, claim, rule(person, "volunteer"))
    assert db.session.get(GoodDeedClaim, claim.id).status == "pending"


def test_the_claim_pages(login, person):
    villager = login("13800000005")
    page = villager.get("/points/claims")
    assert "帮独居的王奶奶挑了一个月的水" in page.text and "待审核" in page.text
    response = villager.post("/points/claims", {"text": "扶老人过马路"})
    assert response.status_code == 422 and "请附一张照片" in response.text
    secretary = login("13800000003")
    queue = secretary.get("/points/claims/review")
    claim_id = db.session.scalar(select(GoodDeedClaim.id).where(GoodDeedClaim.status == "pending"))
    assert f"/points/claims/{claim_id}/photo" in queue.text
    assert secretary.get(f"/points/claims/{claim_id}/photo").status_code == 200
    secretary.post(f"/points/claims/{claim_id}/reject", {"reason": "请补一张清楚的照片"})
    assert "请补一张清楚的照片" in villager.get("/points/claims").text
