"""Moderation: three reports from different people hide (three from one do not), a decision
with its reason reaches the author, one appeal to the township, a muted person refused with
when and why; the originals are never edited."""
import pytest
from sqlalchemy import select

from webapp.circle import services
from webapp.circle.models import Appeal, Post
from webapp.extensions import db
from webapp.notifications.models import OutboxMessage
from webapp.service import ServiceError

from ..client import page_text

AUTHOR, CADRE, TOWNSHIP = "13800000005", "13800000003", "13800000002"
REPORTERS = ("13800000007", "13800000021", "13800000022")


@pytest.fixture
def rumour(person):
    found = services.create_post(person(AUTHOR), "other", "听说水库要放水了，赶紧搬家！")
    db.session.commit()
    return found


def test_three_reports_from_different_people_hide(person, rumour):
    assert services.report(person(REPORTERS[0]), rumour, "rumour") is False
    assert services.report(person(REPORTERS[1]), rumour, "rumour") is False
    assert services.report(person(REPORTERS[2]), rumour, "rumour") is True
    assert rumour.status == "hidden" and rumour.text == "听说水库要放水了，赶紧搬家！"


def test_three_reports_by_one_person_do_not(person, rumour):
    services.report(person(REPORTERS[0]), rumour, "rumour")
    for _ in range(2):
        with pytest.raises(ServiceError, match="已经举报过"):
            services.report(person(REPORTERS[0]), rumour, "abuse")
    assert rumour.status == "published"


def test_the_author_reads_the_reason_and_appeals_once_to_the_township(person, rumour, login):
    services.decide(person(CADRE), rumour, "remove", "不实信息，水库没有放水计划")
    db.session.commit()
    told = db.session.scalar(select(OutboxMessage.title).where(OutboxMessage.kind == "circle.decided",
                                                               OutboxMessage.user_id == person(AUTHOR).id))
    assert "不实信息" in told
    page = page_text(login(AUTHOR).get(f"/circle/posts/{rumour.id}"))
    assert "不实信息，水库没有放水计划" in page and "向乡镇申诉" in page
    services.appeal(person(AUTHOR), rumour, "我是好心提醒")
    with pytest.raises(ServiceError, match="只能申诉一次"):
        services.appeal(person(AUTHOR), rumour, "再申诉一次")
    db.session.commit()
    appeal = db.session.scalar(select(Appeal).where(Appeal.target_id == rumour.id))
    with pytest.raises(ServiceError):
        services.decide_appeal(person(CADRE), appeal, "keep", "")  # the village cannot hear its own appeal
    services.decide_appeal(person(TOWNSHIP), appeal, "hide", "提醒可以，但要说明消息来源")
    assert rumour.status == "hidden" and appeal.decided_at is not None


def test_only_the_author_appeals_and_only_what_was_hidden_or_removed(person, rumour):
    with pytest.raises(ServiceError):
        services.appeal(person(AUTHOR), rumour, "没被处理也申诉")
    services.decide(person(CADRE), rumour, "hide", "待核实")
    with pytest.raises(ServiceError):
        services.appeal(person(REPORTERS[0]), rumour, "替别人申诉")


def test_a_muted_person_is_refused_with_when_and_why(person, login):
    services.mute(person(CADRE), person(AUTHOR), 7, "一周内发了三条谣言")
    db.session.commit()
    refused = login(AUTHOR).post("/circle/posts", {"category": "life", "text": "今天天气不错"})
    assert refused.status_code == 422
    text = page_text(refused)
    assert "你被暂停发言到" in text and "一周内发了三条谣言" in text
    with pytest.raises(ServiceError, match="暂停发言"):
        services.comment(person(AUTHOR), db.session.scalar(select(Post).where(Post.status == "published")), "评论")


@pytest.mark.parametrize("phone", ["13800000005", "13800000004", "13800000006", "13800000002"])
def test_only_the_village_s_cadres_decide_and_mute(person, rumour, phone):
    with pytest.raises(ServiceError):
        services.decide(person(phone), rumour, "remove", "我觉得不好")
    with pytest.raises(ServiceError):
        services.mute(person(phone), person(AUTHOR), 3, "吵")


def test_the_queue_shows_the_held_and_the_hidden(login):
    page = page_text(login(CADRE).get("/circle/moderation"))
    assert "刷" in page and "听说明年村里的地" in page  # the demo's held post and hidden one
    assert "人举报" in page
    township = page_text(login(TOWNSHIP).get("/circle/moderation"))
    assert "我是听镇上亲戚说的" in township  # the demo's appeal


def test_the_county_imports_words_from_a_text_file(login):
    import io

    from werkzeug.datastructures import FileStorage

    client = login("13800000001")
    upload = FileStorage(io.BytesIO("赌 博 网 站\n裸聊\n\n".encode()), filename="words.txt")
    done = client.post("/circle/words", {"words": upload}, content_type="multipart/form-data")
    assert done.status_code == 303
    from webapp.circle.words import sensitive_words_in
    from webapp.regions.queries import region_by_code

    assert sensitive_words_in("来玩 赌.博.网.站", region_by_code("QS").id) == ["赌博网站"]
    assert login(CADRE).get("/circle/words").status_code == 403
