"""The whole ladder on a controlled clock: respond, hand to the village, resolve, rate; the
24-hour and 5-day misses; the township path; send-back; reopen; emergencies; mediation."""
import pytest
from sqlalchemy import func, select

from webapp import media
from webapp.cases import mediation, services
from webapp.cases.models import CaseEvent, DeadlineMiss
from webapp.cases.sweep import sweep_overdue
from webapp.extensions import db
from webapp.regions.queries import region_by_code
from webapp.service import ServiceError

from .conftest import T0, at


def kinds(case):
    return [e.kind for e in case.events]


def test_grid_worker_hands_to_village_team_which_resolves_and_the_reporter_is_satisfied(
        report, person, outbox):
    case = report()
    assert case.level == "grid" and case.due_at == at(hours=24)
    assert ("13800000004", "inapp", "case.new") in outbox(case)
    services.hand_to_village(person("13800000004"), case, "需要施工队", now=at(hours=3))
    assert case.level == "village" and case.due_at == at(hours=3, days=5)
    assert case.responded_at == at(hours=3)
    assert ("13800000003", "inapp", "case.to_village") in outbox(case)
    services.assign_case(person("13800000003"), case, person("13800000003").id, now=at(hours=4))
    assert case.status == "in_progress"
    services.resolve_case(person("13800000003"), case, "护栏已修好", now=at(days=2))
    assert case.status == "resolved" and case.resolved_level == "village" and case.due_at is None
    assert ("13800000005", "inapp", "case.resolved") in outbox(case)
    services.rate_case(person("13800000005"), case, "satisfied", now=at(days=3))
    assert case.status == "closed" and case.rating == "satisfied"
    assert kinds(case) == ["reported", "to_village", "assigned", "resolved", "rated"]


def test_a_simple_question_is_answered_and_closed_by_the_grid_worker(report, person):
    case = report(category="other", text="低保什么时候发？")
    with pytest.raises(ServiceError, match="请写明答复内容"):
        services.answer_case(person("13800000004"), case, "", now=at(hours=1))
    services.answer_case(person("13800000004"), case, "每月10日前发放", now=at(hours=1))
    assert case.status == "resolved" and case.resolved_level == "grid"


def test_the_24_hour_miss_escalates_once_counts_against_the_grid_and_tells_the_village(report, outbox):
    case = report()
    assert sweep_overdue(at(hours=23, minutes=59)).escalated == []
    done = sweep_overdue(at(hours=24, seconds=1))
    assert done.escalated == [(case.id, "grid", "village")]
    db.session.refresh(case)
    assert case.level == "village" and case.due_at == at(hours=24, seconds=1, days=5)
    miss = db.session.scalar(select(DeadlineMiss).where(DeadlineMiss.case_id == case.id))
    assert miss.level == "grid" and miss.team_region_id == region_by_code("QS-DX-DA-W1").id
    escalated = outbox(case, "case.escalated")
    assert ("13800000003", "sms", "case.escalated") in escalated
    assert ("13800000003", "inapp", "case.escalated") in escalated
    assert ("13800000005", "inapp", "case.progress") in outbox(case)
    assert sweep_overdue(at(hours=25)).escalated == []  # nothing more to do
    assert len(outbox(case, "case.escalated")) == len(escalated)


def test_the_5_day_miss_goes_to_the_township(report, person, outbox):
    case = report()
    services.hand_to_village(person("13800000004"), case, now=at(hours=1))
    assert sweep_overdue(at(days=5)).escalated == []
    assert sweep_overdue(at(days=5, hours=1, seconds=1)).escalated == [(case.id, "village", "township")]
    db.session.refresh(case)
    assert case.level == "township" and case.missed_count == 1
    assert ("13800000002", "sms", "case.escalated") in outbox(case)


def test_an_unanswered_case_climbs_the_whole_ladder_to_the_county(report, outbox):
    case = report()
    sweep_overdue(at(days=1, seconds=1))
    sweep_overdue(at(days=6, seconds=2))
    sweep_overdue(at(days=16, seconds=3))
    db.session.refresh(case)
    assert case.level == "county" and case.due_at is None and case.missed_count == 3
    assert ("13800000001", "sms", "case.escalated") in outbox(case)
    assert sweep_overdue(at(days=100)).escalated == []


def test_complex_problems_go_to_the_township_which_dispatches_and_resolves(report, person):
    case = report(category="dispute", text="两家为宅基地边界争执多年")
    with pytest.raises(ServiceError, match="请写明为什么"):
        services.escalate_to_township(person("13800000004"), case, "", now=at(hours=1))
    services.escalate_to_township(person("13800000004"), case, "涉及土地确权", now=at(hours=1))
    assert case.level == "township" and case.due_at == at(hours=1, days=10)
    staff = person("13800000002")
    with pytest.raises(ServiceError):
        services.dispatch_case(staff, case, "nowhere", now=at(hours=2))
    services.dispatch_case(staff, case, "zongzhi", now=at(hours=2))
    assert case.department == "zongzhi" and case.status == "in_progress"
    services.resolve_case(staff, case, "已调处", now=at(days=3))
    assert case.resolved_level == "township"


def test_each_level_can_send_a_case_back_down_with_a_reason(report, person):
    case = report()
    services.escalate_to_township(person("13800000004"), case, "复杂", now=at(hours=1))
    with pytest.raises(ServiceError, match="请写明退回的原因"):
        services.send_back(person("13800000002"), case, " ", now=at(hours=2))
    services.send_back(person("13800000002"), case, "村里能解决", now=at(hours=2))
    assert case.level == "village" and case.due_at == at(hours=2, days=5)
    services.send_back(person("13800000003"), case, "先核实情况", now=at(hours=3))
    assert case.level == "grid" and case.due_at == at(hours=27)
    assert [e.kind for e in case.events][-2:] == ["sent_back", "sent_back"]


def test_only_the_handler_of_the_current_level_may_act(report, person):
    case = report()
    for phone in ("13800000003", "13800000002", "13800000007", "13800000005"):
        with pytest.raises(ServiceError):
            services.hand_to_village(person(phone), case, now=at(hours=1))
    with pytest.raises(ServiceError):  # the village may not resolve what is still at the grid
        services.resolve_case(person("13800000003"), case, "修好了", now=at(hours=1))


def test_unsatisfied_reopens_once_then_escalates(report, person):
    case = report()
    grid_worker, villager = person("13800000004"), person("13800000005")
    services.answer_case(grid_worker, case, "已处理", now=at(hours=1))
    services.rate_case(villager, case, "unsatisfied", "根本没修", now=at(hours=2))
    assert case.status == "open" and case.level == "grid" and case.reopen_count == 1
    assert case.due_at == at(hours=26)
    services.answer_case(grid_worker, case, "这次真修了", now=at(hours=5))
    services.rate_case(villager, case, "unsatisfied", now=at(hours=6))
    assert case.status == "open" and case.level == "village"
    assert kinds(case)[-1] == "escalated_unsatisfied"


def test_only_the_reporter_rates_and_only_after_resolution(report, person):
    case = report()
    with pytest.raises(ServiceError, match="只有反映人可以评价"):
        services.rate_case(person("13800000005"), case, "satisfied", now=at(hours=1))
    services.answer_case(person("13800000004"), case, "已处理", now=at(hours=1))
    with pytest.raises(ServiceError):
        services.rate_case(person("13800000007"), case, "satisfied", now=at(hours=2))


def test_an_emergency_notifies_grid_worker_village_cadres_and_township_at_once(report, outbox):
    case = report(category="emergency", text="山体滑坡堵住了路")
    sent = outbox(case, "case.emergency")
    for phone in ("13800000004", "13800000003", "13800000002"):
        assert (phone, "inapp", "case.emergency") in sent
        assert (phone, "sms", "case.emergency") in sent
    assert case.level == "grid"


def test_a_report_sent_twice_with_one_client_ref_is_one_case(person):
    first, created = services.report_case(person("13800000005"), category="hazard", text="路面塌陷",
                                          client_ref="phone-made-0001", now=T0)
    again, created_again = services.report_case(person("13800000005"), category="hazard",
                                                text="路面塌陷", client_ref="phone-made-0001", now=T0)
    assert created and not created_again and again.id == first.id


def test_a_grid_worker_reports_on_behalf_of_an_elderly_villager(person):
    case, _ = services.report_case(person("13800000004"), reporter=person("13800000005"),
                                   category="hazard", text="王大山说屋后的墙裂了", now=T0)
    assert case.reporter_id == person("13800000005").id
    assert case.entered_by_id == person("13800000004").id
    with pytest.raises(ServiceError, match="只能为本村村民代为反映"):
        services.report_case(person("13800000004"), reporter=person("13800000006"),
                             category="hazard", text="西岭村的事", now=T0)


@pytest.fixture
def lawyer(app, person):
    from webapp.accounts.models import RoleMembership, User
    from webapp.accounts.services import hash_password

    user = User(phone="13800000012", name="何律师", password_hash=hash_password("demo1234"),
                village_id=region_by_code("QS-DX-DA").id, group_id=region_by_code("QS-DX-DA-G2").id)
    user.memberships.append(RoleMembership(role="lawyer", region=region_by_code("QS-DX")))
    db.session.add(user)
    db.session.commit()
    return user


def test_mediation_first_then_a_public_interest_lawyer(report, person, lawyer, outbox, login):
    case = report(phone="13800000011", category="dispute", text="邻居堆柴火堵了通道")
    mediator = person("13800000009")
    record = mediation.start_mediation(mediator, case, "13800000005", now=at(hours=2))
    assert case.level == "village" and case.status == "in_progress"
    assert ("13800000005", "inapp", "case.mediation") in outbox(case)
    mediation.add_session(mediator, case, record, "双方到村委会面谈一次", now=at(days=1))
    mediation.fail_mediation(mediator, case, record, "一方不同意搬走柴火", now=at(days=2))
    assert record.status == "failed" and case.level == "township"
    assert ("13800000012", "inapp", "case.lawyer") in outbox(case)
    with pytest.raises(ServiceError):
        mediation.take_over_as_lawyer(person("13800000005"), case, record, now=at(days=2))
    mediation.take_over_as_lawyer(lawyer, case, record, now=at(days=3))
    mediation.settle(lawyer, case, record, "柴火三日内移走，通道保持畅通", now=at(days=4))
    assert record.status == "settled" and case.status == "resolved"
    assert case.resolved_level == "township"
    # the record is private to the parties
    assert "柴火三日内移走" in login("13800000011").get(f"/cases/{case.id}").get_data(as_text=True)
    assert "柴火三日内移走" in login("13800000005").get(f"/cases/{case.id}").get_data(as_text=True)
    neighbour = login("13800000007").get(f"/cases/{case.id}")
    assert neighbour.status_code == 200 and "柴火三日内移走" not in neighbour.get_data(as_text=True)


def test_mediators_and_lawyers_see_the_disputes_that_reach_them_and_nothing_else(report, person, lawyer,
                                                                               login):
    from webapp.demo import demo_photo

    hazard = report(is_public=False, files=media.prepare_report_files([demo_photo("#336699")], None, None))
    dispute = report(phone="13800000011", category="dispute", text="邻居堆柴火堵了通道", is_public=False)
    mediator_phone, lawyer_phone = login("13800000009"), login("13800000012")
    photo = f"/cases/{hazard.id}/files/{hazard.attachments[0].id}"
    for who in (mediator_phone, lawyer_phone):
        assert who.get(f"/cases/{hazard.id}").status_code == 403
        assert who.get(photo).status_code == 403
    assert mediator_phone.get(f"/cases/{dispute.id}").status_code == 200
    assert lawyer_phone.get(f"/cases/{dispute.id}").status_code == 403  # still with the mediator
    record = mediation.start_mediation(person("13800000009"), dispute, now=at(hours=1))
    mediation.fail_mediation(person("13800000009"), dispute, record, "一方不同意", now=at(days=1))
    assert lawyer_phone.get(f"/cases/{dispute.id}").status_code == 200


def test_only_a_mediator_over_the_village_takes_a_dispute(report, person):
    case = report(phone="13800000011", category="dispute", text="邻里纠纷")
    with pytest.raises(ServiceError):
        mediation.start_mediation(person("13800000004"), case, now=at(hours=1))
    hazard = report()
    with pytest.raises(ServiceError):
        mediation.start_mediation(person("13800000009"), hazard, now=at(hours=1))


def test_every_step_is_on_the_timeline_and_in_the_audit_log(report, person):
    from webapp.audit.models import AuditEntry
    from webapp.audit.services import verify_chain

    case = report()
    services.hand_to_village(person("13800000004"), case, now=at(hours=1))
    sweep_overdue(at(days=7))
    actions = list(db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.object_type == "case", AuditEntry.object_id == case.id).order_by(AuditEntry.id)))
    assert actions == ["case.reported", "case.to_village", "case.escalated"]
    assert db.session.scalar(select(func.count()).select_from(CaseEvent).where(
        CaseEvent.case_id == case.id)) == 3
    assert verify_chain().ok


def test_the_sweep_command_prints_what_it_did(app, report):
    case = report()
    result = app.test_cli_runner().invoke(args=["cases", "sweep", "--now", "2025-03-04T09:00:01+08:00"])
    assert result.exit_code == 0, result.output
    assert "escalated 1 case(s) (grid→village: 1)" in result.output
    assert f"case #{case.id}: grid → village" in result.output
    again = app.test_cli_runner().invoke(args=["cases", "sweep", "--now", "2025-03-04T09:00:01+08:00"])
    assert "escalated 0 case(s)" in again.output


def test_a_click_that_races_the_sweep_is_refused_not_lost(app, report, person):
    """The grid worker's page was loaded before the deadline; the sweep escalates; the click
    arrives after. The escalation stands and the grid worker is told why."""
    from sqlalchemy import update

    from webapp.cases.models import Case

    case_id = report().id
    grid_worker = person("13800000004")
    stale = db.session.get(Case, case_id)
    _ = (stale.level, stale.version, stale.village, stale.events)  # what the page saw
    db.session.expunge(stale)
    db.session.commit()
    table = Case.__table__
    with db.engine.begin() as sweep:  # another process escalates it meanwhile
        sweep.execute(update(table).where(table.c.id == case_id)
                      .values(version=table.c.version + 1, level="village"))
    db.session.add(stale)
    with pytest.raises(ServiceError, match="刚刚有了变化"):
        services.hand_to_village(grid_worker, stale, now=at(hours=25))
    db.session.expire_all()
    assert db.session.get(Case, case_id).level == "village"


def test_the_sweep_command_reads_a_time_without_a_zone_as_beijing_time(app, report):
    case = report()  # due 24 h after 09:00 on 3 March 2025, Beijing time
    early = app.test_cli_runner().invoke(args=["cases", "sweep", "--now", "2025-03-04T08:59:59"])
    assert early.exit_code == 0 and "escalated 0 case(s)" in early.output
    due = app.test_cli_runner().invoke(args=["cases", "sweep", "--now", "2025-03-04T09:00:01"])
    assert due.exit_code == 0 and f"case #{case.id}: grid → village" in due.output
    wrong = app.test_cli_runner().invoke(args=["cases", "sweep", "--now", "yesterday"])
    assert wrong.exit_code != 0 and "ISO 8601" in wrong.output
