"""Sign-up and login as a villager does them, with the mistakes villagers make."""
import pytest
from sqlalchemy import func, select

from webapp.accounts.models import User
from webapp.audit.models import AuditEntry
from webapp.extensions import db
from webapp.regions.queries import region_by_code

from ..client import page_text


def counts():
    return (db.session.scalar(select(func.count()).select_from(User)),
            db.session.scalar(select(func.count()).select_from(AuditEntry)))


def signup_form(**changes):
    form = {"phone": "13912345678", "name": "黄阿姨", "village": region_by_code("QS-DX-DA").id,
            "group": region_by_code("QS-DX-DA-G1").id, "password": "mima1234", "confirm": "mima1234"}
    form.update(changes)
    return form


def test_signup_page_offers_villages_grouped_by_township(client):
    html = page_text(client.get("/signup"))
    assert '<optgroup label="东溪镇">' in html and "东岙村" in html


def test_choosing_a_village_loads_its_groups_as_a_fragment(client):
    village = region_by_code("QS-DX-DA")
    fragment = client.get(f"/signup/groups?village={village.id}", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 200
    assert html.lstrip().startswith('<div id="group-field">')
    assert "第一村民小组" in html and "<html" not in html
    assert "HX-Request" in fragment.headers["Vary"]


def test_a_boosted_navigation_gets_the_whole_page(client):
    village = region_by_code("QS-DX-DA")
    page = client.get(f"/signup/groups?village={village.id}",
                      headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in page.get_data(as_text=True)


def test_a_villager_signs_up_and_is_logged_in_unverified(client):
    response = client.post("/signup", signup_form(phone="139 1234 5678"))
    assert response.status_code == 303
    user = db.session.scalar(select(User).where(User.phone == "13912345678"))
    assert user.name == "黄阿姨" and not user.is_verified
    assert user.village.name == "东岙村" and user.group.name == "第一村民小组"
    home = page_text(client.get("/"))
    assert "身份还没有认证" in home and "周明" in home  # the group leader to call


@pytest.mark.parametrize("changes, message", [
    ({"phone": "12345"}, "请填写11位中国大陆手机号码"),
    ({"phone": "23800000000"}, "请填写11位中国大陆手机号码"),
    ({"phone": "13800000005"}, "这个手机号已经注册过了"),
    ({"name": ""}, "这一项必须填写"),
    ({"password": "123", "confirm": "123"}, "密码至少需要6位"),
    ({"confirm": "different"}, "两次输入的密码不一样"),
    ({"village": ""}, "请选择你所在的村"),
    ({"group": ""}, "请选择你所在的村民小组"),
    ({"group": "999999"}, "请选择你所在的村民小组"),
])
def test_bad_signup_gets_a_clear_chinese_message_and_changes_nothing(client, changes, message):
    if changes.get("group") == "999999":
        changes["group"] = region_by_code("QS-DX-XL-G1").id  # a group of another village
    before = counts()
    response = client.post("/signup", signup_form(**changes))
    assert response.status_code == 422
    assert message in page_text(response)
    assert counts() == before


def test_login_with_a_wrong_password_is_refused_in_chinese(client):
    response = client.post("/login", {"phone": "13800000005", "password": "wrong-one"})
    assert response.status_code == 422
    assert "手机号或密码不对" in page_text(response)
    assert client.get("/me").status_code == 302


@pytest.mark.parametrize("phone", ["", "1380000", "99999999999"])
def test_login_with_a_bad_phone_is_refused_in_chinese(client, phone):
    response = client.post("/login", {"phone": phone, "password": "demo1234"})
    assert response.status_code == 422
    text = page_text(response)
    assert "手机号或密码不对" in text or "这一项必须填写" in text


def test_login_goes_back_to_the_page_asked_for_but_never_off_site(client):
    assert client.get("/me").headers["Location"].startswith("/login?next=")
    response = client.post("/login?next=/me", {"phone": "13800000005", "password": "demo1234"})
    assert response.headers["Location"] == "/me"

OFF_SITE = ["//evil.example/", "/%09/evil.example", "/%0d%0a/evil.example", "/%5Cevil.example",
            "/%5C%5Cevil.example", "https://evil.example/", "/%0A%0DSet-Cookie:x=1", "%2F%2Fevil.example"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_never_sends_anyone_off_site(client, target):
    """Browsers drop tabs and newlines from a URL and read a backslash as a slash, so each of
    these would have left the site once the old "starts with one slash" check had passed."""
    response = client.post(f"/login?next={target}", {"phone": "13800000005", "password": "demo1234"})
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_a_disabled_account_cannot_log_in(client, person):
    person("13800000005").active = False
    db.session.commit()
    response = client.post("/login", {"phone": "13800000005", "password": "demo1234"})
    assert "这个账号已停用" in page_text(response)


def test_logout_ends_the_session(login):
    villager = login("13800000005")
    assert villager.get("/me").status_code == 200
    assert villager.post("/logout", {}).headers["Location"] == "/login"
    assert villager.get("/me").status_code == 302


def test_password_guessing_is_slowed_down_in_chinese(app, client):
    app.config["RATELIMIT_ENABLED"] = True
    from webapp.extensions import limiter

    limiter.init_app(app)
    for _ in range(10):
        assert client.post("/login", {"phone": "13800000005", "password": "guess"}).status_code == 422
    blocked = client.post("/login", {"phone": "13800000005", "password": "demo1234"})
    assert blocked.status_code == 429
    assert "操作太频繁" in page_text(blocked)


def test_an_unknown_phone_costs_the_same_hash_as_a_wrong_password(app, client, person, monkeypatch):
    """Login time must not tell which phones have accounts: the unknown phone is checked
    against a hash of the same method and cost as the real accounts'."""
    from webapp.accounts import services

    app.config["PASSWORD_HASH_METHOD"] = "scrypt"
    person("13800000005").password_hash = services.hash_password("demo1234")
    db.session.commit()
    checked = []
    real_check = services.check_password_hash
    monkeypatch.setattr(services, "check_password_hash",
                        lambda stored, given: checked.append(stored.split("$")[0]) or real_check(stored, given))
    client.post("/login", {"phone": "13800000005", "password": "wrong-one"})
    client.post("/login", {"phone": "13900000000", "password": "wrong-one"})
    assert len(checked) == 2 and checked[0] == checked[1] and checked[0].startswith("scrypt")


def test_login_throttling_counts_in_redis_so_web_processes_share_it(real_redis, database_url, instance_dir):
    """Two web processes (two apps) on one Redis: ten refused logins on one block the other."""
    from webapp import create_app
    from webapp.config import TestConfig, limiter_storage

    from ..client import Browserless

    _process, url, redis = real_redis
    apps = []
    for _ in range(2):
        config = TestConfig(instance=instance_dir)
        config.SQLALCHEMY_DATABASE_URI, config.REDIS_URL = database_url, url
        config.RATELIMIT_ENABLED, config.RATELIMIT_STORAGE_URI = True, limiter_storage(url)
        apps.append(create_app(config))
    assert url.startswith("unix://") and limiter_storage(url).startswith("redis+unix://")
    first, second = (Browserless(app) for app in apps)
    for _ in range(10):
        with apps[0].app_context():
            assert first.post("/login", {"phone": "13800000005", "password": "guess"}).status_code == 422
    assert [key for key in redis.keys() if b"login" in key], "the counts are not in Redis"
    with apps[1].app_context():
        assert second.post("/login", {"phone": "13800000005", "password": "demo1234"}).status_code == 429
