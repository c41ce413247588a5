"""A report written without signal waits on the phone as 待发送 and is sent by itself, once,
when the signal returns."""

import pytest
from PIL import Image
from sqlalchemy import select

from webapp.cases.models import Case
from webapp.extensions import db

from .conftest import log_in, wait_for_service_worker, wait_until_saved

pytestmark = pytest.mark.browser


def photo_file(tmp_path):
    path = tmp_path / "rail.jpg"
    Image.new("RGB", (2400, 1800), (90, 120, 90)).save(path, "JPEG", quality=95)
    return path


def cases_with(text):
    found = list(db.session.scalars(select(Case).where(Case.text == text)))
    db.session.commit()
    return found


def test_offline_report_with_a_photo_becomes_exactly_one_case(phone, live_server, tmp_path):
    text = "没信号时写的：石桥护栏断了"
    log_in(phone, "13800000005")
    wait_for_service_worker(phone)
    phone.goto("/cases")  # seen once online, so it opens offline too
    wait_until_saved(phone, "/cases")
    phone.goto("/cases/new")
    # No signal for real: the server is gone, for the page and its service worker alike
    # (context.set_offline does not reach the worker's own fetch()).
    live_server.stop()
    phone.click("label.tile:has-text('安全隐患')")
    phone.fill("#text", text)
    phone.set_input_files("#photos", str(photo_file(tmp_path)))
    phone.click("button[type=submit]")
    phone.wait_for_function("() => document.querySelector('.send-state').textContent.includes('待发送')")
    assert cases_with(text) == []
    phone.goto("/cases")
    assert phone.locator(".offline-notice").is_visible()  # the saved copy, not the server
    phone.wait_for_selector("#pending-reports", state="visible")
    assert "待发送" in phone.locator("#pending-reports").inner_text()

    live_server.start()  # the signal returns
    phone.evaluate("() => window.dispatchEvent(new Event('online'))")
    phone.wait_for_function("() => document.getElementById('pending-reports').hidden === true",
                           timeout=15000)
    for _ in range(2):  # coming and going again sends nothing more
        phone.reload()
        phone.evaluate("() => window.cunliOutbox.flush()")
    found = cases_with(text)
    assert len(found) == 1
    case = found[0]
    assert [a.kind for a in case.attachments] == ["photo"]
    assert case.attachments[0].size < 200_000  # kept at 640 px at most on the server
    phone.goto(f"/cases/{case.id}")
    assert phone.locator(".media img").count() == 1
