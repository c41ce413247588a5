"""A deliberation meeting (议事会), from planning to its resolution: the cadre plans it on a
chosen topic with its agenda and the representatives of a finished draw, invites stakeholders
and adds documents; villagers at home or far away post opinions and questions (text or voice)
before and during it; at the meeting the cadre types the live minutes and records speeches per
agenda item and checks people in (their QR scan or the cadre's mark, which earns the points
rule "a meeting attended"); then the decision vote, and the resolution published as a notice."""
import json
import secrets
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from ... import media, signals
from ...accounts.models import User
from ...audit.services import record
from ...auth import may_check_in, may_decline, may_run_deliberation, may_run_meeting, may_speak_at
from ...database import insert_if_new, utcnow
from ...disclosures.services import publish_disclosure
from ...extensions import db
from ...jobs import deliver_after_commit
from ...notifications.services import notify
from ...service import ServiceError
from .. import sortition
from ..models.draws import DRAWN, Draw
from ..models.meetings import (
    FINISHED,
    INVITEE_KINDS,
    LIVE,
    OPINION,
    PLANNED,
    QUESTION,
    SPEECH,
    AgendaItem,
    Attendance,
    Invitee,
    Meeting,
    MeetingDocument,
    MinuteLine,
    Opinion,
)
from ..models.topics import CHOSEN, Topic
from ..models.votes import CLOSED, DECISION
from . import search, votes

TEXT_MAX = 2000


def _refuse_unless(allowed: bool, message=None) -> None:
    if not allowed:
        raise ServiceError(message or _l("你不能做这一步。"))


def _touch(meeting: Meeting) -> None:
    """The meeting's row changes with every line below it, so pages showing it are made again
    (the rows below carry no region: page_scope "covered")."""
    flag_modified(meeting, "status")


def _text(value: str, field: str, least: int = 1, most: int = TEXT_MAX) -> str:
    value = (value or "").strip()
    if not least <= len(value) <= most:
        raise ServiceError(_l("请写 %(a)s 到 %(b)s 个字。", a=least, b=most), field)
    return value


def plan_meeting(cadre, topic: Topic, title: str, starts_at, place: str, agenda: list[str],
                 draw: Draw | None = None) -> Meeting:
    _refuse_unless(may_run_deliberation(cadre, topic.village))
    if topic.status != CHOSEN:
        raise ServiceError(_l("只有筛选选中的议题才能安排议事会。"))
    items = [a.strip() for a in agenda if a.strip()]
    if not items:
        raise ServiceError(_l("至少写一项议程。"), "agenda")
    if any(len(a) > 80 for a in items):
        raise ServiceError(_l("每项议程最多 80 字。"), "agenda")
    if draw is not None and (draw.village_id != topic.village_id or draw.status != DRAWN):
        raise ServiceError(_l("请选本村已经完成的抽签。"), "draw")
    meeting = Meeting(village_id=topic.village_id, topic_id=topic.id, title=_text(title, "title", 2, 80),
                      starts_at=starts_at, place=_text(place, "place", 2, 80), created_by_id=cadre.id,
                      draw_id=draw.id if draw else None, checkin_code=secrets.token_urlsafe(12))
    db.session.add(meeting)
    db.session.flush()
    db.session.add_all(AgendaItem(meeting_id=meeting.id, position=n, title=a) for n, a in enumerate(items, 1))
    representatives = _representatives(draw) if draw else []
    db.session.add_all(Invitee(meeting_id=meeting.id, user_id=u.id, name=u.name, kind="representative",
                               note=_("抽签产生")) for u in representatives)
    with force_locale("zh_Hans_CN"):
        notify([u.id for u in representatives], "meeting.representative",
               _("你被抽为议事会村民代表：%(t)s", t=meeting.title), url=f"/meetings/{meeting.id}", sms=True)
    search.index_topic(topic)
    record(cadre, "meeting.planned", meeting, region=topic.village_id, topic=topic.id, draw=meeting.draw_id,
           starts_at=starts_at.isoformat())
    deliver_after_commit()
    return meeting


def _representatives(draw: Draw) -> list[User]:
    refs = [int(r) for r in sortition.panel(json.loads(draw.result_json))]
    return list(db.session.scalars(select(User).where(User.id.in_(refs)).order_by(User.id))) if refs else []


def invite(cadre, meeting: Meeting, name: str, kind: str, note: str = "", person: User | None = None) -> Invitee:
    _refuse_unless(may_run_meeting(cadre, meeting))
    if meeting.status == FINISHED:
        raise ServiceError(_l("议事会已经结束。"))
    if kind not in INVITEE_KINDS:
        raise ServiceError(_l("请选择受邀的身份。"), "kind")
    name = person.name if person else _text(name, "name", 1, 40)
    invitee = Invitee(meeting_id=meeting.id, user_id=person.id if person else None, name=name, kind=kind,
                      note=(note or "").strip()[:80])
    db.session.add(invitee)
    _touch(meeting)
    if person:
        with force_locale("zh_Hans_CN"):
            notify([person.id], "meeting.invited", _("邀请你参加议事会：%(t)s", t=meeting.title),
                   url=f"/meetings/{meeting.id}")
        deliver_after_commit()
    record(cadre, "meeting.invited", meeting, region=meeting.village_id, name=name, kind=kind)
    return invitee


def decline(actor, invitee: Invitee) -> Invitee | None:
    """A drawn representative cannot come: the next villager of the same stratum's reserve, in
    the draw's published order, not yet invited, takes the seat (docs/sortition.md). Returns the
    replacement, or None when that stratum's reserve is used up."""
    meeting = invitee.meeting
    _refuse_unless(may_decline(actor, invitee))
    if invitee.kind != "representative" or meeting.draw is None or invitee.declined_at is not None:
        raise ServiceError(_l("只有抽签产生、还没有请辞的代表可以请辞。"))
    if meeting.status == FINISHED:
        raise ServiceError(_l("议事会已经结束。"))
    invitee.declined_at = utcnow()
    result = json.loads(meeting.draw.result_json)
    invited = {str(i.user_id) for i in meeting.invitees if i.user_id}
    stratum = next((s for s, drawn in result.items() if str(invitee.user_id) in drawn["selected"] + drawn["reserve"]),
                   None)
    following = next((ref for ref in result[stratum]["reserve"] if ref not in invited), None) if stratum else None
    replacement = None
    if following is not None:
        person = db.session.get(User, int(following))
        replacement = Invitee(meeting_id=meeting.id, user_id=person.id, name=person.name, kind="representative",
                              note=_("候补，接替%(name)s", name=invitee.name))
        db.session.add(replacement)
        with force_locale("zh_Hans_CN"):
            notify([person.id], "meeting.representative", _("你作为候补，被抽为议事会村民代表：%(t)s", t=meeting.title),
                   url=f"/meetings/{meeting.id}", sms=True)
        deliver_after_commit()
    _touch(meeting)
    record(actor, "meeting.declined", meeting, region=meeting.village_id, declined=invitee.user_id,
           replacement=replacement.user_id if replacement else None)
    return replacement


def add_document(cadre, meeting: Meeting, name: str, prepared: media.Prepared | None) -> MeetingDocument:
    """`prepared` is a checked photo or PDF (media.prepare_photo_or_pdf, before the write)."""
    _refuse_unless(may_run_meeting(cadre, meeting))
    if prepared is None:
        raise ServiceError(_l("请选一个文件（照片或PDF）。"), "file")
    kept = media.keep(prepared)
    document = MeetingDocument(meeting_id=meeting.id, name=_text(name, "name", 1, 80), path=kept.path,
                               mime=kept.mime)
    db.session.add(document)
    _touch(meeting)
    record(cadre, "meeting.document", meeting, region=meeting.village_id, name=document.name)
    return document


def _agenda_item(meeting: Meeting, item_id: int | None) -> int | None:
    if not item_id:
        return None
    if item_id not in {a.id for a in meeting.agenda}:
        raise ServiceError(_l("请选本次议事会的议程。"), "agenda_item")
    return item_id


def post_opinion(person, meeting: Meeting, text: str, kind: str = OPINION, agenda_item_id: int | None = None,
                 voice: media.Prepared | None = None) -> Opinion:
    """From the village or far away, before and during the meeting: text, a voice note, or both."""
    _refuse_unless(may_speak_at(person, meeting), _l("本村认证村民才能发表意见。"))
    if meeting.status == FINISHED:
        raise ServiceError(_l("议事会已经结束。"))
    if kind not in (OPINION, QUESTION):
        raise ServiceError(_l("请选意见还是提问。"), "kind")
    text = (text or "").strip()
    if not voice and not text:
        raise ServiceError(_l("请写下意见，或者录一段语音。"), "text")
    if len(text) > TEXT_MAX:
        raise ServiceError(_l("最多 2000 字。"), "text")
    opinion = Opinion(meeting_id=meeting.id, agenda_item_id=_agenda_item(meeting, agenda_item_id),
                      author_id=person.id, kind=kind, text=text)
    if voice:
        opinion.voice_path, opinion.voice_mime = media.keep(voice).path, voice.mime
    db.session.add(opinion)
    _touch(meeting)
    record(person, "meeting.opinion", meeting, region=meeting.village_id, kind=kind)
    return opinion


def record_speech(cadre, meeting: Meeting, speaker: str, text: str, agenda_item_id: int | None = None) -> Opinion:
    """Who spoke on which agenda item and what they said, as the meeting goes."""
    _refuse_unless(may_run_meeting(cadre, meeting))
    if meeting.status != LIVE:
        raise ServiceError(_l("议事会开始以后才能记录发言。"))
    speech = Opinion(meeting_id=meeting.id, agenda_item_id=_agenda_item(meeting, agenda_item_id),
                     author_id=cadre.id, speaker=_text(speaker, "speaker", 1, 40), kind=SPEECH,
                     text=_text(text, "text"))
    db.session.add(speech)
    _touch(meeting)
    search.index_topic(meeting.topic)
    record(cadre, "meeting.speech", meeting, region=meeting.village_id, speaker=speech.speaker)
    return speech


def start_meeting(cadre, meeting: Meeting) -> None:
    _refuse_unless(may_run_meeting(cadre, meeting))
    if meeting.status != PLANNED:
        raise ServiceError(_l("议事会已经开始过了。"))
    meeting.status = LIVE
    record(cadre, "meeting.started", meeting, region=meeting.village_id)


def write_minutes(cadre, meeting: Meeting, text: str, agenda_item_id: int | None = None) -> MinuteLine:
    """A line of the live minutes; the pages following the meeting fetch it within seconds."""
    _refuse_unless(may_run_meeting(cadre, meeting))
    if meeting.status != LIVE:
        raise ServiceError(_l("议事会开始以后才能记录。"))
    line = MinuteLine(meeting_id=meeting.id, agenda_item_id=_agenda_item(meeting, agenda_item_id),
                      text=_text(text, "text"), written_by_id=cadre.id)
    db.session.add(line)
    _touch(meeting)
    search.index_topic(meeting.topic)
    record(cadre, "meeting.minutes", meeting, region=meeting.village_id)
    return line


CHECK_IN_EARLY = timedelta(hours=1)


def _attend(meeting: Meeting, person: User, how: str) -> bool:
    added = db.session.execute(insert_if_new(Attendance, {"meeting_id": meeting.id, "user_id": person.id,
                                                          "how": how, "created_at": utcnow()})).first()
    if added:
        _touch(meeting)
        signals.send_after_commit(signals.meeting_attended, meeting, person_id=person.id)
    return added is not None


def check_in(person, meeting: Meeting, code: str) -> bool:
    """Scanning the QR on the cadre's screen: from an hour before the start until the end."""
    _refuse_unless(may_check_in(person, meeting), _l("本村认证村民才能签到。"))
    if not secrets.compare_digest((code or "").encode(), meeting.checkin_code.encode()):
        raise ServiceError(_l("签到码不对，请重新扫会场上的二维码。"))
    if meeting.status == FINISHED or (meeting.status == PLANNED and utcnow() < meeting.starts_at - CHECK_IN_EARLY):
        raise ServiceError(_l("现在不是签到的时间。"))
    added = _attend(meeting, person, "qr")
    if added:
        record(person, "meeting.checked_in", meeting, region=meeting.village_id, how="qr")
    return added


def mark_attended(cadre, meeting: Meeting, person: User | None) -> bool:
    """For those without a phone: the cadre marks them present."""
    _refuse_unless(may_run_meeting(cadre, meeting))
    if person is None or person.village_id != meeting.village_id:
        raise ServiceError(_l("请选本村的村民。"), "person")
    if meeting.status == PLANNED:
        raise ServiceError(_l("议事会开始以后才能签到。"))
    added = _attend(meeting, person, "cadre")
    if added:
        record(cadre, "meeting.checked_in", meeting, region=meeting.village_id, how="cadre", person=person.id)
    return added


def finish_meeting(cadre, meeting: Meeting) -> None:
    _refuse_unless(may_run_meeting(cadre, meeting))
    if meeting.status != LIVE:
        raise ServiceError(_l("议事会还没有开始。"))
    meeting.status, meeting.finished_at = FINISHED, utcnow()
    record(cadre, "meeting.finished", meeting, region=meeting.village_id)


def open_decision(cadre, meeting: Meeting, question: str, options: list[str], days: int):
    """The deliberation's decision, by the trace-free vote of the village's verified villagers."""
    _refuse_unless(may_run_meeting(cadre, meeting))
    if meeting.status == PLANNED:
        raise ServiceError(_l("议事会开过以后才能表决。"))
    if meeting.decision_vote_id:
        raise ServiceError(_l("这次议事会已经发起过表决。"))
    if not 1 <= days <= 30:
        raise ServiceError(_l("投票天数请填 1 到 30。"), "days")
    vote = votes.open_vote(cadre, meeting.village, DECISION, _text(question, "question", 2, 80), options,
                           utcnow() + timedelta(days=days))
    meeting.decision_vote_id = vote.id
    return vote


def publish_resolution(cadre, meeting: Meeting, text: str):
    """The resolution, after the decision vote has closed, published as a notice of the village
    (重大事项) with the vote's result; its tasks' progress is added to that notice."""
    _refuse_unless(may_run_meeting(cadre, meeting))
    vote = meeting.decision_vote
    if meeting.status != FINISHED or vote is None or vote.status != CLOSED:
        raise ServiceError(_l("议事会结束、表决截止以后才能公布决议。"))
    if meeting.resolution_notice_id:
        raise ServiceError(_l("决议已经公布了。"))
    text = _text(text, "text", 2)
    counts = json.loads(vote.result_json)
    with force_locale("zh_Hans_CN"):
        tally = "；".join(f"{o['label']} {counts.get(o['key'], 0)} 票" for o in json.loads(vote.options_json))
        body = "\n\n".join([text, _("表决：%(q)s（%(t)s；领票 %(p)s 人）", q=vote.title, t=tally, p=vote.papers_issued),
                            _("议事全程记录：/topics/%(id)s", id=meeting.topic_id)])
        notice = publish_disclosure(cadre, meeting.village, section="major", title=_("议事决议：%(t)s", t=meeting.title),
                                    body=body)
    meeting.resolution, meeting.resolution_notice_id = text, notice.id
    search.index_topic(meeting.topic)
    record(cadre, "meeting.resolved", meeting, region=meeting.village_id, notice=notice.id)
    return notice
