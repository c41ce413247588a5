"""Posts and feeds: who sees what (my village, my township, people I follow — nothing from a
village I may not see), likes once, comments and replies, sensitive words held however they are
split, products need a way to buy."""
import pytest
from sqlalchemy import func, select

from webapp.circle import services
from webapp.circle.models import Post, PostLike
from webapp.circle.queries import follows_feed, township_feed, village_feed
from webapp.circle.words import normalise, sensitive_words_in
from webapp.extensions import db
from webapp.regions.queries import region_by_code
from webapp.service import ServiceError

from ..client import page_text

VILLAGER, WEST, SOUTH, UNVERIFIED, SHOPKEEPER = "13800000005", "13800000006", "13800000010", "13800000011", "13800000008"


def post_of(phone, text, category="life"):
    from webapp.accounts.queries import user_by_phone

    return services.create_post(user_by_phone(phone), category, text)


def test_the_feeds_hold_my_village_my_township_and_whom_i_follow(app, person):
    dongao, xiling, shixi = (post_of(p, f"{p}的帖子") for p in (VILLAGER, WEST, SOUTH))
    db.session.commit()
    village = {p.id for p in village_feed(region_by_code("QS-DX-DA").id)}
    township = {p.id for p in township_feed(region_by_code("QS-DX").id)}
    assert dongao.id in village and xiling.id not in village
    assert {dongao.id, xiling.id} <= township and shixi.id not in township
    services.follow(person(SOUTH), person(VILLAGER))  # 石溪村 (南山乡) follows someone of 东岙村
    assert dongao.id in {p.id for p in follows_feed(person(SOUTH).id)}


@pytest.mark.parametrize("phone, sees", [(VILLAGER, True), (WEST, True), ("13800000002", True), ("13800000001", True),
                                         (SOUTH, False), (UNVERIFIED, True)])
def test_a_post_is_seen_by_its_township_and_those_over_it_only(login, person, phone, sees):
    found = post_of(VILLAGER, "东岙村的事")
    db.session.commit()
    page = login(phone).get(f"/circle/posts/{found.id}")
    assert page.status_code == (200 if sees else 403)


def test_a_follower_far_away_sees_the_followed_person_s_posts(login, person):
    found = post_of(VILLAGER, "家乡的杨梅熟了")
    db.session.commit()
    client = login(SOUTH)
    assert client.get(f"/circle/posts/{found.id}").status_code == 403
    client.post(f"/circle/people/{person(VILLAGER).id}/follow", {})
    assert client.get(f"/circle/posts/{found.id}").status_code == 200
    assert "家乡的杨梅熟了" in page_text(client.get("/circle?scope=follows"))


def test_a_like_counts_once(login, person):
    found = post_of(VILLAGER, "点赞试试")
    db.session.commit()
    client = login(WEST)
    for _ in range(3):
        assert client.post(f"/circle/posts/{found.id}/like", {}).status_code == 303
    db.session.refresh(found)
    assert found.like_count == 1
    assert db.session.scalar(select(func.count()).select_from(PostLike).where(PostLike.post_id == found.id)) == 1


def test_a_comment_and_a_reply_tell_the_author_and_the_commenter(app, person):
    from webapp.notifications.models import OutboxMessage

    found = post_of(VILLAGER, "谁家有多余的秧苗？")
    first = services.comment(person(WEST), found, "我家有，明天来拿。")
    services.comment(person(VILLAGER), found, "太好了，谢谢！", parent=first)
    told = db.session.execute(select(OutboxMessage.user_id).where(
        OutboxMessage.kind == "comment.circle", OutboxMessage.url == f"/circle/posts/{found.id}")).scalars().all()
    assert sorted(told) == sorted([person(VILLAGER).id, person(WEST).id])
    assert found.comment_count == 2


@pytest.mark.parametrize("text", ["刷单返利", "刷 单 返 利", "刷*单-返·利", "刷单\u200b返利", "ＡＢＣ刷单返利"])
def test_sensitive_words_are_caught_however_they_are_split(app, person, text):
    assert sensitive_words_in(text, region_by_code("QS").id) == ["刷单返利"]
    found = post_of(VILLAGER, f"兼职{text}，日赚三百")
    assert found.status == "held"


def test_full_width_letters_and_case_are_folded():
    assert normalise("ＬｉｕＨｅ Cai！") == "liuhecai"


def test_a_held_post_reaches_no_feed_and_tells_the_cadres(app, person):
    from webapp.notifications.models import OutboxMessage

    found = post_of(VILLAGER, "高 息 理 财，保本")
    db.session.commit()
    assert found.id not in {p.id for p in village_feed(region_by_code("QS-DX-DA").id)}
    assert person("13800000003").id in db.session.scalars(select(OutboxMessage.user_id).where(
        OutboxMessage.kind == "circle.review", OutboxMessage.url == f"/circle/posts/{found.id}")).all()


def test_a_product_needs_a_way_to_buy(app, person):
    with pytest.raises(ServiceError) as refused:
        services.create_post(person(VILLAGER), "products", "卖土鸡蛋", price="2元", unit="个")
    assert refused.value.field == "how_to_buy"


@pytest.mark.parametrize("phone", [UNVERIFIED])
def test_the_unverified_cannot_post(login, phone):
    before = db.session.scalar(select(func.count()).select_from(Post))
    assert login(phone).post("/circle/posts", {"category": "life", "text": "你好"}).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(Post)) == before


def test_the_feed_page_and_a_post_page_weigh_under_14_kb(login):
    import brotli

    client = login(VILLAGER)
    for url in ("/circle", "/circle?scope=township", "/circle/posts/1"):
        page = client.get(url, headers={"Accept-Encoding": "br"})
        assert page.status_code == 200 and len(page.data) <= 14 * 1024, url
        html = brotli.decompress(page.data).decode()
        assert 'loading="lazy"' in html or "/thumb/" not in html


def test_a_post_sent_twice_by_the_phone_s_outbox_is_one_post(login, person):
    client = login(VILLAGER)
    data = {"category": "life", "text": "信号不好，发了两次", "client_ref": "phone-made-post-0001"}
    before = db.session.scalar(select(func.count()).select_from(Post))
    first, again = client.post("/circle/posts", data), client.post("/circle/posts", data)
    assert first.status_code == again.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Post)) == before + 1
    refused = login(WEST).post("/circle/posts", data)  # someone else's id is not theirs to reuse
    assert "提交编号不对" in page_text(refused)
    assert db.session.scalar(select(func.count()).select_from(Post)) == before + 1
