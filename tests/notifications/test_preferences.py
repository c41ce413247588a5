"""What reaches a person by which channel and when: SMS as the event proposes unless the person
turned it on or off for the group; held through quiet hours unless urgent; gathered into one SMS
a day when they chose the digest; exactly one row per recipient per channel chosen."""
import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from webapp.extensions import db
from webapp.notifications.digest import send_digests
from webapp.notifications.models import OutboxMessage, SmsMessage
from webapp.notifications.preferences import Choice, end_of_quiet, set_preferences
from webapp.notifications.services import deliver_pending, notify
from webapp.transaction import commit

VILLAGER, LEADER = "13800000005", "13800000007"
DAY = datetime(2026, 11, 24, 4, 0, tzinfo=UTC)  # 12:00 in Beijing


def tonight() -> datetime:
    """23:30 in Beijing, later today or tomorrow: its quiet hours end in the future."""
    now = datetime.now(UTC)
    night = now.replace(hour=15, minute=30, second=0, microsecond=0)
    return night if night > now else night + timedelta(days=1)


def _rows(kind):
    return sorted(db.session.execute(select(OutboxMessage.user_id, OutboxMessage.channel, OutboxMessage.digest)
                                     .where(OutboxMessage.kind == kind)).all())


def test_each_person_gets_the_channels_they_chose_once_each(app, person):
    villager, leader = person(VILLAGER), person(LEADER)
    set_preferences(villager, {"notices": Choice(sms="on")}, 0, 0)
    set_preferences(leader, {"cases": Choice(sms="off")}, 0, 0)
    notify([villager.id, leader.id, villager.id], "notice.test", "新通知")  # the event proposes no SMS
    notify([villager.id, leader.id], "case.test", "案件升级", sms=True)
    assert _rows("notice.test") == [(villager.id, "inapp", False), (villager.id, "sms", False),
                                         (leader.id, "inapp", False)]
    assert _rows("case.test") == [(villager.id, "inapp", False), (villager.id, "sms", False),
                                       (leader.id, "inapp", False)]


def test_quiet_hours_hold_sms_until_morning_but_not_an_urgent_one(app, person):
    villager = person(VILLAGER)
    set_preferences(villager, {}, 22 * 60, 7 * 60)
    night = tonight()
    notify([villager.id], "case.test", "夜里升级", sms=True, now=night)
    notify([villager.id], "case.emergency", "危急", sms=True, urgent=True, now=night)
    commit()
    held = db.session.scalar(select(OutboxMessage).where(OutboxMessage.title == "夜里升级",
                                                         OutboxMessage.channel == "sms"))
    assert held.not_before.astimezone(UTC) == night.replace(hour=23, minute=0)  # 07:00 Beijing
    deliver_pending()
    sent = db.session.scalars(select(SmsMessage.text)).all()
    assert any("危急" in t for t in sent) and not any("夜里升级" in t for t in sent)
    assert end_of_quiet(DAY, (22 * 60, 7 * 60)) is None


def test_the_digest_gathers_a_days_notices_into_one_sms_once(app, person):
    villager = person(VILLAGER)
    set_preferences(villager, {"notices": Choice(sms="on", digest=True)}, 0, 0)
    for n in range(3):
        notify([villager.id], "notice.test", f"第{n}条通知", now=DAY)
    commit()
    deliver_pending()
    assert not [t for t in db.session.scalars(select(SmsMessage.text)) if "通知" in t]  # nothing one by one
    evening = datetime(2026, 11, 24, 10, 5, tzinfo=UTC)  # 18:05 Beijing
    assert send_digests(evening) == 1 and send_digests(evening) == 0  # a rerun gathers nothing more
    commit()
    deliver_pending()
    texts = [t for t in db.session.scalars(select(SmsMessage.text)) if "条消息" in t]
    assert len(texts) == 1 and "3 条消息" in texts[0] and "第0条通知" in texts[0]


def test_the_settings_page_saves_a_persons_choices_and_refuses_nonsense_in_chinese(app, login, person):
    from webapp.notifications.preferences import preferences_of

    from ..client import page_text

    villager = login(VILLAGER)
    assert "消息提醒设置" in page_text(villager.get("/me/notifications"))
    form = {"quiet_from": "21:30", "quiet_to": "06:30", "sms_notices": "on", "digest_notices": "y",
            **{f"sms_{g}": "default" for g in ("cases", "replies", "deliberation", "points", "account")}}
    assert villager.post("/me/notifications", form).status_code == 303
    chosen, quiet = preferences_of(person(VILLAGER))
    assert chosen["notices"] == Choice(sms="on", digest=True) and quiet == (21 * 60 + 30, 6 * 60 + 30)
    refused = villager.post("/me/notifications", {**form, "sms_cases": "always", "quiet_from": "25:00"})
    shown = page_text(refused)
    assert refused.status_code == 422 and shown.count('class="error') >= 2, shown  # both fields say why
    assert re.findall(r'class="error"[^>]*>([^<]+)', shown) == ["不是有效的选择。", "不是有效的时间值。"]
    assert preferences_of(person(VILLAGER))[0]["cases"] == Choice()
