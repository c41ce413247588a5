"""In Chromium, a villager takes a ballot paper (signed blind), votes, sees the receipt, and
after the close finds that receipt in the published box; the cast carried no cookie."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from webapp.database import utcnow
from webapp.deliberation.models import Vote
from webapp.deliberation.services import votes
from webapp.extensions import db
from webapp.regions.models import Region

from .conftest import log_in, wait_until

pytestmark = pytest.mark.browser


def test_a_villager_votes_and_finds_the_receipt_in_the_box(app, phone, person):
    app.config["BALLOT_WAIT_MS"] = 50
    village = db.session.scalar(select(Region).where(Region.name == "东岙村"))
    vote_id = votes.open_vote(person("13800000003"), village, "decision", "村道硬化方案", ["水泥路", "柏油路"],
                              utcnow() + timedelta(days=1)).id
    db.session.commit()
    log_in(phone, "13800000005")
    casts = []
    phone.on("request", lambda r: casts.append(r.headers.get("cookie")) if r.url.endswith("/cast") else None)
    phone.goto(f"/votes/{vote_id}")
    phone.click(".take-paper")
    wait_until(phone, "() => !document.querySelector('form.cast').hidden")
    phone.check("input[name=choice][value='2']")
    phone.click("form.cast button[type=submit]")
    receipt = wait_until(phone, "() => (document.querySelector('.ballot-state').textContent.match(/[0-9a-f]{64}/) || [''])[0]")
    assert casts == [None]  # the cast went without the session cookie
    vote = db.session.get(Vote, vote_id)
    vote.closes_at = utcnow() - timedelta(seconds=1)
    votes.close_vote(vote)
    db.session.commit()
    phone.goto(f"/votes/{vote_id}")
    wait_until(phone, f"() => !!document.querySelector('.ballot-box [data-receipt=\"{receipt}\"].mine')")
    assert "你的选票在票箱里" in phone.inner_text(".ballot-state")
