"""The township's desk at PC width (1280×800): filters beside the list, a case opened in the pane
beside it without leaving the desk; and on a phone (360×740) the same page is a list whose rows
open the case page, as the handler's queue always did."""
import pytest

from .conftest import log_in, wait_until
from .test_phone_layout import SHOTS, case_id

pytestmark = pytest.mark.browser
DESK = {"width": 1280, "height": 800}


@pytest.fixture
def desk(chromium, live_server):
    context = chromium.new_context(viewport=DESK, locale="zh-CN", timezone_id="Asia/Shanghai",
                                   base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


ROW_TEXTS = "() => [...document.querySelectorAll('#results a[data-pane]')].map(a => a.textContent)"


def test_the_desk_filters_and_opens_a_case_beside_the_list(desk):
    log_in(desk, "13800000002")
    desk.goto("/cases/desk")
    assert desk.evaluate("getComputedStyle(document.getElementById('case-pane')).display") != "none"
    list_box = desk.locator("#results").bounding_box()
    pane_box = desk.locator("#case-pane").bounding_box()
    assert list_box["x"] + list_box["width"] <= pane_box["x"] and abs(list_box["y"] - pane_box["y"]) < 5
    every = desk.evaluate(ROW_TEXTS)
    assert len(every) >= 2 and any("路灯" not in t for t in every)

    desk.fill("#q", "路灯")
    desk.click(".desk-form button[type=submit]")
    wait_until(desk, f"""(() => {{ const rows = ({ROW_TEXTS})();
        return rows.length > 0 && rows.length < {len(every)} && rows.every(t => t.includes('路灯')); }})()""")
    assert "q=" in desk.url  # the filtered desk can be reloaded and shared

    lamp = case_id("路灯")
    desk.click(f'#results a[href="/cases/{lamp}"]')
    wait_until(desk, f"(document.querySelector('#case-pane h1') || {{textContent: ''}}).textContent.startsWith('反映 #{lamp} ')")
    assert desk.evaluate("location.pathname") == "/cases/desk"
    assert desk.locator("#results").is_visible()  # the list is still there, beside the case
    assert desk.evaluate(f"document.querySelector('#results a[href=\"/cases/{lamp}\"]').hasAttribute('aria-current')")
    SHOTS.mkdir(parents=True, exist_ok=True)
    desk.screenshot(path=str(SHOTS / "desk-1280.png"))


def test_the_overdue_list_at_desk_width(desk):
    log_in(desk, "13800000002")
    desk.goto("/cases/overdue")
    assert desk.evaluate("document.documentElement.scrollWidth") <= 1280
    assert desk.evaluate("document.querySelector('main').getBoundingClientRect().width") > 900
    desk.screenshot(path=str(SHOTS / "overdue-1280.png"), full_page=True)


def test_on_a_phone_a_row_opens_the_case_page_as_before(phone):
    log_in(phone, "13800000002")
    phone.goto("/cases/desk")
    assert phone.evaluate("getComputedStyle(document.getElementById('case-pane')).display") == "none"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    lamp = case_id("路灯")
    phone.click(f'#results a[href="/cases/{lamp}"]')
    phone.wait_for_url(f"**/cases/{lamp}")
    wait_until(phone, f"document.querySelector('.top-title').textContent === '反映 #{lamp}'")
    assert phone.evaluate("document.getElementById('case-pane')") is None
