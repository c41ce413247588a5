"""The server can end a session: a cookie copied before logout, a password change, a reset
or a deactivation names nobody afterwards — on every phone, remember cookie included."""
import pytest

from webapp.extensions import db

from ..client import Browserless

COOKIES = ("session", "remember_token")


def copy_of(client, only=COOKIES) -> Browserless:
    """Another browser holding the cookies this one has now (as a thief would)."""
    other = Browserless(client.app)
    for name in only:
        cookie = client.http.get_cookie(name)
        if cookie is not None:
            other.http.set_cookie(name, cookie.value)
    return other


def is_logged_in(client) -> bool:
    return client.get("/me").status_code == 200


@pytest.mark.parametrize("cookies", [COOKIES, ("session",), ("remember_token",)])
def test_a_cookie_copied_before_logout_does_not_work_after_it(login, cookies):
    villager = login("13800000005")
    stolen = copy_of(villager, cookies)
    assert is_logged_in(stolen)
    villager.post("/logout", {})
    assert not is_logged_in(stolen)
    assert not is_logged_in(villager)


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(login):
    villager = login("13800000005")
    other_phone = login("13800000005")
    response = villager.post("/me/password", {"current": "demo1234", "new": "newpass99"})
    assert response.status_code == 303
    assert is_logged_in(villager)
    assert not is_logged_in(other_phone)


def test_a_reset_by_the_admin_ends_every_session(login, person):
    villager = login("13800000005")
    login("13800000003").post(f"/admin/people/{person('13800000005').id}/password", {})
    assert not is_logged_in(villager)


def test_deactivation_ends_every_session(login, person):
    villager = login("13800000005")
    stolen = copy_of(villager, ("remember_token",))
    login("13800000003").post(f"/admin/people/{person('13800000005').id}/active", {"active": "0"})
    assert not is_logged_in(villager) and not is_logged_in(stolen)
    person("13800000005").active = True  # enabled again, the old cookies still name nobody
    db.session.commit()
    assert not is_logged_in(stolen)


def test_the_remember_cookie_is_lax_and_out_of_reach_of_scripts(client):
    response = client.post("/login", {"phone": "13800000005", "password": "demo1234"})
    remember = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token="))
    assert "HttpOnly" in remember and "SameSite=Lax" in remember and "Secure" not in remember


def test_cookies_are_secure_when_the_site_is_served_over_https(monkeypatch, tmp_path):
    from webapp.config import Config

    monkeypatch.setenv("SECURE_COOKIES", "1")
    config = Config(instance=tmp_path)
    assert config.SESSION_COOKIE_SECURE and config.REMEMBER_COOKIE_SECURE
