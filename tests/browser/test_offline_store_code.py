"""A villager orders a good in the goodwill supermarket, then loses signal: the redemption
code and its QR are still on the phone to show the shopkeeper."""
import re

import pytest

from .conftest import log_in, wait_for_service_worker, wait_until_saved

pytestmark = pytest.mark.browser


def test_the_code_and_qr_stay_on_the_phone_offline(phone, live_server):
    log_in(phone, "13800000005")
    wait_for_service_worker(phone)
    phone.goto("/store")
    phone.locator("li", has_text="酱油一瓶").get_by_role("button", name="兑换").click()
    phone.wait_for_url(re.compile(r"/store/orders/\d+$"))
    code = phone.locator(".big-code").inner_text().replace(" ", "")
    assert re.fullmatch(r"\d{8}", code)
    assert phone.locator(".qr svg").count() == 1
    url = phone.url
    path = "/" + url.split("/", 3)[3]
    wait_until_saved(phone, path, containing=f"{code[:4]} {code[4:]}")
    # Stop the server rather than context.set_offline(): that does not reach the service
    # worker's own fetch(), so the page could still come live from the network.
    live_server.stop()
    phone.goto(url)
    assert phone.locator(".offline-notice").is_visible()
    assert phone.locator(".big-code").inner_text().replace(" ", "") == code
    qr = phone.locator(".qr svg")
    assert qr.is_visible() and qr.bounding_box()["width"] >= 200
    phone.screenshot(path="test-artifacts/screenshots/store-order-offline.png")
