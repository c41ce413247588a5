"""An emergency broadcast reaches everyone living in the region by every channel at once, quiet
hours or not; its page counts who has it and who read it; after the set time the unread get the
SMS again, once."""
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

from webapp.accounts.queries import people_living_in
from webapp.database import utcnow
from webapp.extensions import db
from webapp.notifications.broadcasts import figures, resend_unread, send_broadcast
from webapp.notifications.models import Notification, OutboxMessage
from webapp.notifications.preferences import Choice, set_preferences
from webapp.notifications.services import deliver_pending, mark_read
from webapp.regions.queries import region_by_code
from webapp.service import ServiceError
from webapp.transaction import commit

from ..client import page_text

SECRETARY, VILLAGER, TOWNSHIP = "13800000003", "13800000005", "13800000002"


def test_everyone_in_the_township_gets_it_in_the_app_and_by_sms_whatever_they_chose(app, person):
    set_preferences(person(VILLAGER), {"cases": Choice(sms="off")}, 0, 23 * 60 + 59)  # quiet nearly all day
    township = region_by_code("QS-DX")
    sent = send_broadcast(person(TOWNSHIP), township, "typhoon", "今晚台风登陆", "请不要外出，远离河边。", 30)
    commit()
    rows = Counter(db.session.execute(select(OutboxMessage.user_id, OutboxMessage.channel, OutboxMessage.not_before)
                                      .where(OutboxMessage.broadcast_id == sent.id)).all())
    people = people_living_in(township)
    assert sent.recipients == len(people) and set(rows.values()) == {1}
    assert set(rows) == {(uid, channel, None) for uid in people for channel in ("inapp", "sms")}
    assert person("13800000010").id not in people  # 南山乡 is another township
    deliver_pending()
    shown = figures(sent)
    assert shown["delivered"] == shown["sms"] == len(people) and shown["read"] == 0


def test_only_the_villages_cadres_and_the_township_send_and_bad_input_is_refused(app, person):
    village = region_by_code("QS-DX-DA")
    with pytest.raises(ServiceError, match="只有本村干部"):
        send_broadcast(person(VILLAGER), village, "fire", "着火了", "后山着火", 30)
    with pytest.raises(ServiceError, match="紧急情况"):
        send_broadcast(person(SECRETARY), village, "party", "开会", "晚上开会", 30)
    db.session.rollback()
    assert db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.broadcast_id.is_not(None))) is None


def test_the_unread_get_the_sms_again_once_after_the_set_time(app, person, login):
    village = region_by_code("QS-DX-DA")
    sent = send_broadcast(person(SECRETARY), village, "missing", "寻找走失老人", "王阿婆早上出门未归，穿蓝色外套。", 15)
    commit()
    deliver_pending()
    mark_read(person(VILLAGER), db.session.scalar(select(Notification).where(
        Notification.broadcast_id == sent.id, Notification.user_id == person(VILLAGER).id)))
    commit()
    assert resend_unread(utcnow() + timedelta(minutes=10)) == 0  # not yet
    assert resend_unread(utcnow() + timedelta(minutes=16)) == 1
    assert resend_unread(utcnow() + timedelta(minutes=30)) == 0  # once
    again = db.session.scalars(select(OutboxMessage.user_id).where(OutboxMessage.broadcast_id == sent.id,
                                                                  OutboxMessage.channel == "sms")).all()
    counted = Counter(again)
    assert counted[person(VILLAGER).id] == 1 and counted[person(SECRETARY).id] == 2
    page = page_text(login(SECRETARY).get(f"/broadcasts/{sent.id}"))
    assert "送达情况" in page and "已读" in page
    assert "送达情况" not in page_text(login(VILLAGER).get(f"/broadcasts/{sent.id}"))  # the message, not the counts
    assert login("13800000006").get(f"/broadcasts/{sent.id}").status_code == 403  # 西岭村 is another village
