"""A page styled by the rules it carries inline looks exactly as it does with the whole
stylesheet: every element's computed style is the same before and after the whole sheet is
linked (webapp/shell/page_style.py trims the inline copy; a rule trimmed by mistake shows here)."""
import pytest

from .conftest import PHONE, log_in
from .test_phone_layout import PAGES, case_id, first_ids

pytestmark = pytest.mark.browser

COMPUTED = """() => Array.from(document.querySelectorAll('body *'), (e) => {
  const s = getComputedStyle(e);
  return e.tagName + '.' + e.className + ' ' + Array.from(s, (name) => name + ':' + s.getPropertyValue(name)).join(';');
})"""

LINK_WHOLE_SHEET = """() => new Promise((done, failed) => {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = document.body.dataset.stylesheet;
  link.onload = () => done(true);
  link.onerror = () => failed(new Error('the whole stylesheet did not load'));
  document.head.appendChild(link);
})"""


def differences(before: list[str], after: list[str]) -> list[str]:
    changed = []
    for one, other in zip(before, after, strict=True):
        if one != other:
            first = dict(p.split(":", 1) for p in one.split(" ", 1)[1].split(";") if ":" in p)
            second = dict(p.split(":", 1) for p in other.split(" ", 1)[1].split(";") if ":" in p)
            changed.append(one.split(" ", 1)[0] + " " + ", ".join(
                f"{k}: {first.get(k)} -> {second.get(k)}" for k in sorted(set(first) | set(second))
                if first.get(k) != second.get(k)))
    return changed


@pytest.fixture
def phone_without_scripts(chromium, live_server):
    """A phone that runs no script of ours and has no service worker (which would serve the
    scripts from its cache): nothing links the whole sheet or changes the page."""
    context = chromium.new_context(viewport=PHONE, locale="zh-CN", base_url=live_server.url,
                                   service_workers="block")
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("who, path, name", PAGES)
def test_the_inline_rules_style_the_page_as_the_whole_sheet_does(phone_without_scripts, person, who, path, name):
    phone = phone_without_scripts
    if who:
        log_in(phone, who)
    phone.route("**/*.js", lambda route: route.abort())
    phone.goto(path.format(newcomer=person("13800000011").id, lamp=case_id("路灯"), bridge=case_id("石桥"),
                           **first_ids()))
    phone.wait_for_load_state("networkidle")  # a photo loading later would change the layout
    assert phone.evaluate("document.styleSheets.length") == 1  # only the inline one
    before = phone.evaluate(COMPUTED)
    assert phone.evaluate(LINK_WHOLE_SHEET)
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.styleSheets.length") == 2
    assert differences(before, phone.evaluate(COMPUTED)) == []
