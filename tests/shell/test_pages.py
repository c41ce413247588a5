"""The shell: error pages, language, the PWA files, headers every page carries."""
import json

import pytest

from ..client import page_text


def test_unknown_pages_get_a_chinese_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "找不到这个页面" in page_text(response)


def test_a_forbidden_page_gets_a_chinese_403(login):
    response = login("13800000005").get("/admin/audit")
    assert response.status_code == 403
    assert "没有权限" in page_text(response)


def test_a_server_error_gets_a_chinese_500_and_rolls_back(app, client):
    app.testing = False
    from webapp.errors import init_app

    init_app(app)

    @app.route("/boom")
    def boom():
        raise RuntimeError("boom")

    response = client.get("/boom")
    assert response.status_code == 500
    assert "系统出了点问题" in page_text(response)


def test_english_is_one_tap_away_and_sticks(client):
    client.post("/lang", {"lang": "en", "next": "/login"})
    page = page_text(client.get("/login"))
    assert '<html lang="en">' in page and "Log in" in page
    client.post("/lang", {"lang": "zh_Hans_CN", "next": "/login"})
    assert "登录" in page_text(client.get("/login"))


@pytest.mark.parametrize("target", ["//evil.example/", "/\t/evil.example", "/\\evil.example",
                                    "/\r\n/evil.example", "http://evil.example"])
def test_language_switch_never_redirects_off_site(client, target):
    response = client.post("/lang", {"lang": "en", "next": target})
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_local_paths_are_read_as_the_browser_reads_them():
    from webapp.urls import local_path

    assert local_path("/notices?q=路灯 坏了") == "/notices?q=路灯 坏了"
    assert [local_path(t) for t in ("/\t/x.example", "/\\x.example", "//x.example", "x.example",
                                    "/a\rb", "", None)] == [None] * 7


def test_times_are_shown_in_beijing_time(app):
    from datetime import UTC, datetime

    from webapp.i18n import local_time

    with app.test_request_context("/"):
        assert local_time(datetime(2026, 11, 23, 6, 5, tzinfo=UTC)) == "2026年11月23日 14:05"


def test_manifest_makes_the_app_installable(client):
    manifest = json.loads(client.get("/manifest.webmanifest").data)
    assert manifest["name"] == "村里" and manifest["lang"] == "zh-CN"
    assert manifest["display"] == "standalone" and manifest["start_url"].startswith("/")
    sizes = {(i["sizes"], i.get("purpose", "any")) for i in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_service_worker_is_served_at_the_root_and_precaches_the_shell(client):
    response = client.get("/sw.js")
    assert response.mimetype == "application/javascript"
    body = page_text(response)
    assert "/offline" in body and "/static/v/" in body and "shell.js" in body
    assert "app.css" in body  # offline, what htmx adds to a kept page is styled too


def test_a_service_worker_check_within_the_hour_is_a_304(client):
    first = client.get("/sw.js")
    assert first.headers["Cache-Control"] == "max-age=3600" and first.headers["ETag"]
    again = client.get("/sw.js", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_pages_carry_csp_and_say_whose_they_are(login, client):
    anonymous = client.get("/login")
    policy = anonymous.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert anonymous.headers["X-Cunli-User"] == ""
    villager = login("13800000005")
    assert villager.get("/me").headers["X-Cunli-User"] != ""
    assert "private" in villager.get("/me").headers["Cache-Control"]


def test_the_stylesheet_is_inline_and_allowed_by_its_hash_alone(client):
    import base64
    import hashlib
    import re

    page = client.get("/login")
    styles = re.findall(r"<style>(.*?)</style>", page_text(page), re.S)
    assert len(styles) == 1 and ".btn{" in styles[0]
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert f"style-src 'self' 'sha256-{digest}';" in page.headers["Content-Security-Policy"]
    assert 'rel="stylesheet"' not in page_text(page)


def test_a_page_inlines_only_the_rules_it_uses_and_names_the_whole_sheet_for_later(client):
    import re

    login = page_text(client.get("/login"))
    style = re.search(r"<style>(.*?)</style>", login, re.S).group(1)
    whole_url = re.search(r'data-stylesheet="(/static/v/[0-9a-f]{10}/app.css)"', login).group(1)
    whole = client.get(whole_url).get_data(as_text=True)
    assert ".btn{" in style and "input," in style  # the login form's buttons and fields
    assert ".tile{" not in style and ".tile{" in whole  # the report form's category tiles
    assert len(style) < len(whole) / 2


def test_static_files_are_versioned_precompressed_and_immutable(client):
    import re

    html = page_text(client.get("/login"))
    scripts = re.findall(r'<script src="(/static/v/[0-9a-f]{10}/[^"]+)" defer fetchpriority="low"></script>', html)
    assert [s.rsplit("/", 1)[1] for s in scripts] == ["shell.js"]  # htmx and ours, one request
    for encoding in ("br", "gzip"):
        response = client.get(scripts[0], headers={"Accept-Encoding": f"{encoding}, deflate"})
        assert response.headers["Content-Encoding"] == encoding
        assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"
        assert response.headers["Vary"] == "Accept-Encoding"  # never Cookie: one copy for everyone
        assert "Set-Cookie" not in response.headers and "ETag" not in response.headers
    plain = client.get(scripts[0], headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and b"htmx" in plain.data and b"cunliOutbox" in plain.data


def test_no_page_has_inline_script(client, login):
    import re

    for page in (client.get("/login"), client.get("/signup"), login("13800000003").get("/me")):
        assert not re.search(r"<script(?![^>]*\bsrc=)", page_text(page))
