"""An emergency broadcast from the secretary's phone: the form sends it, and the page's counts
of who has it and who read it grow by themselves (htmx polling every 5 s) as the worker delivers
and villagers open it."""
import re

import pytest

from .conftest import log_in, wait_until
from .test_phone_layout import SHOTS

pytestmark = pytest.mark.browser

DELIVERED = "Number(document.querySelector('#figures tr:nth-child(2) .amount').textContent)"
READ = "Number(document.querySelector('#figures tr:nth-child(3) .amount').textContent)"


def test_the_counts_grow_on_the_page_as_villagers_get_and_read_it(phone):
    from sqlalchemy import select

    from webapp.accounts.queries import user_by_phone
    from webapp.extensions import db
    from webapp.notifications.models import Notification
    from webapp.notifications.services import deliver_pending, mark_read

    log_in(phone, "13800000003")
    phone.goto("/broadcasts/new")
    phone.check("input[name=hazard][value=flood]")
    phone.fill("#title", "今晚山洪预警")
    phone.fill("#body", "溪边路的住户请今晚九点前到村委会避险。")
    phone.click("form button[type=submit]")
    phone.wait_for_url(re.compile(r".*/broadcasts/\d+$"))
    assert phone.evaluate(DELIVERED) == 0 and phone.evaluate(READ) == 0
    deliver_pending()  # the worker
    villager = user_by_phone("13800000005")
    mark_read(villager, db.session.scalar(select(Notification).where(
        Notification.user_id == villager.id, Notification.broadcast_id.is_not(None))))
    db.session.commit()
    wait_until(phone, f"{DELIVERED} > 0 && {READ} === 1", timeout=20)
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "broadcast.png"), full_page=True)
