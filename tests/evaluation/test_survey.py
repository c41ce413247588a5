"""群众测评: a verified villager rates their village once a quarter; the answers name nobody; a
village's averages show from three answers; its comments only to the township and county."""
import pytest
from sqlalchemy import func, inspect, select

from webapp.accounts.models import RoleMembership
from webapp.evaluation.models import SurveyAnswer, SurveyResponse
from webapp.evaluation.survey import current_quarter, survey_results
from webapp.extensions import db
from webapp.regions.queries import region_by_code

from ..client import page_text

GOOD = {"q_branch": "5", "q_speed": "4", "q_result": "4", "q_openness": "3", "comment": "网格员很负责"}


def counts():
    return (db.session.scalar(select(func.count()).select_from(SurveyAnswer)),
            db.session.scalar(select(func.count()).select_from(SurveyResponse)))


def test_a_villager_answers_once_a_quarter(login, person):
    client = login("13800000004")  # 李秀梅: verified in 东岙村, not yet answered in the demo
    assert "提交评价" in page_text(client.get("/evaluation/survey"))
    before = counts()
    answered = client.post("/evaluation/survey", GOOD)
    assert answered.status_code == 303
    assert counts() == (before[0] + 1, before[1] + 1)
    assert "已经评过" in page_text(client.get("/evaluation/survey"))
    again = client.post("/evaluation/survey", GOOD)
    assert again.status_code == 422 and "已经参加过测评" in page_text(again)
    assert counts() == (before[0] + 1, before[1] + 1)


def test_an_answer_names_nobody(app):
    columns = {c.key for c in inspect(SurveyResponse).columns}
    assert columns == {"id", "village_id", "quarter", "scores", "comment", "day"}
    ids = list(db.session.scalars(select(SurveyResponse.id)))
    assert ids and all(len(i) == 32 for i in ids)  # random, not a sequence


@pytest.mark.parametrize("change, message", [
    ({"q_speed": None}, "请选一个评价"),
    ({"q_speed": "9"}, "不是有效的选择"),
    ({"q_result": "abc"}, "不是有效的选择"),
    ({"comment": "很" * 201}, "200"),
])
def test_bad_answers_are_refused_in_chinese_and_change_nothing(login, change, message):
    client = login("13800000004")
    data = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    before = counts()
    refused = client.post("/evaluation/survey", data)
    assert refused.status_code == 422 and counts() == before
    text = page_text(refused)
    assert message in text and "Not a valid" not in text


def test_the_unverified_and_the_logged_out_cannot_answer(login, client):
    unverified = login("13800000011")
    assert "本村已认证的村民才能参加测评" in page_text(unverified.get("/evaluation/survey"))
    before = counts()
    assert unverified.post("/evaluation/survey", GOOD).status_code == 403
    assert client.get("/evaluation/survey").status_code in (302, 303)
    assert counts() == before


def test_averages_show_from_three_answers(app):
    results = survey_results(region_by_code("QS-DX"), [current_quarter()])
    dongao, xiling = region_by_code("QS-DX-DA").id, region_by_code("QS-DX-XL").id
    assert results[dongao]["answers"] == 6 and 1 <= results[dongao]["overall"] <= 5
    assert results[xiling] == {"answers": 1}  # one answer: no average, nobody to guess


def test_the_township_reads_the_comments_and_the_village_s_own_cadres_cannot(login, person):
    dongao = region_by_code("QS-DX-DA")
    page = login("13800000002").get(f"/evaluation/survey/{dongao.id}")
    assert page.status_code == 200 and "意见不署名" in page_text(page)
    for phone in ("13800000003", "13800000023", "13800000005", "13800000004"):
        assert login(phone).get(f"/evaluation/survey/{dongao.id}").status_code == 403
    other = person("13800000010")
    other.memberships.append(RoleMembership(role="township_staff", region=region_by_code("QS-NS")))
    db.session.commit()
    assert login("13800000010").get(f"/evaluation/survey/{dongao.id}").status_code == 403
    assert login("13800000001").get(f"/evaluation/survey/{dongao.id}?quarter=x").status_code == 200


def test_too_few_answers_hide_the_comments(login):
    xiling = region_by_code("QS-DX-XL")
    assert "暂不显示意见" in page_text(login("13800000002").get(f"/evaluation/survey/{xiling.id}"))
