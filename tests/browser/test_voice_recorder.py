"""The voice recorder in the report form: record, stop, listen, send."""
import re

import pytest
from sqlalchemy import select

from webapp.cases.models import Case
from webapp.extensions import db

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_a_voice_note_recorded_in_the_page_arrives_with_the_report(phone):
    phone.context.grant_permissions(["microphone"])
    log_in(phone, "13800000005")
    phone.goto("/cases/new")
    assert phone.locator(".recorder").is_visible()      # MediaRecorder is here …
    assert phone.locator(".voice-file").is_hidden()     # … so the plain file input steps aside
    phone.click("label.tile:has-text('其他')")
    phone.fill("#text", "用语音说一下情况")
    phone.click(".rec-start")
    phone.wait_for_selector(".rec-stop", state="visible")
    phone.wait_for_function("() => Number(document.querySelector('.rec-time').textContent) >= 2")
    phone.click(".rec-stop")
    phone.wait_for_selector(".rec-play", state="visible")
    phone.click("button[type=submit]")
    phone.wait_for_url(re.compile(r".*/cases/\d+$"))
    case = db.session.scalar(select(Case).where(Case.text == "用语音说一下情况"))
    assert [(a.kind, a.mime) for a in case.attachments] == [("voice", "audio/webm")]
    assert case.attachments[0].size > 1000
    assert phone.locator(".media audio").count() == 1


def test_without_a_microphone_the_plain_file_input_is_offered(chromium, live_server):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, base_url=live_server.url)
    page = context.new_page()
    page.add_init_script("delete window.MediaRecorder")
    log_in(page, "13800000005")
    page.goto("/cases/new")
    assert page.locator(".recorder").is_hidden()
    assert page.locator("#voice").is_visible()
    context.close()


def test_a_voice_note_recorded_for_a_topic_arrives_with_it(phone):
    """The same recorder on another form: the recording goes into the form's own file input."""
    from webapp.deliberation.models import Topic

    phone.context.grant_permissions(["microphone"])
    log_in(phone, "13800000005")
    phone.goto("/deliberation")
    phone.click("summary:has-text('提一个议题')")
    assert phone.locator(".recorder").is_visible() and phone.locator(".voice-file").is_hidden()
    phone.fill("#title", "村口的垃圾桶不够用")
    phone.click(".rec-start")
    phone.wait_for_selector(".rec-stop", state="visible")
    phone.wait_for_function("() => Number(document.querySelector('.rec-time').textContent) >= 2")
    phone.click(".rec-stop")
    phone.wait_for_selector(".rec-play", state="visible")
    phone.click("form[action='/topics'] button[type=submit]")
    phone.wait_for_url(re.compile(r".*/topics/\d+$"))
    topic = db.session.scalar(select(Topic).where(Topic.title == "村口的垃圾桶不够用"))
    assert topic.voice_path and topic.voice_mime == "audio/webm"
    assert phone.locator("audio").count() == 1
