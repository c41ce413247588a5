"""The township's and the county's dashboards: trends from the tables the worker made, this
month's ranking, the survey; charts drawn on the server, each beside its numbers."""
import brotli
import pytest

from webapp.accounts.models import RoleMembership
from webapp.evaluation.dashboard import dashboard
from webapp.evaluation.services import make_due_tables
from webapp.extensions import db
from webapp.regions.queries import region_by_code

from ..client import page_text
from .conftest import at


def test_the_trends_read_the_tables_of_finished_weeks_and_months(week_of_cases):
    make_due_tables(now=at(days=30))
    shown = dashboard(region_by_code("QS-DX"), now=at(days=30))
    weekly, monthly, ranking = shown["charts"]
    # From the first week with a table (none before the first case), to the last finished one.
    assert [row[0] for row in weekly.rows] == ["第10周", "第11周", "第12周", "第13周"]
    assert weekly.rows[0][-1] == 7 and weekly.rows[1][-1] == 0
    march = next(row for row in monthly.rows if row[0] == "3月")
    assert march[1:] == ["80%", "75%", 7]
    assert [row[1] for row in ranking.rows] == ["东岙村", "西岭村"] and ranking.rows[0][2] == 0  # April so far
    assert 'class="chart"' in weekly.svg and "<script" not in weekly.svg


def test_the_township_dashboard_page_has_three_charts_each_with_its_table(login):
    page = login("13800000002").get("/evaluation/dashboard")
    html = page_text(page)
    assert page.status_code == 200
    assert html.count('<svg class="chart"') == 3 and html.count('class="ledger numbers"') == 4
    assert "东岙村" in html and "群众测评" in html and "超期清单" in html
    assert len(brotli.compress(page.data)) <= 14 * 1024


def test_the_county_dashboard_ranks_townships_and_leads_to_each(login):
    html = page_text(login("13800000001").get("/evaluation/dashboard"))
    assert "青山县" in html and "本月至今各乡镇排名" in html
    assert f"/evaluation/dashboard?region={region_by_code('QS-NS').id}" in html


@pytest.mark.parametrize("phone", ["13800000005", "13800000003", "13800000004", "13800000009"])
def test_villagers_village_cadres_grid_workers_and_mediators_have_no_dashboard(login, phone):
    assert login(phone).get("/evaluation/dashboard").status_code == 403


def test_a_township_sees_no_other_township_and_a_village_is_no_dashboard(login, person):
    client = login("13800000002")
    assert client.get(f"/evaluation/dashboard?region={region_by_code('QS-NS').id}").status_code == 403
    assert client.get(f"/evaluation/dashboard?region={region_by_code('QS-DX-DA').id}").status_code == 403
    assert client.get("/evaluation/dashboard?region=99999999999999999999").status_code == 403
    other = person("13800000010")
    other.memberships.append(RoleMembership(role="township_staff", region=region_by_code("QS-NS")))
    db.session.commit()
    assert login("13800000010").get(f"/evaluation/dashboard?region={region_by_code('QS-DX').id}").status_code == 403


def test_logged_out_the_dashboard_asks_to_log_in(client):
    assert client.get("/evaluation/dashboard").status_code in (302, 303)


def test_a_village_name_is_escaped_in_the_chart(login):
    village = region_by_code("QS-DX-XL")
    village.name = '<script>alert(1)</script>村'
    db.session.commit()
    html = page_text(login("13800000002").get("/evaluation/dashboard"))
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
