"""The case desk and the overdue list: every case of the township with its village and grid,
filtered, searched in Chinese, sorted by the time left; and who is late, by how long."""
import re
from datetime import timedelta

import pytest

from webapp.accounts.models import RoleMembership
from webapp.cases import services
from webapp.cases.desk import DeskFilter, desk_cases, overdue_list, search_words
from webapp.cases.models import Case
from webapp.database import utcnow
from webapp.extensions import db
from webapp.regions.queries import region_by_code

from ..client import page_text


@pytest.fixture
def township_cases(report, person):
    """Four reports in 大溪镇 (东岙村 and 西岭村) and one in 南山镇 (石溪村), made now:
    bridge  东岙村 first grid, hazard, still at the grid, 24 h left
    lamp    东岙村 first grid, infrastructure, handed to the village team, overdue by 30 h
    dog     西岭村, environment, at the grid, overdue by 3 h
    fixed   东岙村, infrastructure, answered (resolved), its old deadline long past
    far     石溪村 in the other township"""
    now = utcnow()
    grid_worker = person("13800000004")
    bridge = report(text="村口石桥的栏杆断了，晚上很危险", when=now)
    lamp = report(text="后山路的路灯坏了一个月", category="infrastructure", when=now)
    services.hand_to_village(grid_worker, lamp, now=now)
    dog = report(phone="13800000006", text="村道上有死狗没人清理", category="environment", when=now)
    fixed = report(text="自来水管漏水", category="infrastructure", when=now)
    services.answer_case(grid_worker, fixed, "已修好", now=now)
    far = report(phone="13800000010", text="石溪村桥的栏杆也断了", when=now)
    lamp.due_at, dog.due_at = now - timedelta(hours=30), now - timedelta(hours=3)
    fixed.due_at = now - timedelta(hours=50)  # a finished case's old deadline is no longer urgent
    db.session.commit()
    return dict(bridge=bridge, lamp=lamp, dog=dog, fixed=fixed, far=far)


def ids_on(page) -> list[int]:
    return [int(n) for n in re.findall(r'data-pane href="/cases/(\d+)"', page_text(page))]


def test_the_township_sees_every_case_of_its_villages_with_village_and_grid(login, township_cases):
    page = login("13800000002").get("/cases/desk")
    assert page.status_code == 200
    c = township_cases
    assert {c[name].id for name in ("bridge", "lamp", "dog", "fixed")} <= set(ids_on(page))
    assert c["far"].id not in ids_on(page)
    rows = page_text(page).split('data-pane href="/cases/')
    row_of = {int(r.split('"')[0]): r for r in rows[1:]}
    assert "东岙村 · 第一网格" in row_of[c["bridge"].id] and "西岭村 · 第一网格" in row_of[c["dog"].id]


def test_the_most_urgent_come_first(login, township_cases):
    c = township_cases
    shown = ids_on(login("13800000002").get("/cases/desk"))
    # lamp is 30 h late, dog 3 h, bridge has 24 h left; the resolved one comes after every open one.
    assert shown.index(c["lamp"].id) < shown.index(c["dog"].id) < shown.index(c["bridge"].id) < shown.index(c["fixed"].id)


@pytest.mark.parametrize("args, expected", [
    ("category=infrastructure", {"lamp", "fixed"}),
    ("level=village", {"lamp"}),
    ("status=resolved", {"fixed"}),
    ("overdue=1", {"lamp", "dog"}),
    ("q=桥的栏杆", {"bridge"}),
    ("q=路灯", {"lamp"}),
    ("overdue=1&category=environment", {"dog"}),
])
def test_filters_and_search_keep_only_the_cases_asked_for(login, township_cases, args, expected):
    c = township_cases
    mine = {name: c[name].id for name in ("bridge", "lamp", "dog", "fixed")}
    shown = set(ids_on(login("13800000002").get(f"/cases/desk?{args}")))
    assert {name for name, i in mine.items() if i in shown} == expected


def test_the_place_filter_narrows_to_one_village(login, township_cases, app):
    xiling = region_by_code("QS-DX-XL")
    shown = ids_on(login("13800000002").get(f"/cases/desk?place={xiling.id}"))
    assert township_cases["dog"].id in shown
    assert {db.session.get(Case, i).village_id for i in shown} == {xiling.id}


def test_a_place_of_another_township_is_refused_and_shows_nothing_of_it(login, township_cases):
    shixi = region_by_code("QS-NS-SX")
    page = login("13800000002").get(f"/cases/desk?place={shixi.id}")
    assert page.status_code == 422
    assert "有的筛选条件看不懂" in page_text(page)
    assert township_cases["far"].id not in ids_on(page)


@pytest.mark.parametrize("args", ["category=nonsense", "level=moon", "status=x", "from=2025-13-45", "sort=random",
                                  "place=abc", "page=-3", "q=" + "桥" * 500])
def test_bad_filters_get_a_clear_message_never_a_500(login, township_cases, args):
    page = login("13800000002").get(f"/cases/desk?{args}")
    assert page.status_code in (200, 422)
    if page.status_code == 422:
        assert "筛选条件" in page_text(page)


def test_htmx_filtering_answers_with_the_results_only(login, township_cases):
    page = login("13800000002").get("/cases/desk?overdue=1", headers={"HX-Request": "true"})
    html = page_text(page)
    assert html.lstrip().startswith('<section class="card desk-list" id="results"') and "<html" not in html


def test_the_village_team_sees_its_own_village_only(login, township_cases):
    shown = set(ids_on(login("13800000003").get("/cases/desk")))
    c = township_cases
    assert {c["bridge"].id, c["lamp"].id, c["fixed"].id} <= shown
    assert c["dog"].id not in shown and c["far"].id not in shown


def test_the_county_sees_both_townships(login, township_cases):
    shown = set(ids_on(login("13800000001").get("/cases/desk")))
    assert township_cases["far"].id in shown and township_cases["dog"].id in shown


@pytest.mark.parametrize("phone", ["13800000005", "13800000004", "13800000009", "13800000021"])
def test_villagers_grid_workers_mediators_and_team_members_have_no_desk(login, township_cases, phone):
    client = login(phone)
    assert client.get("/cases/desk").status_code == 403
    assert client.get("/cases/overdue").status_code == 403


def test_logged_out_the_desk_asks_to_log_in(client):
    assert client.get("/cases/desk").status_code in (302, 303)
    assert client.get("/cases/overdue").status_code in (302, 303)


def test_staff_of_the_other_township_see_none_of_this_one(login, person, township_cases):
    other = person("13800000010")
    other.memberships.append(RoleMembership(role="township_staff", region=region_by_code("QS-NS")))
    db.session.commit()
    client = login("13800000010")
    shown = ids_on(client.get("/cases/desk"))
    assert township_cases["far"].id in shown
    assert {db.session.get(Case, i).village.parent.code for i in shown} == {"QS-NS"}
    daxi_village = region_by_code("QS-DX-DA")
    assert township_cases["lamp"].id not in ids_on(client.get(f"/cases/desk?place={daxi_village.id}"))
    assert client.get(f"/cases/overdue?place={daxi_village.id}").status_code == 403


def test_the_overdue_list_says_who_is_late_and_by_how_long(login, township_cases):
    page = login("13800000002").get("/cases/overdue")
    text = page_text(page)
    assert page.status_code == 200
    lamp, dog = township_cases["lamp"], township_cases["dog"]
    html = page_text(page)
    assert html.index(f"/cases/{lamp.id}") < html.index(f"/cases/{dog.id}")  # the longest late first
    assert "30小时" in text and "3小时" in text
    assert "东岙村 · 村服务团队" in text and "西岭村第一网格 · 网格员" in text
    assert f"/cases/{township_cases['bridge'].id}\"" not in html  # not late


def test_a_case_the_sweep_sent_up_stays_on_the_list_with_the_team_that_missed(login, report, township_cases):
    from webapp.cases.sweep import sweep_overdue

    stone = report(text="山上滚下石头挡了路", when=utcnow() - timedelta(hours=50))
    sweep_overdue(utcnow())  # the grid let its 24 h pass (26 h ago): the case goes to the village
    db.session.refresh(stone)
    assert stone.level == "village" and stone.due_at > utcnow()
    late, _ = overdue_list([region_by_code("QS-DX")])
    row = next(r for r in late if r.case.id == stone.id)
    assert row.missed_by == ["东岙村第一网格 · 网格员"] and row.hours == 26
    assert row.holder == "东岙村 · 村服务团队"
    text = page_text(login("13800000002").get("/cases/overdue"))
    assert "东岙村第一网格 · 网格员" in text and "26小时" in text


def test_overdue_counts_by_level(app, township_cases):
    late, by_level = overdue_list([region_by_code("QS-DX")])
    mine = [row.case.id for row in late if row.case.id in (township_cases["lamp"].id, township_cases["dog"].id)]
    assert mine == [township_cases["lamp"].id, township_cases["dog"].id]
    assert by_level["grid"] >= 1 and by_level["village"] >= 1
    hours = {row.case.id: row.hours for row in late}
    assert (hours[township_cases["lamp"].id], hours[township_cases["dog"].id]) in ((30, 3), (29, 2))


def test_the_query_is_cut_into_words_and_filler_dropped():
    assert set(search_words("桥的栏杆坏了")) >= {"栏杆"} and "的" not in search_words("桥的栏杆坏了")


def test_a_page_holds_fifty(app, report):
    for n in range(55):
        report(text=f"第{n}件", when=utcnow())
    f = DeskFilter()
    cases, total = desk_cases([region_by_code("QS-DX")], f)
    assert len(cases) == 50 and total >= 55
    f.page = 2
    assert len(desk_cases([region_by_code("QS-DX")], f)[0]) == min(50, total - 50)
