"""The township's and the county's pages at a PC's width (1280×800): the wide ones use the
width, none scrolls sideways; screenshots land beside the phone's to be looked at."""
import pytest

from .conftest import log_in
from .test_desk import DESK
from .test_phone_layout import SHOTS, evaluation_ids

pytestmark = pytest.mark.browser

PAGES = [
    ("13800000002", "/evaluation/dashboard", "dashboard-township-1280", True),
    ("13800000001", "/evaluation/dashboard", "dashboard-county-1280", True),
    ("13800000002", "/evaluation/tables/{table}", "league-table-1280", True),
    ("13800000002", "/evaluation", "league-tables-1280", False),
    ("13800000002", "/cases/stats", "stats-1280", False),
]


@pytest.mark.parametrize("who, path, name, wide", PAGES)
def test_township_page_at_desk_width(chromium, live_server, who, path, name, wide):
    context = chromium.new_context(viewport=DESK, locale="zh-CN", timezone_id="Asia/Shanghai",
                                   base_url=live_server.url)
    page = context.new_page()
    try:
        log_in(page, who)
        page.goto(path.format(**evaluation_ids()))
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        width = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
        assert width > 900 if wide else width < 700
        if "dashboard" in name:  # the charts sit side by side, each beside its numbers
            boxes = page.evaluate("[...document.querySelectorAll('svg.chart')].map(s => s.getBoundingClientRect().x)")
            assert len(boxes) == 3 and len(set(round(x) for x in boxes)) >= 2
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
