"""The outbox is delivered exactly once: in-app to the inbox, SMS through the sender."""
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.notifications.models import Notification, OutboxMessage, SmsMessage
from webapp.notifications.services import deliver_pending, notify

from ..client import page_text


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_pending_rows_are_delivered_once_however_often_delivery_runs(app, person):
    db.session.execute(OutboxMessage.__table__.delete().where(OutboxMessage.status == "pending"))
    me = person("13800000005")
    notify([me.id], "test.hello", "你好", body="测试", url="/me", sms=True)
    db.session.commit()
    assert deliver_pending() == 2
    assert deliver_pending() == 0
    assert count(Notification, Notification.kind == "test.hello") == 1
    sms = db.session.scalar(select(SmsMessage).order_by(SmsMessage.id.desc()))
    assert sms.phone == "13800000005" and sms.text == "【村里】你好：测试"


def test_a_sender_that_fails_leaves_the_row_for_next_time_and_others_go_through(app, person, monkeypatch):
    from webapp.notifications import senders

    calls = {"n": 0}

    class Flaky(senders.SmsSender):
        def send(self, message, user):
            calls["n"] += 1
            raise ConnectionError("gateway down")

    deliver_pending()  # what the demo left in the outbox, by the working senders
    monkeypatch.setitem(app.extensions, "cunli.senders",
                        {"inapp": senders.InAppSender(), "sms": Flaky()})
    notify([person("13800000005").id], "test.flaky", "你好", sms=True)
    db.session.commit()
    deliver_pending(max_batches=2)  # the in-app row's batch first, then the SMS's
    rows = {m.channel: m for m in db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "test.flaky"))}
    assert rows["inapp"].status == "sent"
    assert rows["sms"].status == "pending" and rows["sms"].attempts == 1 and "gateway down" in rows["sms"].error


def test_the_inbox_shows_unread_first_with_a_badge_and_opening_marks_read(app, login, person):
    notify([person("13800000005").id], "test.inbox", "新的消息来了", url="/cases")
    db.session.commit()
    deliver_pending()
    villager = login("13800000005")
    home = page_text(villager.get("/"))
    assert 'class="tab-badge"' in home
    inbox = page_text(villager.get("/inbox"))
    assert "新的消息来了" in inbox
    item = db.session.scalar(select(Notification).where(Notification.kind == "test.inbox"))
    opened = villager.post(f"/inbox/{item.id}", {})
    assert opened.headers["Location"] == "/cases"
    db.session.refresh(item)
    assert item.read_at is not None
    villager.post("/inbox/read-all", {})
    assert 'class="tab-badge"' not in page_text(villager.get("/"))


def test_nobody_opens_someone_elses_notification(login, person):
    notify([person("13800000005").id], "test.private", "私人消息")
    db.session.commit()
    deliver_pending()
    item = db.session.scalar(select(Notification).where(Notification.kind == "test.private"))
    assert login("13800000007").post(f"/inbox/{item.id}", {}).status_code == 404


def test_a_notification_names_its_object_and_links_to_it(login, person):
    """书记回复了你的来信「路灯坏了」: the inbox says what it is about, cut with an ellipsis
    when long, and opens it."""
    from webapp.mailbox import services as mailbox
    from webapp.notifications.services import excerpt

    assert excerpt("路灯坏了") == "「路灯坏了」"
    assert excerpt("村口石桥的护栏断了一截，晚上路过很危险") == "「村口石桥的护栏断了一截…」"
    short = mailbox.write_letter(person("13800000005"), "路灯坏了")
    mailbox.answer_letter(person("13800000003"), short, "明天修")
    told = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "letter.answered")
                             .order_by(OutboxMessage.id.desc()))
    assert told.title == "书记回复了你的来信「路灯坏了」" and told.url == f"/mailbox/{short.id}"


def test_without_a_worker_the_wait_is_said_once_calmly(app, caplog, monkeypatch):
    """Loading the demo before the worker starts used to print "could not enqueue delivery"
    for every event; now one calm line says notifications wait in the database."""
    from webapp import jobs

    monkeypatch.setattr(jobs, "_told_worker_away", [])
    with caplog.at_level("DEBUG", logger="cunli.notifications"):
        for _ in range(13):
            jobs.request_delivery()
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "wait in the database until the worker runs" in warnings[0].getMessage()
