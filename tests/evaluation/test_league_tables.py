"""League tables (周晒单、月通报、年度汇总) against a week counted by hand; catching up what a
stopped worker missed; a rerun adds nothing; who is told."""
from sqlalchemy import select

from webapp.disclosures.models import Disclosure
from webapp.evaluation.figures import rates
from webapp.evaluation.models import LeagueTable
from webapp.evaluation.services import make_due_tables
from webapp.extensions import db
from webapp.notifications.models import OutboxMessage
from webapp.regions.queries import region_by_code

from .conftest import at


def table(region_code, period, label) -> LeagueTable:
    return db.session.scalar(select(LeagueTable).where(
        LeagueTable.region_id == region_code_id(region_code), LeagueTable.period == period,
        LeagueTable.label == label))


def region_code_id(code) -> int:
    return region_by_code(code).id


def test_the_township_week_equals_the_hand_count(week_of_cases):
    make_due_tables(now=at(days=8))
    rows = {row["name"]: row for row in table("QS-DX", "week", "2025-W10").figures["rows"]}
    assert set(rows) == {"东岙村", "西岭村"}  # 南山乡's village is in the other township's table
    dongao = rows["东岙村"]
    # a b c d f handled; a b d f without a missed deadline; a d 满意, b 基本满意 of four rated; c e missed.
    assert {k: dongao[k] for k in ("cases", "handled", "on_time", "satisfied", "basic", "rated", "missed")} == \
        dict(cases=6, handled=5, on_time=4, satisfied=2, basic=1, rated=4, missed=2)
    assert dongao["points"] == 4 * 10 + 2 * 5 + 1 * 2 - 2 * 10
    assert rates(dongao) == {"handling": 83.3, "on_time": 80.0, "satisfaction": 75.0, "requests_on_time": None,
                             "requests_satisfaction": None}
    assert (rows["西岭村"]["cases"], rows["西岭村"]["missed"], rows["西岭村"]["points"]) == (1, 1, -10)
    ranked = [row["name"] for row in table("QS-DX", "week", "2025-W10").figures["rows"]]
    assert ranked == ["东岙村", "西岭村"]


def test_the_county_ranks_townships_over_all_their_villages(week_of_cases):
    make_due_tables(now=at(days=8))
    figures = table("QS", "week", "2025-W10").figures
    rows = {row["name"]: row for row in figures["rows"]}
    assert (rows["东溪镇"]["cases"], rows["东溪镇"]["missed"], rows["东溪镇"]["points"]) == (7, 3, 40 + 10 + 2 - 30)
    assert (rows["南山乡"]["cases"], rows["南山乡"]["missed"], rows["南山乡"]["points"]) == (1, 1, -10)
    assert figures["totals"]["cases"] == 8 and sum(figures["totals"]["by_level"].values()) == 8
    assert figures["totals"]["by_level"]["township"] == 1  # d


def test_a_stopped_worker_s_weeks_are_caught_up_and_a_rerun_adds_nothing(week_of_cases):
    assert make_due_tables(now=at(days=15)) == 2 * 3  # W10 and W11, for two townships and the county
    assert make_due_tables(now=at(days=15)) == 0
    # The worker was away for two weeks and the end of March: all of it comes at once.
    assert make_due_tables(now=at(days=30)) == 2 * 3 + 3  # W12, W13 and March
    assert make_due_tables(now=at(days=30)) == 0
    labels = set(db.session.scalars(select(LeagueTable.label).where(
        LeagueTable.region_id == region_code_id("QS-DX"), LeagueTable.label.startswith("2025"))))
    assert labels == {"2025-W10", "2025-W11", "2025-W12", "2025-W13", "2025-03"}
    assert table("QS-DX", "month", "2025-03").figures["totals"]["cases"] == 7


def test_a_busy_table_is_a_notice_of_its_region_and_a_quiet_one_is_not(week_of_cases):
    make_due_tables(now=at(days=15))
    busy, quiet = table("QS-DX", "week", "2025-W10"), table("QS-DX", "week", "2025-W11")
    notice = db.session.get(Disclosure, busy.disclosure_id)
    assert notice.region_id == region_code_id("QS-DX") and notice.title.startswith("东溪镇2025年第10周")
    assert "周晒单" in notice.title and "1. 东岙村：反映 6 件" in notice.body and f"/evaluation/tables/{busy.id}" in notice.body
    assert quiet.disclosure_id is None


def test_only_the_newest_table_tells_the_teams_their_place(week_of_cases, person):
    make_due_tables(now=at(days=30))
    told = db.session.execute(select(OutboxMessage.user_id, OutboxMessage.title, OutboxMessage.url).where(
        OutboxMessage.kind == "evaluation.ranked", OutboxMessage.title.contains("2025年"))).all()
    march = table("QS-DX", "month", "2025-03")
    # W10 came weeks late (no one is told); W13 is quiet; March is the newest month with cases.
    assert {url for _, _, url in told} == {f"/evaluation/tables/{march.id}",
                                           f"/evaluation/tables/{table('QS', 'month', '2025-03').id}"}
    secretary, township = person("13800000003"), person("13800000002")
    mine = [title for uid, title, url in told if uid == secretary.id]
    assert mine == ["东溪镇2025年3月月通报：东岙村第 1 名（共 2 个），及时处置率 80%，满意率 75%"]
    assert any(uid == township.id for uid, _, _ in told)  # the county's table tells the township
    assert person("13800000005").id not in {uid for uid, _, _ in told}


def test_a_year_ends_with_its_summary(week_of_cases):
    from datetime import UTC, datetime

    make_due_tables(now=datetime(2026, 1, 5, tzinfo=UTC))
    summary = table("QS-DX", "year", "2025")
    assert summary.figures["totals"]["cases"] == 7
    assert all("survey" in row for row in summary.figures["rows"])


def test_the_services_hall_s_requests_join_the_team_s_row(week_of_cases, person):
    """Three general questions in 东岙村 that week (they go to the secretary, the team's cadre):
    one answered in time and rated 满意, one answered after its deadline passed, one waiting."""
    from webapp.hall import services as hall
    from webapp.hall.sweep import sweep_requests

    villager, secretary = person("13800000005"), person("13800000003")
    quick = hall.ask(villager, villager, "ask", "降压药医保能报多少？", now=at(hours=2))
    late = hall.ask(villager, villager, "ask", "慢性病门诊怎么认定？", now=at(hours=3))
    hall.ask(villager, villager, "ask", "家庭医生怎么签约？", now=at(hours=4))
    hall.answer(secretary, quick, "能报七成。", now=at(hours=5))
    hall.rate(villager, quick, "satisfied", now=at(hours=6))
    sweep_requests(at(hours=30))
    hall.answer(secretary, late, "带诊断证明到村卫生室登记。", now=at(hours=31))
    make_due_tables(now=at(days=8))
    dongao = next(r for r in table("QS-DX", "week", "2025-W10").figures["rows"] if r["name"] == "东岙村")
    assert (dongao["requests"], dongao["requests_on_time"], dongao["requests_rated"], dongao["requests_happy"]) == (3, 1, 1, 1)
    assert rates(dongao)["requests_on_time"] == 33.3 and rates(dongao)["requests_satisfaction"] == 100.0
