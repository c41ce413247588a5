"""A draw as the cadre and the witnesses meet it, through the pages: start it, commit (with the
phone's hash, or without JavaScript), freeze, reveal, draw; the record downloads and replays in
the verifier; bad input is refused in Chinese and changes nothing."""
import json

from sqlalchemy import func, select

from webapp.deliberation import sortition
from webapp.deliberation.models import Draw
from webapp.extensions import db

from ..client import page_text
from .verifier import load_verifier

SECRETARY, GROUP_LEADER, VILLAGER, WEST_VILLAGER = "13800000003", "13800000007", "13800000005", "13800000006"
SECRETS = {SECRETARY: "东岙村石桥边的老樟树今年开花了真好看", GROUP_LEADER: "第一组今年的早稻收成很好大家都高兴",
           VILLAGER: "我家两只小狗的名字叫做大黄和小白"}


def _start(login, person):
    secretary = login(SECRETARY)
    form = {"title": "村道硬化议事会村民代表", "seats": "2", "witness_1": person(SECRETARY).id, "role_1": "书记",
            "witness_2": person(GROUP_LEADER).id, "role_2": "村务监督委员会委员",
            "witness_3": person(VILLAGER).id, "role_3": "村民代表"}
    response = secretary.post("/draws", form)
    assert response.status_code == 303, page_text(response)
    return secretary, response.headers["Location"]


def test_a_draw_from_start_to_result_through_the_pages(app, login, person):
    secretary, page = _start(login, person)
    witnesses = {phone: login(phone) for phone in SECRETS}
    for phone, browser in witnesses.items():
        # The group leader's phone has no JavaScript: the secret goes, hashed there, not kept.
        form = {"secret": SECRETS[phone]} if phone == GROUP_LEADER else \
            {"commitment": sortition.commitment(SECRETS[phone]), "secret": ""}
        assert browser.post(f"{page}/commit", form).status_code == 303
    assert SECRETS[GROUP_LEADER] not in json.dumps(secretary.get(f"{page}.json").get_json(), ensure_ascii=False)
    assert secretary.post(f"{page}/freeze").status_code == 303
    frozen = page_text(secretary.get(page))
    assert "冻结的名册" in frozen and "抽签结果" not in frozen
    for phone, browser in witnesses.items():
        assert browser.post(f"{page}/reveal", {"secret": SECRETS[phone]}).status_code == 303
    assert secretary.post(f"{page}/draw").status_code == 303
    shown = page_text(login(VILLAGER).get(page))
    assert "抽签结果" in shown and "种子" in shown
    record = secretary.get(f"{page}.json").get_json()
    problems, result = load_verifier().verify(record)
    assert problems == [] and sortition.panel(result) and len(sortition.panel(result)) == 2
    download = secretary.get("/draws/verify_draw.py")
    assert download.status_code == 200 and b"cunli-sortition-v1" in download.data


def test_bad_input_is_refused_in_chinese_and_changes_nothing(app, login, person):
    secretary = login(SECRETARY)
    before = db.session.scalar(select(func.count(Draw.id)))
    same = person(SECRETARY).id
    response = secretary.post("/draws", {"title": "代表", "seats": "很多", "witness_1": same, "witness_2": same,
                                         "witness_3": same})
    assert response.status_code == 422 and "请填 1 到 50" in page_text(response)
    response = secretary.post("/draws", {"title": "代表", "seats": "2", "witness_1": same, "witness_2": same,
                                         "witness_3": same})
    assert response.status_code == 422 and "同一个人不能当两次见证人" in page_text(response)
    assert db.session.scalar(select(func.count(Draw.id))) == before


def test_a_short_secret_a_wrong_reveal_and_a_stranger_are_refused(app, login, person):
    secretary, page = _start(login, person)
    villager = login(VILLAGER)
    response = villager.post(f"{page}/commit", {"secret": "太短"})
    assert response.status_code == 422 and "密语至少要 16 个字" in page_text(response)
    assert login(WEST_VILLAGER).post(f"{page}/commit", {"secret": "x" * 20}).status_code == 403
    assert login("13800000011").post(f"{page}/commit", {"secret": "x" * 20}).status_code == 403
    for phone in SECRETS:
        login(phone).post(f"{page}/commit", {"commitment": sortition.commitment(SECRETS[phone])})
    secretary.post(f"{page}/freeze")
    response = villager.post(f"{page}/reveal", {"secret": SECRETS[VILLAGER] + "了"})
    assert response.status_code == 422 and "对不上" in page_text(response)
