"""Publishing at each level and who sees what; search; reads, likes, comments."""
from datetime import UTC, datetime, timedelta

import pytest

from webapp.disclosures import services
from webapp.disclosures.queries import feed_regions, listing
from webapp.extensions import db
from webapp.regions.queries import region_by_code
from webapp.service import ServiceError

from ..client import page_text


def titles(user, region_codes, **filters):
    ids = [region_by_code(c).id for c in region_codes]
    return [n.title for n in listing(user, ids, **filters)]


def publish(person, phone, code, title, **options):
    options.setdefault("section", "village")
    options.setdefault("body", f"{title}的内容")
    return services.publish_disclosure(person(phone), region_by_code(code), title=title, **options)


def test_each_level_publishes_and_a_villager_sees_own_village_and_the_levels_above(person):
    publish(person, "13800000001", "QS", "县里的通知")
    publish(person, "13800000002", "QS-DX", "镇里的通知")
    publish(person, "13800000003", "QS-DX-DA", "东岙村的通知")
    villager = person("13800000005")
    feed = [n.title for n in listing(villager, [r.id for r in feed_regions(villager)])]
    assert {"县里的通知", "镇里的通知", "东岙村的通知"} <= set(feed)
    assert feed.index("东岙村的通知") < feed.index("县里的通知")  # newest first
    south = person("13800000010")  # a villager of 南山乡
    south_feed = [n.title for n in listing(south, [r.id for r in feed_regions(south)])]
    assert "县里的通知" in south_feed and "镇里的通知" not in south_feed and "东岙村的通知" not in south_feed


def test_members_only_notices_never_reach_a_sibling_village(person, login):
    notice = publish(person, "13800000003", "QS-DX-DA", "东岙村内部账目", members_only=True)
    assert "东岙村内部账目" in titles(person("13800000005"), ["QS-DX-DA"])
    assert "东岙村内部账目" not in titles(person("13800000006"), ["QS-DX-DA"])
    assert login("13800000006").get(f"/notices/{notice.id}").status_code == 403
    assert login("13800000002").get(f"/notices/{notice.id}").status_code == 200  # the township sees it
    from flask import current_app

    from ..client import Browserless

    assert Browserless(current_app).get(f"/notices/{notice.id}").status_code == 404


def test_only_those_of_a_region_publish_for_it(person):
    for phone, code in (("13800000003", "QS-DX-XL"), ("13800000005", "QS-DX-DA"), ("13800000002", "QS")):
        with pytest.raises(ServiceError, match="不能以这个地区的名义发布"):
            publish(person, phone, code, "越权发布")


@pytest.mark.parametrize("query", ["硬化", "前岸路", "工程", "招投标 路桥", "38.6万元"])
def test_search_finds_a_notice_by_any_word_of_its_title_or_body(person, query):
    publish(person, "13800000003", "QS-DX-DA", "村道硬化工程进展", section="major",
            body="前岸路硬化工程已完成招投标，中标单位为县路桥公司，预算38.6万元。")
    assert "村道硬化工程进展" in titles(person("13800000005"), ["QS-DX-DA"], query=query)


def test_search_and_filters_narrow_the_list(person):
    publish(person, "13800000003", "QS-DX-DA", "二〇二五年党员大会", section="party", year=2025)
    publish(person, "13800000003", "QS-DX-DA", "二〇二六年党员大会", section="party", year=2026)
    me = person("13800000005")
    assert titles(me, ["QS-DX-DA"], query="党员大会", year=2025) == ["二〇二五年党员大会"]
    assert "二〇二六年党员大会" not in titles(me, ["QS-DX-DA"], section="finance")
    assert titles(me, ["QS-DX-DA"], query="完全不存在的词语") == []


def test_html_in_titles_and_comments_is_shown_as_text_and_inline_script_is_blocked(person, login):
    notice = publish(person, "13800000003", "QS-DX-DA", "<script>alert('标题')</script>")
    villager = login("13800000005")
    villager.post(f"/notices/{notice.id}/comments", {"body": "<img src=x onerror=alert(1)>好"})
    response = villager.get(f"/notices/{notice.id}")
    html = page_text(response)
    assert "<script>alert(" not in html and "&lt;script&gt;alert(" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;好" in html
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src" not in policy  # scripts: our files only
    assert "unsafe-inline" not in policy


def test_a_read_counts_once_per_person_per_day(person, login):
    notice = publish(person, "13800000003", "QS-DX-DA", "读一读")
    villager = login("13800000005")
    for _ in range(3):
        villager.get(f"/notices/{notice.id}")
    login("13800000007").get(f"/notices/{notice.id}")
    db.session.refresh(notice)
    assert notice.read_count == 2
    services.note_read(person("13800000005"), notice, now=datetime.now(UTC) + timedelta(days=1))
    db.session.refresh(notice)
    assert notice.read_count == 3


def test_likes_toggle_and_a_cadre_reply_is_marked(person, login):
    notice = publish(person, "13800000003", "QS-DX-DA", "点赞测试")
    villager = login("13800000005")
    villager.post(f"/notices/{notice.id}/like", {})
    db.session.refresh(notice)
    assert notice.like_count == 1
    villager.post(f"/notices/{notice.id}/like", {})
    db.session.refresh(notice)
    assert notice.like_count == 0
    login("13800000003").post(f"/notices/{notice.id}/comments", {"body": "欢迎大家提意见"})
    assert "干部回复" in page_text(villager.get(f"/notices/{notice.id}"))


def test_a_hidden_comment_keeps_its_reason_for_the_township_only(person, login):
    notice = publish(person, "13800000003", "QS-DX-DA", "评论管理")
    login("13800000007").post(f"/notices/{notice.id}/comments", {"body": "骂人的话"})
    from webapp.disclosures.models import Comment

    comment = db.session.query(Comment).filter_by(disclosure_id=notice.id).one()
    secretary = login("13800000003")
    assert secretary.post(f"/notices/{notice.id}/comments/{comment.id}/hide", {"reason": ""}).status_code == 303
    db.session.refresh(comment)
    assert comment.hidden_at is None
    secretary.post(f"/notices/{notice.id}/comments/{comment.id}/hide", {"reason": "人身攻击"})
    db.session.refresh(comment)
    assert comment.hidden_reason == "人身攻击"
    assert "骂人的话" not in page_text(login("13800000005").get(f"/notices/{notice.id}"))
    township_view = page_text(login("13800000002").get(f"/notices/{notice.id}"))
    assert "骂人的话" in township_view and "已隐藏：人身攻击" in township_view


def test_a_major_matter_shows_its_progress_and_prints_for_the_board(person, login):
    notice = publish(person, "13800000003", "QS-DX-DA", "文化礼堂改造", section="major")
    secretary = login("13800000003")
    assert secretary.post(f"/notices/{notice.id}/progress", {"text": ""}).status_code == 422
    secretary.post(f"/notices/{notice.id}/progress", {"text": "设计方案已公示"})
    villager = login("13800000005")
    assert "设计方案已公示" in page_text(villager.get(f"/notices/{notice.id}"))
    printed = page_text(villager.get(f"/notices/{notice.id}/print"))
    assert "文化礼堂改造" in printed and "print.css" in printed and 'class="tabs"' not in printed


def test_the_home_feed_shows_the_latest_notices(person, login):
    publish(person, "13800000002", "QS-DX", "镇上最新的通知")
    assert "镇上最新的通知" in page_text(login("13800000005").get("/"))


def test_a_policy_comes_with_its_plain_reading_and_a_discussion(person, login):
    with pytest.raises(ServiceError, match="解读"):
        publish(person, "13800000001", "QS", "某项政策", section="policy", body="原文")
    policy = publish(person, "13800000001", "QS", "耕地地力保护补贴政策", section="policy",
                     body="根据财政部农业农村部有关规定……", interpretation="种地的每亩补110元，打到一卡通里。")
    villager = login("13800000005")
    villager.post(f"/notices/{policy.id}/comments", {"body": "租别人的地，补贴给谁？"})
    page = page_text(villager.get(f"/notices/{policy.id}"))
    assert page.index("种地的每亩补110元") < page.index("根据财政部")  # the plain reading first
    assert "讨论" in page and "租别人的地" in page
    assert "耕地地力保护补贴政策" in titles(person("13800000005"), ["QS"], query="一卡通")


def test_members_only_means_verified_members(login, person):
    """An account that merely claims 东岙村 sees that a members-only notice exists and how to
    get verified, never its content; the same account once verified reads it."""
    from sqlalchemy import select

    from webapp.disclosures.models import Disclosure
    from webapp.extensions import db

    notice = db.session.scalar(select(Disclosure).where(Disclosure.members_only.is_(True),
                                                        Disclosure.region_id == person("13800000011").village_id))
    newcomer = login("13800000011")
    listing = page_text(newcomer.get("/notices"))
    assert notice.title not in listing and "仅本村认证村民可看" in listing
    page = newcomer.get(f"/notices/{notice.id}")
    assert page.status_code == 403
    text = page_text(page)
    assert notice.body[:10] not in text and "还没有认证" in text and "周明" in text  # the group leader
    assert newcomer.get("/finance").status_code == 403 and "还没有认证" in page_text(newcomer.get("/finance"))
    person("13800000011").verified_at = person("13800000005").verified_at
    db.session.commit()
    assert newcomer.get(f"/notices/{notice.id}").status_code == 200


def test_a_site_path_in_a_notice_is_a_link_and_nothing_else_is(app):
    from webapp.disclosures import link_site_paths

    html = str(link_site_paths("完整排行见：/points/reports/12。<script>x</script> 1/2 亩 http://evil.example/points/x"))
    assert '<a href="/points/reports/12">/points/reports/12</a>' in html
    assert "&lt;script&gt;" in html and html.count("<a ") == 1


def test_the_monthly_points_notice_links_to_its_report(login):
    from sqlalchemy import select

    from webapp.disclosures.models import Disclosure
    from webapp.extensions import db
    from webapp.points.models import PointReport

    report = db.session.scalar(select(PointReport).where(PointReport.disclosure_id.is_not(None)))
    page = page_text(login("13800000005").get(f"/notices/{report.disclosure_id}"))
    assert f'<a href="/points/reports/{report.id}">' in page
    assert db.session.get(Disclosure, report.disclosure_id)
