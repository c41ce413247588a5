"""A circle post written without signal waits on the phone as 待发送 and is posted by itself,
once, when the signal returns — with its photo shrunk on the phone."""

import pytest
from sqlalchemy import select

from webapp.circle.models import Post
from webapp.extensions import db

from .conftest import log_in, wait_for_service_worker
from .test_offline_report import photo_file

pytestmark = pytest.mark.browser


def posts_with(text):
    found = list(db.session.scalars(select(Post).where(Post.text == text)))
    db.session.commit()
    return found


def test_an_offline_post_with_a_photo_becomes_exactly_one_post(phone, live_server, tmp_path):
    text = "没信号时发的：杨梅熟了，欢迎来摘"
    log_in(phone, "13800000005")
    wait_for_service_worker(phone)
    phone.goto("/circle/new")
    live_server.stop()  # no signal, for the page and its service worker alike
    phone.click("label.tile:has-text('农产品')")
    phone.fill("#text", text)
    phone.set_input_files("#photos", str(photo_file(tmp_path)))
    phone.click("summary:has-text('卖农产品')")
    phone.fill("#how_to_buy", "电话 13800000005")
    phone.click("button[type=submit]")
    phone.wait_for_function("() => document.querySelector('.send-state').textContent.includes('待发送')")
    assert posts_with(text) == []

    live_server.start()  # the signal returns
    phone.evaluate("() => window.dispatchEvent(new Event('online'))")
    for _ in range(60):
        if posts_with(text):
            break
        phone.wait_for_timeout(250)
    for _ in range(2):  # coming and going again posts nothing more
        phone.goto("/circle")
        phone.evaluate("() => window.cunliOutbox.flush()")
    found = posts_with(text)
    assert len(found) == 1
    assert found[0].category == "products" and len(found[0].photos) == 1
    phone.goto(f"/circle/posts/{found[0].id}")
    assert phone.locator(f"text={text}").count() >= 1
