"""Kept pages (webapp/page_cache.py) are sent again only while nothing they show has changed
(webapp/page_versions.py): the cheap path must never show an old page, another person's or
another session's page, or a page to a cookie that was logged out."""
import re

from sqlalchemy import select, update

from webapp.accounts.models import RoleMembership
from webapp.extensions import db
from webapp.notifications.services import deliver_pending, notify
from webapp.page_versions import ALL, PageVersion, versions
from webapp.regions.models import Region

from .client import Browserless, page_text

VILLAGER, WEST_VILLAGER, SECRETARY = "13800000005", "13800000006", "13800000003"


def _cache(app):
    return app.extensions["page_cache"]


def _kept_view(app, browser, url):
    """View twice (the second may still be made: the first teaches what the page needs), then
    once more, which must be sent as kept."""
    browser.get(url)
    browser.get(url)
    hits = _cache(app).hits
    response = browser.get(url)
    assert response.status_code == 200
    assert _cache(app).hits == hits + 1, f"{url} was made again instead of sent as kept"
    return response


def _publish(app, title):
    secretary = Browserless(app).login(SECRETARY)
    village = db.session.scalar(select(Region.id).where(Region.name == "东岙村"))
    response = secretary.post("/notices/new", {"region": village, "section": "village", "title": title,
                                               "body": "村道修好了。", "year": 2026})
    assert response.status_code == 303, page_text(response)
    return response.headers["Location"]


def test_a_page_seen_again_is_sent_as_kept_for_one_statement(app, login, statements):
    villager = login(VILLAGER)
    for url in ("/", "/notices", "/finance", "/points", "/cases/new"):
        made = page_text(_kept_view(app, villager, url))
        statements.clear()
        again = villager.get(url)
        assert page_text(again) == made
        assert len(statements) == 1 and "page_version" in statements[0], statements


def test_a_kept_page_is_sent_compressed_as_made_with_the_policy_for_its_own_style(app, login):
    villager = login(VILLAGER)
    brotli_please = {"Accept-Encoding": "br"}
    villager.get("/notices", headers=brotli_please)
    made = villager.get("/notices", headers=brotli_please)
    hits = _cache(app).hits
    again = villager.get("/notices", headers=brotli_please)
    assert again.status_code == 200 and _cache(app).hits == hits + 1
    assert again.headers["Content-Encoding"] == "br" and again.data == made.data
    assert again.headers["Content-Security-Policy"] == made.headers["Content-Security-Policy"]


def test_a_notice_published_in_the_village_shows_at_once(app, login):
    villager = login(VILLAGER)
    _kept_view(app, villager, "/notices")
    _publish(app, "东岙村道路修缮完工公示")
    assert "东岙村道路修缮完工公示" in page_text(villager.get("/notices"))


def test_a_change_in_another_village_leaves_a_kept_page_alone(app, login):
    west = login(WEST_VILLAGER)
    _kept_view(app, west, "/notices")
    _publish(app, "只在东岙村公开的事")
    hits = _cache(app).hits
    assert "只在东岙村公开的事" not in page_text(west.get("/notices"))
    assert _cache(app).hits == hits + 1


def test_a_message_flashed_is_shown_once_and_not_lost_to_a_kept_page(app, login):
    villager = login(VILLAGER)
    _kept_view(app, villager, "/")
    with villager.http.session_transaction() as session:
        session["_flashes"] = [("message", "已提交，谢谢。")]
    assert "已提交，谢谢。" in page_text(villager.get("/"))
    assert "已提交，谢谢。" not in page_text(villager.get("/"))
    assert "已提交，谢谢。" not in page_text(villager.get("/"))


def _unread(response) -> int:
    found = re.search(r'<b class="tab-badge">(\d+)</b>', page_text(response))
    return int(found.group(1)) if found else 0


def test_a_message_to_me_shows_on_my_kept_page_at_once(app, login, person):
    villager = login(VILLAGER)
    before = _unread(_kept_view(app, villager, "/"))
    notify([person(VILLAGER).id], "notice", "村里有新公告")
    db.session.commit()
    deliver_pending()
    assert _unread(villager.get("/")) > before  # ours, and any the demo left waiting


def test_a_cookie_replayed_after_logout_is_not_sent_the_kept_page(app, login):
    villager = login(VILLAGER)
    _kept_view(app, villager, "/")
    cookies = {c.key: c.value for c in villager.http._cookies.values()}
    villager.post("/logout")
    replayed = Browserless(app)
    for name, value in cookies.items():
        replayed.http.set_cookie(name, value)
    response = replayed.get("/")
    assert response.headers["X-Cunli-User"] == ""
    assert "王大山" not in page_text(response)


def test_a_role_taken_away_is_not_shown_by_a_kept_page(app, login, person):
    grid_worker = login("13800000004")
    assert "办理" in page_text(_kept_view(app, grid_worker, "/"))
    for membership in db.session.scalars(select(RoleMembership).where(
            RoleMembership.user_id == person("13800000004").id)):
        db.session.delete(membership)
    db.session.commit()
    assert 'href="/manage"' not in page_text(grid_worker.get("/"))


def test_each_session_gets_the_page_with_its_own_form_token(app):
    phone_one, phone_two = Browserless(app).login(VILLAGER), Browserless(app).login(VILLAGER)
    _kept_view(app, phone_one, "/cases/new")
    phone_two.get("/cases/new")
    assert phone_one.token != phone_two.token
    response = phone_two.post("/cases/new", {"category": "road", "text": "桥栏杆断了，请尽快修。"})
    assert response.status_code != 400 and "页面已过期" not in page_text(response)


def test_a_write_by_hand_nobody_declared_makes_every_page_again(app):
    before = versions([ALL])[ALL]
    db.session.execute(update(Region).where(Region.name == "东岙村").values(name="东岙村"))
    db.session.commit()
    assert versions([ALL])[ALL] == before + 1


def test_a_savepoint_rolled_back_keeps_the_change_before_it(app, person):
    db.session.execute(update(Region).where(Region.name == "东岙村").values(name="东岙村"))
    db.session.commit()  # the row of `all` exists, so adding it again fails
    villager = person(VILLAGER)
    before = versions([f"p:{villager.id}"])[f"p:{villager.id}"]
    villager.name = "王大山二"
    db.session.flush()
    try:
        with db.session.begin_nested():
            db.session.add(PageVersion(scope=ALL, version=0))  # already there: the savepoint fails
            db.session.flush()
    except Exception:  # noqa: BLE001
        pass
    db.session.commit()
    assert versions([f"p:{villager.id}"])[f"p:{villager.id}"] == before + 1
