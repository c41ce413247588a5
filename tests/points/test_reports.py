"""The monthly points report: made once per village and month however often the job runs, a
skipped month caught up, figures equal to a month counted by hand, the spreadsheet equal to
the page, a public notice and one summary per villager."""
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from webapp.cases import services as cases
from webapp.disclosures.models import Disclosure
from webapp.extensions import db
from webapp.notifications.models import OutboxMessage
from webapp.points import services
from webapp.points.models import PointReport
from webapp.points.reports_xlsx import report_tables
from webapp.regions.queries import region_by_code

MARCH = datetime(2025, 3, 10, 2, 0, tzinfo=UTC)  # 10:00 in Beijing
NOW = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)


@pytest.fixture
def march(person):
    """A month of points in 东岙村, counted by hand in the test below."""
    secretary, leader, gridder = person("13800000003"), person("13800000007"), person("13800000004")
    villager = person("13800000005")
    rules = {r.code: r for r in services.rules_for(villager.village)}
    services.award_points(secretary, [villager, leader], rules["base"], now=MARCH)
    services.award_points(secretary, [villager], rules["volunteer"], now=MARCH)
    services.award_points(secretary, [villager], rules["clutter"], now=MARCH)
    services.award_points(leader, [leader], rules["sorting"], now=MARCH)
    brave = services.award_points(secretary, [gridder], rules["brave"], now=MARCH)[0]
    services.reverse_entry(secretary, brave, "记错了人", now=MARCH + timedelta(days=2))
    case, _ = cases.report_case(villager, category="environment", text="溪边有人倒垃圾", now=MARCH)
    cases.answer_case(gridder, case, "已清理", now=MARCH + timedelta(hours=2))
    cases.rate_case(villager, case, "satisfied", now=MARCH + timedelta(hours=3))  # +1 feedback, automatic
    soap = services.save_store_item(secretary, secretary.village, "肥皂", 12, 3)
    order = services.order_item(villager, soap, now=MARCH)
    services.redeem_order(person("13800000008"), order.code, now=MARCH + timedelta(days=1))
    return region_by_code("QS-DX-DA")


def report_for(village, month):
    return db.session.scalar(select(PointReport).where(PointReport.village_id == village.id,
                                                       PointReport.month == month))


def test_the_march_figures_equal_the_hand_count(march):
    services.make_due_reports(now=NOW)
    figures = report_for(march, "2025-03").figures
    assert [(name, points) for _uid, name, points in figures["people"]] == [("周明", 18), ("王大山", 16),
                                                                             ("李秀梅", 0)]
    assert [(label, points) for _hid, label, points in figures["households"]] == [
        ("东岙村前岸路3号", 18), ("东岙村前岸路1号", 16), ("东岙村前岸路5号", 0)]
    assert figures["by_kind"] == {"natural": 21, "conduct": 13, "special": 0}
    assert figures["redemptions"] == {"count": 1, "points": 12}
    first_grid = next(t for t in figures["teams"] if t["name"] == "第一网格")
    assert (first_grid["handled"], first_grid["on_time"], first_grid["satisfied"], first_grid["points"]) == (1, 1, 1, 15)


def test_a_second_run_makes_nothing_and_a_skipped_month_is_caught_up(march):
    made = services.make_due_reports(now=NOW)
    villages = db.session.scalar(select(func.count()).select_from(PointReport).where(PointReport.month == "2025-04"))
    assert made > 0 and villages == len({r.village_id for r in db.session.scalars(select(PointReport))})
    counts = [db.session.scalar(select(func.count()).select_from(t)) for t in (PointReport, Disclosure, OutboxMessage)]
    assert services.make_due_reports(now=NOW) == 0
    assert [db.session.scalar(select(func.count()).select_from(t))
            for t in (PointReport, Disclosure, OutboxMessage)] == counts
    april = report_for(march, "2025-04")  # nothing happened in April: kept, quiet
    assert april.figures["people"] == [] and april.disclosure_id is None
    assert report_for(march, "2026-11") is not None and report_for(march, "2026-12") is None  # not finished


def test_a_report_is_a_public_notice_and_every_villager_gets_their_month(march, person):
    services.make_due_reports(now=NOW)
    report = report_for(march, "2025-03")
    notice = db.session.get(Disclosure, report.disclosure_id)
    assert notice.title == "2025年3月积分榜" and notice.region_id == march.id and not notice.members_only
    assert "周明（18分）" in notice.body
    summaries = dict(db.session.execute(select(OutboxMessage.user_id, OutboxMessage.title).where(
        OutboxMessage.kind == "points.monthly", OutboxMessage.url == f"/points/reports/{report.id}")).all())
    assert summaries[person("13800000005").id].startswith("3月积分：你得了 16 分，全村第 2 名")
    assert "没有得分" in summaries[person("13800000003").id]
    assert person("13800000011").id not in summaries  # not verified: no points to tell about
    assert len(summaries) == len(set(summaries))


def cells_of(page: str) -> list[list[list[str]]]:
    tables = re.findall(r'<table class="ledger report-table">(.*?)</table>', page, re.S)
    return [[re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
            for table in tables]


def test_the_spreadsheet_opens_and_matches_the_page(march, login):
    services.make_due_reports(now=NOW)
    report = report_for(march, "2025-03")
    client = login("13800000005")
    page = client.get(f"/points/reports/{report.id}").text
    response = client.get(f"/points/reports/{report.id}.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    on_page = cells_of(page)
    assert book.sheetnames == [title for title, _h, _r in report_tables(report)]
    for sheet, table in zip(book.worksheets, on_page, strict=True):
        in_sheet = [[str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        assert in_sheet == table
    assert on_page[0][1] == ["1", "周明", "18"]


def test_the_print_view_and_the_village_ranking(march, login):
    services.make_due_reports(now=NOW)
    report = report_for(march, "2025-03")
    client = login("13800000005")
    printed = client.get(f"/points/reports/{report.id}/print").text
    assert "东岙村2025年3月积分榜" in printed and "周明" in printed and "团队积分 =" in printed
    ranking = client.get("/points/village").text
    assert "积分榜" in ranking and "王大山" in ranking
    assert login("13800000006").get(f"/points/reports/{report.id}").status_code == 403
