"""What only a browser can show: logging in, reading offline, installability, and that
nothing personal stays in Cache Storage after logout."""
import json

import pytest

from .conftest import log_in, wait_for_service_worker, wait_until, wait_until_saved

pytestmark = pytest.mark.browser

SAVED_PAGES_TEXT = """async () => {
  const texts = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      texts.push(request.url + "\\n" + await response.text());
    }
  }
  return texts;
}"""


def test_a_villager_logs_in_and_sees_their_village(phone):
    log_in(phone, "13800000005")
    assert phone.locator("h1").inner_text() == "你好，王大山"
    assert "东岙村" in phone.locator(".top-title").inner_text()


def test_a_wrong_password_is_explained_in_place(phone):
    phone.goto("/login")
    phone.fill("#phone", "13800000005")
    phone.fill("#password", "wrong")
    phone.click("button[type=submit]")
    assert phone.locator(".form-error").inner_text() == "手机号或密码不对，请再试一次。"


def test_a_page_seen_online_is_readable_offline_with_the_offline_notice(phone, live_server):
    log_in(phone, "13800000005")
    wait_for_service_worker(phone)
    phone.goto("/me")
    assert phone.locator(".namecard h1").inner_text() == "王大山"
    assert phone.locator(".offline-notice").is_hidden()
    wait_until_saved(phone, "/me", containing="王大山")
    live_server.stop()  # the signal is gone
    phone.goto("/me")
    assert phone.locator(".namecard h1").inner_text() == "王大山"
    assert phone.locator(".offline-notice").is_visible()
    assert "离线" in phone.locator(".offline-notice").inner_text()
    phone.goto("/verify")  # never visited: the offline page says so
    assert phone.locator("h1").inner_text() == "现在没有网络"


def test_the_app_meets_chromiums_installability_criteria(phone_with_profile):
    phone = phone_with_profile
    phone.goto("/")
    wait_for_service_worker(phone)
    phone.reload()
    cdp = phone.context.new_cdp_session(phone)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == []
    assert json.loads(manifest["data"])["name"] == "村里"
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == [], errors


def test_nothing_personal_is_left_in_cache_storage_after_logout(phone):
    log_in(phone, "13800000005")
    wait_for_service_worker(phone)
    for url in ("/", "/me", "/manage"):
        phone.goto(url)
    wait_until_saved(phone, "/manage")
    assert any("王大山" in text for text in phone.evaluate(SAVED_PAGES_TEXT))
    phone.goto("/me")
    phone.click("text=退出登录")
    phone.wait_for_url("**/login")
    wait_until(phone, f"""async () => {{
        const texts = await ({SAVED_PAGES_TEXT})();
        return texts.every(t => !t.includes('王大山') && !t.includes('13800000005'));
    }}""", timeout=10)
    saved = phone.evaluate(SAVED_PAGES_TEXT)
    assert not any("王大山" in text or "13800000005" in text for text in saved)
    assert not any("/me\n" in text for text in saved)


def test_a_page_asked_for_before_logout_and_answered_after_is_not_kept(phone, live_server):
    """On a slow signal a page of the villager can still be on its way when they log out: the
    service worker must not keep it when it arrives (it is older than the change of visitor)."""
    import time

    log_in(phone, "13800000005")
    wait_for_service_worker(phone)
    phone.goto("/me")
    original = live_server.app.wsgi_app

    def answered_late(environ, start_response):
        body = list(original(environ, start_response))
        if environ.get("PATH_INFO") == "/me" and environ.get("HTTP_HX_BOOSTED"):
            time.sleep(2)  # made while logged in, delivered after the logout
        return body

    live_server.app.wsgi_app = answered_late
    try:
        phone.evaluate("() => { fetch('/me', {headers: {'HX-Request': 'true', 'HX-Boosted': 'true'}}); }")
        time.sleep(0.5)
        phone.click("text=退出登录")
        phone.wait_for_url("**/login")
        time.sleep(3)  # the late page has arrived and been stored or refused
    finally:
        live_server.app.wsgi_app = original
    saved = phone.evaluate(SAVED_PAGES_TEXT)
    assert not any("王大山" in text or "13800000005" in text for text in saved)
