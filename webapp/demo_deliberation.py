"""The demo county's deliberation (数字协商), through the same services villagers and cadres
use: in 东岙村 one loop finished end to end (a topic, its screening vote, a draw with three
witnesses, the meeting with its minutes, the closed decision vote, the resolution and its tasks
in progress), a screening vote open now, and topics still collecting support."""
from datetime import timedelta

from flask import current_app

from .accounts.queries import user_by_phone
from .database import utcnow
from .deliberation import sortition
from .deliberation.blind_client import BallotPaper
from .deliberation.models import Meeting, MinuteLine, Opinion, Topic, Vote
from .deliberation.services import draws, meetings, screening, tasks, topics, votes
from .extensions import db
from .i18n import BEIJING
from .regions.queries import region_by_code
from .transaction import commit

SECRETARY, DIRECTOR, GRIDDER, VILLAGER, LEADER, MEDIATOR, SHOPKEEPER, DOCTOR, POLICE = (
    "13800000003", "13800000023", "13800000004", "13800000005", "13800000007", "13800000009", "13800000008",
    "13800000021", "13800000022")


def _people(*phones):
    return [user_by_phone(p) for p in phones]


def _propose(author, title, body, supporters, days_ago):
    topic = topics.propose_topic(user_by_phone(author), title, body)
    for phone in supporters:
        topics.support_topic(user_by_phone(phone), topic)
    topic.created_at = utcnow() - timedelta(days=days_ago)
    return topic


def _vote(vote: Vote, choices: dict[str, str]) -> None:
    """Each villager takes a paper and casts it, as their phone would (blind_client)."""
    for phone, choice in choices.items():
        paper = BallotPaper(vote.public_key)
        signature = paper.finalize(votes.issue_paper(user_by_phone(phone), vote, paper.blinded))
        votes.cast(vote, paper.prepared, signature, [choice])


def _close(vote: Vote, days_ago: int) -> None:
    """Closed in the past, as the finished loop was: the page says when, not "a minute ago"."""
    vote.opens_at = utcnow() - timedelta(days=days_ago + 5)
    vote.closes_at = utcnow() - timedelta(days=days_ago)
    votes.close_vote(vote)


def _draw(secretary, village, title):
    witnesses = [(user_by_phone(SECRETARY), "村党组织书记"), (user_by_phone(MEDIATOR), "村务监督委员会委员"),
                 (user_by_phone(LEADER), "村民代表")]
    draw = draws.start_draw(secretary, village, title, 3, witnesses)
    db.session.flush()
    said = {w.user_id: f"{w.user.name}在东岙村见证抽签，这是我自己记住的一句话" for w in draw.witnesses}
    for w in draw.witnesses:
        draws.commit(w.user, w, sortition.commitment(said[w.user_id]))
    draws.freeze(secretary, draw)
    for w in draw.witnesses:
        draws.reveal(w.user, w, said[w.user_id])
    draws.set_public_number(secretary, draw, "2026135 福彩3D 开奖号码 472")
    draws.make_draw(secretary, draw)
    return draw


def _finished_loop(secretary, village) -> None:
    lights = _propose(VILLAGER, "村口到小学的路装路灯", "村口到东岙小学这段路晚上一片黑，孩子放学、老人散步都不安全。",
                      [LEADER, GRIDDER, SHOPKEEPER, DOCTOR], 40)
    pond = _propose(LEADER, "村西池塘清淤", "池塘多年没清，夏天有臭味，蚊子多。", [VILLAGER, MEDIATOR, POLICE], 38)
    vote = screening.open_screening(secretary, village, [lights.id, pond.id], 7, 1)
    opened = (utcnow() - timedelta(days=35)).astimezone(BEIJING)
    vote.title = f"{opened.month}月{opened.day}日议题筛选：选出 1 个议题上议事会"
    _vote(vote, {VILLAGER: str(lights.id), LEADER: str(lights.id), GRIDDER: str(lights.id),
                 SHOPKEEPER: str(pond.id), DOCTOR: str(lights.id)})
    _close(vote, 30)
    draw = _draw(secretary, village, "路灯议事会村民代表")
    starts = (utcnow() - timedelta(days=20)).astimezone(BEIJING).replace(hour=19, minute=0, second=0, microsecond=0)
    meeting = meetings.plan_meeting(secretary, lights, "村口到小学的路装路灯议事会", starts, "村委会二楼会议室",
                                    ["书记介绍路灯方案和预算", "村民代表和村民发言", "讨论修改，形成表决事项"], draw)
    meetings.invite(secretary, meeting, "县供电公司 李工", "expert", "讲太阳能路灯和市电路灯的区别")
    meetings.invite(secretary, meeting, "", "township", "东溪镇联络员", person=user_by_phone("13800000002"))
    meetings.post_opinion(user_by_phone(DOCTOR), meeting, "我在外地进修，看不了现场。建议先装学校门口那一段。",
                          agenda_item_id=meeting.agenda[1].id)
    meetings.post_opinion(user_by_phone(VILLAGER), meeting, "用太阳能的话，阴雨天够亮吗？", "question",
                          meeting.agenda[0].id)
    meetings.start_meeting(secretary, meeting)
    lines = [(0, "书记介绍：全长约1.2公里，拟装太阳能路灯20盏，预算约6万元，村集体出4万，申请镇里补助2万。"),
             (1, "县供电公司李工：太阳能路灯连续阴雨3天内亮度够用，不用拉电线，电费为零。"),
             (1, "村民代表周明：同意，建议先装学校门口和石桥两段，那里最黑。"),
             (2, "讨论后形成表决事项：安装太阳能路灯20盏，学校门口和石桥段先装。")]
    for item, text in lines:
        meetings.write_minutes(secretary, meeting, text, meeting.agenda[item].id)
    meetings.record_speech(secretary, meeting, "王大山", "阴雨天的问题李工已经说清楚了，我同意。", meeting.agenda[1].id)
    meetings.check_in(user_by_phone(VILLAGER), meeting, meeting.checkin_code)
    for phone in (LEADER, MEDIATOR, GRIDDER):
        meetings.mark_attended(secretary, meeting, user_by_phone(phone))
    meetings.finish_meeting(secretary, meeting)
    decision = meetings.open_decision(secretary, meeting, "是否安装太阳能路灯20盏（学校门口和石桥段先装）",
                                      ["同意", "不同意"], 3)
    _vote(decision, {VILLAGER: "1", LEADER: "1", GRIDDER: "1", SHOPKEEPER: "1", MEDIATOR: "2", DOCTOR: "1"})
    _close(decision, 15)
    meetings.publish_resolution(secretary, meeting, "安装太阳能路灯20盏，学校门口和石桥段先装，年底前全部完工；"
                                                    "村集体出资4万元，申请镇补助2万元。")
    today = tasks.today()
    buy = tasks.add_task(secretary, meeting, "采购太阳能路灯20盏", user_by_phone(DIRECTOR), today + timedelta(days=10))
    tasks.add_task(secretary, meeting, "安装并验收", user_by_phone(GRIDDER), today + timedelta(days=35))
    tasks.report_progress(user_by_phone(DIRECTOR), buy, "已比较三家厂家报价，选定县供电公司推荐的型号，合同下周签。", 40)
    tasks.give_feedback(user_by_phone(VILLAGER), buy, "希望灯杆装在路的内侧，别挡拖拉机。")
    _spread_in_time(meeting, starts)


def _spread_in_time(meeting: Meeting, starts) -> None:
    """The loop happened over weeks: the meeting's lines at its evening, not all at this moment."""
    for n, line in enumerate(db.session.scalars(db.select(MinuteLine).where(MinuteLine.meeting_id == meeting.id))):
        line.created_at = starts + timedelta(minutes=5 + 12 * n)
    for opinion in db.session.scalars(db.select(Opinion).where(Opinion.meeting_id == meeting.id)):
        opinion.created_at = starts - timedelta(days=2) if opinion.kind != "speech" else starts + timedelta(minutes=30)
    meeting.finished_at = starts + timedelta(hours=1, minutes=40)


def load_demo_deliberation() -> None:
    village = region_by_code("QS-DX-DA")
    secretary = user_by_phone(SECRETARY)
    topics.set_support_threshold(secretary, village, 3)
    _finished_loop(secretary, village)
    commit()
    # Now: a screening vote open over three topics, two topics still collecting support.
    hall = _propose(SHOPKEEPER, "祠堂前空地改成停车场", "过年过节车停满路边，救护车都进不来。", [SECRETARY, VILLAGER, MEDIATOR], 12)
    bins = _propose(DOCTOR, "垃圾分类点加盖子", "夏天苍蝇多、味道大，狗会扒垃圾。", [GRIDDER, POLICE, LEADER], 9)
    pond = db.session.scalar(db.select(Topic).where(Topic.title == "村西池塘清淤"))
    screening.open_screening(secretary, village, [hall.id, bins.id, pond.id], 5, 1)
    _propose(POLICE, "村卫生室周末也开门", "周末看病要跑到镇上。", [], 3)
    _propose(MEDIATOR, "办一个老年食堂", "村里独居老人多，中午有口热饭就好。", [VILLAGER], 1)
    _propose("13800000006", "上坪到下坪的路装路灯", "晚上路黑，去年有人摔伤。", [], 6)  # 西岭村, for the hot topics
    commit()
    current_app.logger.info("demo deliberation loaded")
