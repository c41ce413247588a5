"""A league table's page, print view and spreadsheet; the list of a township's tables."""
import io

import brotli
from openpyxl import load_workbook
from sqlalchemy import select

from webapp.evaluation.models import LeagueTable
from webapp.evaluation.services import make_due_tables
from webapp.extensions import db
from webapp.regions.queries import region_by_code

from ..client import page_text
from .conftest import at


def township_week():
    make_due_tables(now=at(days=8))
    return db.session.scalar(select(LeagueTable).where(LeagueTable.region_id == region_by_code("QS-DX").id,
                                                       LeagueTable.label == "2025-W10"))


def test_the_table_page_shows_each_village_with_its_rates(login, week_of_cases):
    found = township_week()
    page = login("13800000005").get(f"/evaluation/tables/{found.id}")  # a villager: it is a public notice
    text = page_text(page)
    assert page.status_code == 200
    assert "东溪镇2025年第10周（3月3日—3月9日）周晒单" in text
    assert text.index("东岙村") < text.index("西岭村")
    for figure in ("83.3%", "80%", "75%", ">32<", ">-10<"):
        assert figure in text
    assert len(brotli.compress(page.data)) <= 14 * 1024


def test_the_print_view_and_the_spreadsheet_hold_the_same_rows(login, week_of_cases):
    found = township_week()
    client = login("13800000002")
    assert "东岙村" in page_text(client.get(f"/evaluation/tables/{found.id}/print"))
    sheet = load_workbook(io.BytesIO(client.get(f"/evaluation/tables/{found.id}.xlsx").data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0].startswith("东溪镇2025年第10周")
    assert values[2][:4] == [1, "东岙村", 6, 5] and values[2][9] == 32
    assert values[-1][1] == "合计" and values[-1][2] == 7


def newest(period):
    return list(db.session.scalars(select(LeagueTable).where(
        LeagueTable.region_id == region_by_code("QS-DX").id, LeagueTable.period == period)
        .order_by(LeagueTable.label.desc()).limit(2)))


def test_the_township_lists_its_tables_newest_first(login):
    from webapp.evaluation.periods import title

    text = page_text(login("13800000002").get("/evaluation"))
    last, before = (title("week", t.label) for t in newest("week"))  # the demo's weeks
    assert text.index(last) < text.index(before)
    assert title("month", newest("month")[0].label) in text and "看图表" in text


def test_a_villager_sees_the_tables_of_their_township_without_the_dashboard_link(login):
    from webapp.evaluation.periods import title

    text = page_text(login("13800000005").get("/evaluation"))
    assert "东溪镇" in text and title("week", newest("week")[0].label) in text and "看图表" not in text


def test_logged_out_a_table_asks_to_log_in_and_a_missing_one_is_404(client, login, week_of_cases):
    found = township_week()
    assert client.get(f"/evaluation/tables/{found.id}").status_code in (302, 303)
    assert login("13800000005").get("/evaluation/tables/999999").status_code == 404
    assert login("13800000005").get("/evaluation?region=abc").status_code in (200, 404)
    assert login("13800000005").get(f"/evaluation?region={region_by_code('QS-DX-DA').id}").status_code == 404
