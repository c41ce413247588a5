"""Requests to the 8+X team: routed by the guide's specialty, answered, scheduled, done with a
photo, rated; late ones go to the cadres, then the township, once each; the wrong people are
refused and bad input changes nothing."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from webapp.database import utcnow
from webapp.extensions import db
from webapp.hall import services
from webapp.hall.models import ServiceGuide, ServiceRequest
from webapp.hall.sweep import sweep_requests
from webapp.notifications.models import OutboxMessage
from webapp.service import ServiceError

from ..client import page_text

VILLAGER, GRID, SECRETARY, DOCTOR, POLICE, TOWNSHIP = ("13800000005", "13800000004", "13800000003", "13800000021",
                                                       "13800000022", "13800000002")


def guide(title) -> ServiceGuide:
    return db.session.scalar(select(ServiceGuide).where(ServiceGuide.title == title))


def told(request, kind):
    return set(db.session.scalars(select(OutboxMessage.user_id).where(
        OutboxMessage.kind == kind, OutboxMessage.url == f"/hall/requests/{request.id}")))


@pytest.mark.parametrize("title, holder", [("慢性病门诊认定", DOCTOR), ("身份证补领（丢失）", POLICE),
                                           ("城乡居民养老保险参保", SECRETARY), ("领取养老金资格认证", GRID)])
def test_a_request_goes_to_the_member_of_the_guide_s_specialty(app, person, title, holder):
    request = services.ask(person(VILLAGER), person(VILLAGER), "ask", "想问问怎么办", guide(title))
    assert request.member.user_id == person(holder).id and request.level == "member"
    assert told(request, "service.asked") == {person(holder).id}
    assert request.due_at - request.created_at == timedelta(hours=24)


def test_a_member_without_an_account_is_covered_by_the_village_cadres(app, person):
    request = services.ask(person(VILLAGER), person(VILLAGER), "ask", "赡养费怎么分", guide("家庭纠纷法律咨询"))
    assert request.member.name == "黄律师" and request.member.user_id is None
    assert person(SECRETARY).id in told(request, "service.asked")


def test_a_visit_is_scheduled_done_with_a_photo_and_rated(app, person, login):
    from webapp.demo import demo_photo

    villager, police = person(VILLAGER), person(POLICE)
    request = services.ask(villager, villager, "visit", "身份证丢了，走不动，请上门", guide("身份证补领（丢失）"), "前岸路1号")
    services.schedule(police, request, utcnow() + timedelta(days=1), "带相机")
    assert request.status == "scheduled" and request.due_at is None and request.answered_at is not None
    with pytest.raises(ServiceError):
        services.rate(villager, request, "satisfied")  # not done yet
    services.record_done(police, request, "已拍照，新证20天后到派出所领。", services.prepare_photo(demo_photo("#888888")))
    services.rate(villager, request, "satisfied", "很方便")
    db.session.commit()
    assert request.status == "rated" and request.photo_path
    assert [e.kind for e in request.events] == ["asked", "scheduled", "done", "rated"]
    page = page_text(login(VILLAGER).get(f"/hall/requests/{request.id}"))
    assert "已拍照" in page and "很方便" in page
    assert login(VILLAGER).get(f"/hall/requests/{request.id}/photo").status_code == 200


def test_an_unanswered_request_goes_to_the_cadres_then_the_township_once_each(app, person):
    villager = person(VILLAGER)
    asked = utcnow() - timedelta(hours=80)
    request = services.ask(villager, villager, "ask", "医保报销要多久", guide("住院医疗费用报销"), now=asked)
    db.session.commit()
    assert sweep_requests(asked + timedelta(hours=25)) >= 1
    assert sweep_requests(asked + timedelta(hours=25)) == 0  # rerun: nothing more
    db.session.refresh(request)
    assert (request.level, request.missed_count) == ("village", 1)
    assert person(SECRETARY).id in told(request, "service.escalated")
    sweep_requests(asked + timedelta(hours=49))
    db.session.refresh(request)
    assert (request.level, request.missed_count) == ("township", 2)
    assert person(TOWNSHIP).id in told(request, "service.escalated")
    sweep_requests(asked + timedelta(hours=200))
    sweep_requests(asked + timedelta(hours=300))
    db.session.refresh(request)
    assert request.missed_count == 3 and request.due_at is None  # late at the top: no new clock, no more messages
    services.answer(person(TOWNSHIP), request, "10个工作日内到账。")
    assert request.status == "done"


def test_the_doctor_cannot_act_after_it_went_up_but_the_cadres_can(app, person):
    villager = person(VILLAGER)
    asked = utcnow() - timedelta(hours=30)
    request = services.ask(villager, villager, "ask", "药怎么报销", guide("慢性病门诊认定"), now=asked)
    db.session.commit()
    sweep_requests()
    db.session.refresh(request)
    with pytest.raises(ServiceError):
        services.answer(person(DOCTOR), request, "我来答")
    services.answer(person(SECRETARY), request, "村干部来答")


@pytest.mark.parametrize("phone", ["13800000006", "13800000010", "13800000011"])
def test_other_villages_and_the_unverified_cannot_ask_here_or_for_someone_here(app, person, phone):
    with pytest.raises(ServiceError):
        services.ask(person(phone), person(VILLAGER), "ask", "替他问问", None)


def test_a_grid_worker_asks_for_a_villager_without_a_phone(app, person, login):
    client = login(GRID)
    before = db.session.scalar(select(func.count()).select_from(ServiceRequest))
    done = client.post("/hall/requests", {"kind": "visit", "text": "郑大爷想请医生上门", "address": "溪边路4号",
                                          "for_phone": "13800000009"})
    assert done.status_code == 303
    request = db.session.scalar(select(ServiceRequest).order_by(ServiceRequest.id.desc()))
    assert request.requester_id == person("13800000009").id and request.entered_by_id == person(GRID).id
    assert db.session.scalar(select(func.count()).select_from(ServiceRequest)) == before + 1


@pytest.mark.parametrize("data, message", [
    ({"kind": "visit", "text": "请上门"}, "上门服务请写下地址"),
    ({"kind": "moon", "text": "问问"}, "不是有效的选择"),
    ({"kind": "ask", "text": ""}, "这一项必须填写"),
    ({"kind": "ask", "text": "问问", "for_phone": "13900000000"}, "没有找到本村这个手机号的村民"),
])
def test_bad_requests_are_refused_in_chinese_and_change_nothing(login, data, message):
    before = db.session.scalar(select(func.count()).select_from(ServiceRequest))
    refused = login(GRID).post("/hall/requests", data)
    assert refused.status_code == 422 and message in page_text(refused)
    assert db.session.scalar(select(func.count()).select_from(ServiceRequest)) == before


def test_who_sees_a_request(app, person, login):
    request = services.ask(person(VILLAGER), person(VILLAGER), "ask", "医保问题", guide("住院医疗费用报销"))
    db.session.commit()
    url = f"/hall/requests/{request.id}"
    for phone in (VILLAGER, DOCTOR, SECRETARY, TOWNSHIP, "13800000001"):
        assert login(phone).get(url).status_code == 200, phone
    for phone in ("13800000006", "13800000007", POLICE, "13800000010", "13800000011"):
        assert login(phone).get(url).status_code == 403, phone


def test_a_member_s_click_that_raced_the_sweep_is_told_to_reload(app, person):
    from sqlalchemy import update

    villager = person(VILLAGER)
    request = services.ask(villager, villager, "ask", "药怎么报", guide("慢性病门诊认定"))
    db.session.commit()
    db.session.execute(update(ServiceRequest).where(ServiceRequest.id == request.id)
                       .values(version=ServiceRequest.version + 1)
                       .execution_options(synchronize_session=False))  # the sweep, a moment ago
    with pytest.raises(ServiceError, match="刷新"):
        services.answer(person(DOCTOR), request, "我来答")
