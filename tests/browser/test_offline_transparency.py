"""Once the home page has been visited, the village's latest notices and its open finance
period can be read without signal."""
import pytest
from sqlalchemy import select

from webapp.disclosures.models import Disclosure
from webapp.extensions import db
from webapp.finance.models import FinancePeriod

from .conftest import log_in, wait_for_service_worker, wait_until, wait_until_saved

pytestmark = pytest.mark.browser


def test_latest_notice_and_finance_table_open_offline_after_a_home_visit(phone, live_server):
    latest = db.session.scalar(select(Disclosure).order_by(Disclosure.published_at.desc()))
    period = db.session.scalar(select(FinancePeriod))
    db.session.commit()
    log_in(phone, "13800000005")
    wait_for_service_worker(phone)
    phone.reload()  # the home page again, now under the service worker
    wait_until(phone, "() => document.documentElement.getAttribute('data-kept-offline')")
    for url in (f"/notices/{latest.id}", f"/finance/{period.id}"):
        wait_until_saved(phone, url)
    live_server.stop()  # the signal is really gone: nothing can come from the server now
    phone.goto(f"/notices/{latest.id}")
    assert phone.locator("h1").inner_text() == latest.title
    assert phone.locator(".offline-notice").is_visible()
    phone.goto(f"/finance/{period.id}")
    assert "123,500.00" in phone.locator("main").inner_text()
    assert phone.locator(".offline-notice").is_visible()
