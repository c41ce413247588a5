"""The demo county's village circle, through the same services villagers and cadres use: a
lively 东岙村 (life, products with prices, a job, a call for help, comments and likes), 西岭村's
posts for the township's feed, a villager far away who follows home, a finished and an upcoming
activity with sign-ups and a waiting list, local news, today's weather and a pinned typhoon tip
from the township; the county's sensitive words, a post held by one of them, and a post hidden
by three reports whose author has appealed."""
from datetime import timedelta

from .accounts.queries import user_by_phone
from .circle import services
from .circle.models import Activity, Post
from .database import utcnow
from .demo_media import demo_photo
from .extensions import db
from .regions.queries import region_by_code
from .transaction import commit

WORDS = "代开发票\n刷单返利\n高息理财\n六合彩\n"


def _photos(*colours):
    return services.prepare_post_media([demo_photo(c, f"{i}.jpg") for i, c in enumerate(colours)], None, None)


def _post(phone, category, text, colours=(), days_ago=0, **product):
    post = services.create_post(user_by_phone(phone), category, text, _photos(*colours) if colours else None,
                                **product)
    post.created_at = utcnow() - timedelta(days=days_ago, hours=2)
    return post


def load_demo_circle() -> None:
    county, township, village = region_by_code("QS"), region_by_code("QS-DX"), region_by_code("QS-DX-DA")
    admin, township_staff, secretary = (user_by_phone(p) for p in ("13800000001", "13800000002", "13800000003"))
    services.import_words(admin, county, WORDS)
    commit()
    posts = [
        _post("13800000008", "products", "自家山上的杨梅干，晒了三个太阳，酸甜正好。村里人来拿打九折！", ("#8b1a3a", "#a8324f"), 6,
              price="45元", unit="斤", how_to_buy="电话 13800000008，微信同号"),
        _post("13800000005", "life", "今天溪边路的路灯修好了，晚上散步亮堂多了，谢谢村里！", ("#335577",), 5),
        _post("13800000021", "help", "提醒大家：这周三上午卫生室免费量血压、测血糖，带上医保卡。", (), 4),
        _post("13800000022", "jobs", "镇上竹木加工厂招两名搬运工，包午饭，日结150元。有意的找我。", (), 3),
        _post("13800000007", "life", "第一组垃圾分类检查，这个月全部合格，给大家点赞！", ("#2e8b57", "#3cb371", "#66cdaa"), 2),
        _post("13800000006", "products", "西岭村高山茶叶，明前新茶，自己炒的。", ("#4f6f2f",), 2, price="300元", unit="斤",
              how_to_buy="电话 13800000006"),
        _post("13800000004", "activity", "周六上午组织清理溪边垃圾，欢迎大家来，活动报名见“活动”。", (), 1),
    ]
    commit()
    villager, leader, doctor, police = (user_by_phone(p) for p in ("13800000005", "13800000007", "13800000021",
                                                                  "13800000022"))
    for liker in (villager, leader, doctor, police, secretary):
        services.like_post(liker, posts[0])
        services.like_post(liker, posts[4])
    services.like_post(leader, posts[1])
    first = services.comment(villager, posts[0], "去年买过，好吃！给我留两斤。")
    services.comment(user_by_phone("13800000008"), posts[0], "好的，明天送过来。", parent=first)
    services.comment(secretary, posts[1], "有问题随时在“村里”反映。")
    # A villager working far away follows home (西岭村's 赵春花 follows 王大山 of 东岙村).
    services.follow(user_by_phone("13800000006"), villager)
    services.set_offer(user_by_phone("13800000008"), "杨梅干、笋干，自家产的")
    services.set_offer(villager, "会修农机，农忙时可以帮忙")
    commit()
    # Held: a sensitive word caught (split by spaces, as people try).
    services.create_post(user_by_phone("13800000009"), "other", "兼职 刷 单 返 利，一天赚三百，加我微信")
    # Hidden by three reports, and its author appeals.
    rumour = services.create_post(leader, "other", "听说明年村里的地全要被征走了，补偿只有一点点。")
    commit()
    for phone in ("13800000005", "13800000021", "13800000022"):
        services.report(user_by_phone(phone), rumour, "rumour", "没有这回事，村里没发过通知")
    commit()
    services.appeal(leader, rumour, "我是听镇上亲戚说的，不是造谣，希望恢复。")
    commit()
    _activities(village, secretary)
    _news(township, village, township_staff, secretary)


def _activities(village, secretary) -> None:
    now = utcnow()
    done = services.create_activity(secretary, village, dict(
        title="重阳节老人聚餐", place="村文化礼堂", capacity=40, text="请70岁以上的老人参加，志愿者帮忙接送。",
        starts_at=now + timedelta(days=1), signup_until=now + timedelta(hours=20)))
    for phone in ("13800000005", "13800000007", "13800000009", "13800000021"):
        services.sign_up(user_by_phone(phone), done)
    services.mark_attended(secretary, done, user_by_phone("13800000005").id, now=done.starts_at)
    services.mark_attended(secretary, done, user_by_phone("13800000007").id, now=done.starts_at)
    # It happened last month: moved into the past once its steps are written.
    done.starts_at, done.signup_until = now - timedelta(days=40), now - timedelta(days=41)
    cleanup = services.create_activity(user_by_phone("13800000004"), village, dict(
        title="周六溪边清理垃圾", place="溪边路石桥头集合", capacity=3, text="带上手套，村里准备垃圾袋和午饭。",
        starts_at=now + timedelta(days=5), signup_until=now + timedelta(days=4)))
    services.approve(secretary, cleanup)
    for phone in ("13800000005", "13800000007", "13800000021", "13800000022", "13800000008"):
        services.sign_up(user_by_phone(phone), cleanup)  # three places, then the waiting list
    commit()
    assert db.session.get(Activity, cleanup.id).going_count == 3


def _news(township, village, township_staff, secretary) -> None:
    services.publish_news(township_staff, township, "台风“海葵”预计周五夜间登陆",
                          "请加固门窗、收好晾晒的东西，住在山脚和溪边的村民听从安排转移。紧急情况拨打110。",
                          tip_kind="typhoon", pinned=True)
    services.publish_news(secretary, village, "村文化礼堂翻修完工", "礼堂翻修完工，下月起每周五晚放电影。",
                          photo=_photos("#996633")["photos"][0])
    services.publish_news(township_staff, township, "冬季用火安全提醒", "电热毯不要整夜开，灶间不堆柴草。", tip_kind="fire")
    services.enter_weather(secretary, village, "多云转小雨 12-18℃，东北风3级")
    commit()
    assert db.session.query(Post).count() > 0
