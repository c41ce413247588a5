"""A villager far from home follows a meeting: the minutes the cadre types appear on the page
by themselves, and the page with the latest line stays on the phone when the signal goes."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from webapp.accounts.queries import user_by_phone
from webapp.database import utcnow
from webapp.deliberation.models import Meeting, Topic
from webapp.deliberation.services import meetings
from webapp.extensions import db
from webapp.transaction import commit

from .conftest import log_in, wait_for_service_worker, wait_until, wait_until_saved

pytestmark = pytest.mark.browser


@pytest.fixture
def live_meeting(app):
    app.config["MEETING_POLL_SECONDS"] = 1
    secretary = user_by_phone("13800000003")
    topic = db.session.scalar(select(Topic).where(Topic.status == "chosen"))
    meeting = meetings.plan_meeting(secretary, topic, "路灯第二次议事会", utcnow() + timedelta(minutes=10), "村委会",
                                    ["验收方案"])
    meetings.start_meeting(secretary, meeting)
    commit()
    meeting_id = meeting.id
    db.session.close()  # hold no transaction while the live server's requests write
    return meeting_id


def test_the_minutes_arrive_by_themselves_and_stay_offline(phone, live_server, live_meeting):
    log_in(phone, "13800000005")
    wait_for_service_worker(phone)
    path = f"/meetings/{live_meeting}"
    phone.goto(path)
    assert "正在开" in phone.locator("#live").inner_text()
    line = "验收小组由三位村民代表和网格员组成"
    meetings.write_minutes(user_by_phone("13800000003"), db.session.get(Meeting, live_meeting), line)
    commit()
    db.session.close()
    wait_until(phone, f"() => document.querySelector('#live').innerText.includes('{line}')")
    wait_until_saved(phone, path, containing=line)  # the phone keeps the page with the new line
    live_server.stop()
    phone.goto(path)
    assert phone.locator(".offline-notice").is_visible()
    assert line in phone.locator("#live").inner_text()
