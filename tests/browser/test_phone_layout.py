"""Every main page at phone size (360×740): nothing wider than the screen, tap targets big
enough for old fingers. The screenshots land in test-artifacts/screenshots/ to be looked at."""
from pathlib import Path

import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

PAGES = [
    (None, "/", "welcome"),
    (None, "/login", "login"),
    (None, "/signup", "signup"),
    ("13800000005", "/", "home-villager"),
    ("13800000011", "/", "home-unverified"),
    ("13800000005", "/me", "profile"),
    ("13800000007", "/verify", "verification-queue"),
    ("13800000007", "/verify/{newcomer}", "verify-person"),
    ("13800000003", "/manage", "manage"),
    ("13800000003", "/admin/regions", "admin-region"),
    ("13800000003", "/admin/people/{newcomer}", "admin-person"),
    ("13800000001", "/admin/audit", "audit-log"),
]

# Interactive things smaller than this (CSS px) are too small for an elderly villager's finger.
SMALL_TARGETS = """() => [...document.querySelectorAll('main a, main button, main input, main select, nav a')]
  .filter(e => e.offsetParent !== null && !e.closest('.crumbs, label.choice') && !e.closest('p, li small, dd'))
  .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect().height])
  .filter(([_, h]) => h < 40)"""


@pytest.mark.parametrize("who, path, name", PAGES)
def test_page_fits_a_phone_screen(phone, person, who, path, name):
    if who:
        log_in(phone, who)
    phone.goto(path.format(newcomer=person("13800000011").id))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.evaluate(SMALL_TARGETS) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
