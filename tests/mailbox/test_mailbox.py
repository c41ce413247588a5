"""Letter → the secretary is told at once → a public answer; private letters stay private;
the 3-day reminder fires exactly once."""
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.mailbox import services
from webapp.mailbox.models import Letter
from webapp.mailbox.queries import answer_figures
from webapp.notifications.models import OutboxMessage
from webapp.service import ServiceError

from ..client import page_text

T0 = datetime(2025, 5, 5, 2, 0, tzinfo=UTC)


def told(kind):
    from webapp.accounts.models import User

    rows = db.session.execute(select(User.phone, OutboxMessage.channel).join(
        User, User.id == OutboxMessage.user_id).where(OutboxMessage.kind == kind)).all()
    return sorted(tuple(r) for r in rows)


def test_a_letter_reaches_the_secretary_at_once_and_the_answer_is_public(login, person):
    villager = login("13800000005")
    response = villager.post("/mailbox", {"body": "村里的垃圾什么时候能分类收运？"},
                             content_type="multipart/form-data")
    assert response.status_code == 303
    letter = db.session.scalar(select(Letter).order_by(Letter.id.desc()))
    assert ("13800000003", "inapp") in told("letter.new") and ("13800000003", "sms") in told("letter.new")
    secretary = login("13800000003")
    assert secretary.post(f"/mailbox/{letter.id}/answer", {"answer": ""}).status_code == 422
    secretary.post(f"/mailbox/{letter.id}/answer", {"answer": "下月起每周二、五收运。"})
    assert ("13800000005", "inapp") in told("letter.answered")
    neighbour_view = page_text(login("13800000007").get(f"/mailbox/{letter.id}"))
    assert "下月起每周二、五收运" in neighbour_view and "王**" in neighbour_view


def test_a_private_letter_is_invisible_to_other_villagers(login):
    writer = login("13800000011")
    writer.post("/mailbox", {"body": "我想私下反映一件事", "is_private": "y"}, content_type="multipart/form-data")
    letter = db.session.scalar(select(Letter).order_by(Letter.id.desc()))
    assert letter.is_private
    assert login("13800000005").get(f"/mailbox/{letter.id}").status_code == 403
    assert "我想私下反映" not in page_text(login("13800000005").get("/mailbox"))
    assert login("13800000003").get(f"/mailbox/{letter.id}").status_code == 200
    assert "我想私下反映" in page_text(writer.get("/mailbox"))


def test_only_ones_own_village_secretary_is_written_to_and_answers(person):
    letter = services.write_letter(person("13800000005"), "东岙村的信", now=T0)
    with pytest.raises(ServiceError):
        services.answer_letter(person("13800000007"), letter, "我来回")  # a group leader is not the secretary
    with pytest.raises(ServiceError, match="请写下你想说的话"):
        services.write_letter(person("13800000005"), " ")


def test_the_three_day_reminder_fires_exactly_once(person):
    letter = services.write_letter(person("13800000005"), "三天没人回的信", now=T0)
    assert services.remind_unanswered(T0 + timedelta(days=2, hours=23)) == 0
    assert services.remind_unanswered(T0 + timedelta(days=3, minutes=1)) >= 1
    reminders = told("letter.reminder")
    assert services.remind_unanswered(T0 + timedelta(days=4)) == 0
    assert services.remind_unanswered(T0 + timedelta(days=30)) == 0
    assert told("letter.reminder") == reminders
    db.session.refresh(letter)
    assert letter.reminded_at == T0 + timedelta(days=3, minutes=1)


def test_an_answered_letter_is_never_reminded(person):
    letter = services.write_letter(person("13800000005"), "很快就回了的信", now=T0)
    services.answer_letter(person("13800000003"), letter, "已回复", now=T0 + timedelta(hours=2))
    before = told("letter.reminder")
    services.remind_unanswered(T0 + timedelta(days=10))
    assert told("letter.reminder") == before


def test_the_mailbox_shows_the_answer_rate_and_median_time(person, login):
    village = person("13800000005").village
    base = answer_figures(village.id)
    for hours in (2, 4, 30):
        letter = services.write_letter(person("13800000005"), f"第{hours}封", now=T0)
        services.answer_letter(person("13800000003"), letter, "回复", now=T0 + timedelta(hours=hours))
    services.write_letter(person("13800000005"), "还没回的", now=T0)
    figures = answer_figures(village.id)
    assert figures["letters"] == base["letters"] + 4 and figures["answered"] == base["answered"] + 3
    page = page_text(login("13800000002").get("/mailbox/overview"))
    assert "东岙村" in page and "回复时间中位数" in page
