"""The whole deliberation loop through the pages, as the village meets it: a topic proposed and
supported, the screening vote, a draw of representatives, the meeting (an opinion from far away,
live minutes, a speech, check-in by QR and by the cadre), the decision vote, the resolution as a
notice, a task with progress and feedback, the overdue task at the township, and one public
timeline that a search finds."""
import base64
import json
import re
from datetime import timedelta

from sqlalchemy import select

from webapp.database import utcnow
from webapp.deliberation import sortition
from webapp.deliberation.blind_client import BallotPaper
from webapp.deliberation.models import Attendance, Invitee, Meeting, Task, Topic, Vote
from webapp.deliberation.services import draws, tasks, votes
from webapp.disclosures.models import Disclosure
from webapp.extensions import db
from webapp.notifications.models import OutboxMessage
from webapp.points.models import PointEntry

from ..client import Browserless, page_text

SECRETARY, VILLAGER, LEADER, GRIDDER, WEST_VILLAGER, TOWNSHIP = ("13800000003", "13800000005", "13800000007",
                                                                 "13800000004", "13800000006", "13800000002")


def _id(response, kind):
    assert response.status_code == 303, page_text(response)[:3000]
    return int(re.search(rf"/{kind}/(\d+)", response.headers["Location"]).group(1))


def vote_through_the_pages(app, browser, vote: Vote, choice: str) -> str:
    """Take a paper as the logged-in villager, cast it from a browser with no cookie at all."""
    paper = BallotPaper(vote.public_key)
    answer = browser.post(f"/votes/{vote.id}/paper", {"blinded": base64.b64encode(paper.blinded).decode()})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    signature = paper.finalize(base64.b64decode(answer.get_json()["signature"]))
    cast = Browserless(app).post(f"/votes/{vote.id}/cast", {"token": base64.b64encode(paper.prepared).decode(),
                                                            "signature": base64.b64encode(signature).decode(),
                                                            "choice": choice}, csrf=False)
    assert cast.status_code == 200, cast.get_data(as_text=True)
    return cast.get_json()["receipt"]


def _close(vote_id):
    vote = db.session.get(Vote, vote_id)
    vote.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    votes.close_due_votes()
    db.session.commit()


def _finished_draw(person, village):
    secretary = person(SECRETARY)
    witnesses = [(person(p), role) for p, role in ((SECRETARY, "书记"), (LEADER, "监委会委员"), (GRIDDER, "村民代表"))]
    draw = draws.start_draw(secretary, village, "路灯议事会村民代表", 2, witnesses)
    db.session.flush()
    secret = {w.user_id: f"见证人{w.position}的密语很长很长很长很长" for w in draw.witnesses}
    for w in draw.witnesses:
        draws.commit(w.user, w, sortition.commitment(secret[w.user_id]))
    draws.freeze(secretary, draw)
    for w in draw.witnesses:
        draws.reveal(w.user, w, secret[w.user_id])
    draws.make_draw(secretary, draw)
    db.session.commit()
    return draw


def test_the_loop_from_a_topic_to_its_tasks_through_the_pages(app, login, person):
    secretary, villager, leader = login(SECRETARY), login(VILLAGER), login(LEADER)
    village = person(SECRETARY).village
    assert secretary.post("/deliberation/threshold", {"threshold": "2"}).status_code == 303

    # Topics: proposed, supported once each.
    lights = _id(villager.post("/topics", {"title": "村口到学校的路要装路灯", "body": "晚上孩子放学太黑"}), "topics")
    pond = _id(leader.post("/topics", {"title": "村西池塘清淤", "body": ""}), "topics")
    assert leader.post(f"/topics/{lights}/support").status_code == 303
    assert villager.post(f"/topics/{pond}/support").status_code == 303
    again = leader.post(f"/topics/{lights}/support", follow_redirects=True)
    assert "已经支持过" in page_text(again)
    home = page_text(villager.get("/deliberation"))
    assert "村口到学校的路要装路灯" in home and "2 人支持" in home

    # Screening: the cadre sends both; the village votes; the close chooses the lights.
    response = secretary.post("/deliberation/screening", {"topics": [str(lights), str(pond)], "chosen": "1",
                                                          "days": "3"})
    screening_vote = _id(response, "votes")
    vote = db.session.get(Vote, screening_vote)
    for browser, choice in ((villager, lights), (leader, lights), (secretary, pond)):
        vote_through_the_pages(app, browser, vote, str(choice))
    assert "结果截止后公开" in page_text(villager.get(f"/topics/{lights}"))
    open_page = page_text(villager.get(f"/votes/{screening_vote}"))
    assert "票箱" not in open_page and "结果" not in open_page.split("<main", 1)[1].split("领取选票")[0]
    _close(screening_vote)
    assert db.session.get(Topic, lights).status == "chosen" and db.session.get(Topic, pond).status == "open"

    # The meeting, with the representatives of a finished draw.
    draw = _finished_draw(person, village)
    assert "安排议事会" in page_text(secretary.get(f"/meetings/new?topic={lights}"))
    starts = (utcnow() + timedelta(minutes=30)).astimezone(__import__("webapp.i18n").i18n.BEIJING)
    meeting_id = _id(secretary.post(f"/meetings?topic={lights}", {
        "title": "路灯议事会", "starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "place": "村委会二楼",
        "agenda": "介绍路灯方案和预算\n村民代表发言", "draw": str(draw.id)}), "meetings")
    meeting = db.session.get(Meeting, meeting_id)
    representatives = [i.user_id for i in meeting.invitees if i.kind == "representative"]
    assert len(representatives) == 2
    told = db.session.scalars(select(OutboxMessage.user_id).where(OutboxMessage.kind == "meeting.representative",
                                                                  OutboxMessage.channel == "inapp",
                                                                  OutboxMessage.url == f"/meetings/{meeting_id}")).all()
    assert sorted(told) == sorted(representatives)

    # An opinion from far away before the meeting; the stranger of another village is refused.
    item = meeting.agenda[0].id
    assert villager.post(f"/meetings/{meeting_id}/opinions", {"kind": "question", "agenda_item": str(item),
                                                             "text": "路灯用太阳能的吗？"}).status_code == 303
    assert login(WEST_VILLAGER).post(f"/meetings/{meeting_id}/opinions", {"kind": "opinion", "agenda_item": "0",
                                                                         "text": "我也说两句"}).status_code == 403
    assert villager.post(f"/meetings/{meeting_id}/minutes", {"agenda_item": "0", "text": "我来记"}).status_code == 403

    # The meeting: live minutes, a speech, check-in by QR and by the cadre (points for both).
    assert secretary.post(f"/meetings/{meeting_id}/start").status_code == 303
    assert secretary.post(f"/meetings/{meeting_id}/minutes", {"agenda_item": str(item),
                                                             "text": "书记介绍方案：安装太阳能路灯二十盏"}).status_code == 303
    assert secretary.post(f"/meetings/{meeting_id}/speeches", {"speaker": "周明", "agenda_item": "0",
                                                              "text": "同意，先装学校门口"}).status_code == 303
    live = page_text(villager.get(f"/meetings/{meeting_id}", headers={"HX-Request": "true"}))
    assert live.lstrip().startswith('<section class="card" id="live"') and "太阳能路灯二十盏" in live
    assert 'hx-trigger="every 10s"' in live and "<html" not in live
    qr = page_text(secretary.get(f"/meetings/{meeting_id}/qr"))
    code = re.search(r"code=([\w-]+)", qr).group(1)
    assert "我到会了" in page_text(villager.get(f"/meetings/{meeting_id}/checkin?code={code}"))
    assert villager.post(f"/meetings/{meeting_id}/checkin", {"code": "wrong"}).status_code == 303
    assert villager.post(f"/meetings/{meeting_id}/checkin", {"code": code}).status_code == 303
    assert secretary.post(f"/meetings/{meeting_id}/attendance", {"person": str(person(LEADER).id)}).status_code == 303
    came = db.session.scalars(select(Attendance.user_id).where(Attendance.meeting_id == meeting_id)).all()
    assert sorted(came) == sorted([person(VILLAGER).id, person(LEADER).id])
    earned = db.session.scalars(select(PointEntry.user_id).where(PointEntry.source_ref.like(f"meeting:{meeting_id}:%")))
    assert sorted(earned) == sorted(came)
    assert secretary.post(f"/meetings/{meeting_id}/finish").status_code == 303
    done = page_text(villager.get(f"/meetings/{meeting_id}", headers={"HX-Request": "true"}))
    assert "every 10s" not in done  # the minutes stop refreshing once the meeting is over

    # The decision, the resolution as a notice, a task.
    assert secretary.post(f"/meetings/{meeting_id}/decision", {"question": "是否安装太阳能路灯二十盏",
                                                              "options": "同意\n不同意", "days": "3"}).status_code == 303
    decision = db.session.get(Meeting, meeting_id).decision_vote_id
    for browser in (villager, leader):
        vote_through_the_pages(app, browser, db.session.get(Vote, decision), "1")
    refused = secretary.post(f"/meetings/{meeting_id}/resolution", {"text": "安装太阳能路灯二十盏"})
    assert refused.status_code == 422 and "表决截止以后" in page_text(refused)
    _close(decision)
    assert secretary.post(f"/meetings/{meeting_id}/resolution",
                          {"text": "安装太阳能路灯二十盏，年底前完成。"}).status_code == 303
    notice = db.session.scalar(select(Disclosure).where(Disclosure.title == "议事决议：路灯议事会"))
    assert "同意 2 票" in notice.body and notice.section == "major"
    due = (utcnow() + timedelta(days=10)).date()
    assert secretary.post(f"/meetings/{meeting_id}/tasks", {"title": "采购路灯", "owner": str(person(LEADER).id),
                                                            "due_on": due.isoformat()}).status_code == 303
    task_id = db.session.scalar(select(Task.id).where(Task.meeting_id == meeting_id))
    assert leader.post(f"/tasks/{task_id}/progress", {"text": "已经问了三家厂", "progress": "30"}).status_code == 303
    assert villager.post(f"/tasks/{task_id}/progress", {"text": "我来报", "progress": "90"}).status_code == 403
    assert villager.post(f"/tasks/{task_id}/feedback", {"text": "希望选亮一点的"}).status_code == 303
    task_page = page_text(villager.get(f"/tasks/{task_id}"))
    assert "已经问了三家厂" in task_page and "希望选亮一点的" in task_page and "30%" in task_page

    # Overdue: the township is told once, and sees it on its overview with the hot topics.
    db.session.get(Task, task_id).due_on = (utcnow() - timedelta(days=2)).date()
    db.session.commit()
    assert tasks.report_overdue_tasks() == 1 and tasks.report_overdue_tasks() == 0
    db.session.commit()
    township = login(TOWNSHIP)
    overview = page_text(township.get("/deliberation/overview"))
    assert "采购路灯" in overview and "超期 2 天" in overview and "路灯" in overview
    assert login(VILLAGER).get("/deliberation/overview").status_code in (403, 404)

    # One public timeline, found by a word said at the meeting.
    timeline = page_text(villager.get(f"/topics/{lights}"))
    for step in ("提出议题", "筛选投票", "路灯议事会", "表决", "公布决议"):
        assert step in timeline
    found = page_text(villager.get("/deliberation?q=太阳能"))
    assert "村口到学校的路要装路灯" in found and "村西池塘清淤" not in found


def test_a_representative_who_cannot_come_is_replaced_by_the_next_of_the_same_stratum(app, login, person):
    village = person(SECRETARY).village
    draw = _finished_draw(person, village)
    topic = db.session.scalar(select(Topic).where(Topic.status == "chosen"))
    secretary = login(SECRETARY)
    starts = utcnow() + timedelta(days=2)
    meeting_id = _id(secretary.post(f"/meetings?topic={topic.id}", {
        "title": "代表请辞的议事会", "starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "place": "村委会",
        "agenda": "方案", "draw": str(draw.id)}), "meetings")
    result = json.loads(draw.result_json)
    stratum, drawn = next((s, d) for s, d in result.items() if d["selected"] and d["reserve"])
    leaving = db.session.scalar(select(Invitee).where(Invitee.meeting_id == meeting_id,
                                                      Invitee.user_id == int(drawn["selected"][0])))
    bystander = next(p for p in (VILLAGER, LEADER, GRIDDER) if str(person(p).id) != drawn["selected"][0])
    url = f"/meetings/{meeting_id}/invitees/{leaving.id}/decline"
    assert login(bystander).post(url).status_code == 403 or person(bystander).id == leaving.user_id
    assert secretary.post(url).status_code == 303
    came_in = db.session.scalars(select(Invitee.user_id).where(Invitee.meeting_id == meeting_id,
                                                               Invitee.declined_at.is_(None))).all()
    assert int(drawn["reserve"][0]) in came_in and leaving.user_id not in came_in
    again = secretary.post(url, follow_redirects=True)
    assert "还没有请辞" in page_text(again)  # once only
