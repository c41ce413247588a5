"""A witness's secret never leaves the phone: Chromium hashes it (static/draw.js) and the form
carries only the hash, which the draw's page then shows as the witness's commitment."""
import hashlib

import pytest
from sqlalchemy import select

from webapp.deliberation.services.draws import start_draw
from webapp.extensions import db
from webapp.regions.models import Region

from .conftest import log_in

pytestmark = pytest.mark.browser
SECRET = "东岙村石桥边的老樟树今年开花了真好看"


def test_the_phone_sends_the_hash_of_the_secret_and_never_the_secret(phone, person):
    secretary, leader, villager = (person(p) for p in ("13800000003", "13800000007", "13800000005"))
    village = db.session.scalar(select(Region).where(Region.name == "东岙村"))
    draw_id = start_draw(secretary, village, "议事会代表", 2, [(secretary, "书记"), (leader, ""), (villager, "村民代表")]).id
    db.session.commit()  # and touch no row after it: the live server writes beside this test
    log_in(phone, "13800000005")
    phone.goto(f"/draws/{draw_id}")
    sent = []
    phone.on("request", lambda r: sent.append(r.post_data or "") if r.method == "POST" else None)
    phone.fill("#secret", SECRET)
    with phone.expect_navigation():
        phone.click("form[data-commit] button[type=submit]")
    commitment = hashlib.sha256(SECRET.encode()).hexdigest()
    assert sent and all("%E4%B8%9C" not in body and SECRET not in body for body in sent)  # 东, encoded or not
    assert any(f"commitment={commitment}" in body for body in sent)
    assert commitment in phone.content()
