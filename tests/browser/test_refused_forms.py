"""A form refused in the browser keeps the page it was on: reloading shows that page again,
not a "wrong method" error for the form's action."""
import pytest

from .conftest import log_in
from .test_phone_layout import case_id

pytestmark = pytest.mark.browser


def test_a_refused_form_reloads_to_its_page(phone):
    bridge = case_id("石桥")
    log_in(phone, "13800000004")
    phone.goto(f"/cases/{bridge}")
    phone.click("text=提交乡镇 / 退回")
    phone.click("text=复杂问题：提交乡镇综合指挥室")
    phone.wait_for_selector(".has-error")  # the reason is required: refused in place
    assert "这一项必须填写" in phone.locator(".has-error").inner_text()
    assert phone.url.endswith(f"/cases/{bridge}")
    response = phone.reload()
    assert response.status == 200
    assert "村口石桥" in phone.locator(".case-text").first.inner_text()
