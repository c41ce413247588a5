"""为村课堂: lessons light on data (pictures resized, audio at most 64 kbit/s), finished once
with points through the existing rules, published only by the county's admins and a village's
cadres; the party branch sees its members' study record."""
import io

import pytest
from PIL import Image
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from webapp.classes.models import Lesson, LessonDone
from webapp.extensions import db
from webapp.media import upload_root
from webapp.points.models import PointEntry
from webapp.regions.queries import region_by_code

from ..client import page_text


def mp3(kbps: int, seconds: int = 5) -> FileStorage:
    """An MPEG-1 Layer III file of silent frames at a constant bit rate (what mutagen reads)."""
    index = {32: 1, 64: 5, 128: 9}[kbps]
    frame = bytes([0xFF, 0xFB, index << 4, 0xC4]) + bytes(144 * kbps * 1000 // 44100 - 4)
    return FileStorage(io.BytesIO(frame * int(seconds * 44100 / 1152)), filename=f"{kbps}k.mp3", content_type="audio/mpeg")


def big_picture() -> FileStorage:
    out = io.BytesIO()
    Image.new("RGB", (2400, 1600), "#4a7a3a").save(out, "JPEG")
    out.seek(0)
    return FileStorage(out, filename="big.jpg", content_type="image/jpeg")


def lesson_titled(title) -> Lesson:
    return db.session.scalar(select(Lesson).where(Lesson.title == title))


def test_finishing_a_lesson_counts_once_and_earns_the_lesson_points(login, person):
    lesson = lesson_titled("高血压：每天要做的三件事")
    leader = person("13800000007")
    client = login("13800000007")
    points = lambda: db.session.scalar(select(func.coalesce(func.sum(PointEntry.points), 0)).where(  # noqa: E731
        PointEntry.user_id == leader.id, PointEntry.source_ref == f"lesson:{lesson.id}:{leader.id}"))
    assert "我学完了" in page_text(client.get(f"/classes/{lesson.id}"))
    assert client.post(f"/classes/{lesson.id}/done", {}).status_code == 303
    assert client.post(f"/classes/{lesson.id}/done", {}).status_code == 303
    assert db.session.scalar(select(func.count()).select_from(LessonDone).where(
        LessonDone.lesson_id == lesson.id, LessonDone.user_id == leader.id)) == 1
    assert points() == 2
    assert "这节课你已经学完了" in page_text(client.get(f"/classes/{lesson.id}"))


def test_a_visitor_reads_lessons_by_topic(client):
    page = page_text(client.get("/classes?topic=law"))
    assert "赡养费" in page and "高血压" not in page
    lesson = lesson_titled("老人的赡养费，子女怎么分")
    assert "登录后记录学习进度" in page_text(client.get(f"/classes/{lesson.id}"))
    assert client.post(f"/classes/{lesson.id}/done", {}).status_code in (302, 303, 400)
    assert client.get("/classes?topic=nonsense").status_code == 200


def test_a_lesson_s_picture_is_resized_and_its_audio_kept_light(login):
    county = region_by_code("QS").id
    admin = login("13800000001")
    done = admin.post(f"/classes/new?region={county}", {"topic": "health", "title": "秋冬季防流感", "minutes": "4",
                                                        "body": "勤洗手，多通风。", "active": "y",
                                                        "picture": big_picture(), "audio": mp3(32)},
                      content_type="multipart/form-data")
    assert done.status_code == 303
    lesson = lesson_titled("秋冬季防流感")
    with Image.open(upload_root() / lesson.picture_path) as picture:
        assert max(picture.size) <= 640
    assert lesson.audio_mime == "audio/mpeg"
    heavy = admin.post(f"/classes/new?region={county}", {"topic": "health", "title": "太重的音频", "minutes": "4",
                                                         "audio": mp3(128)}, content_type="multipart/form-data")
    assert heavy.status_code == 422 and "128 kbps" in page_text(heavy)
    assert lesson_titled("太重的音频") is None
    not_audio = admin.post(f"/classes/new?region={county}", {"topic": "health", "title": "假音频", "minutes": "4",
                                                             "audio": FileStorage(io.BytesIO(b"hello" * 100), "a.mp3")},
                           content_type="multipart/form-data")
    assert not_audio.status_code == 422 and "不是能用的音频文件" in page_text(not_audio)


@pytest.mark.parametrize("phone, region, allowed", [
    ("13800000001", "QS", True), ("13800000003", "QS", False), ("13800000003", "QS-DX-DA", True),
    ("13800000005", "QS-DX-DA", False), ("13800000002", "QS-DX-DA", False), ("13800000006", "QS-DX-DA", False),
])
def test_who_publishes_lessons_where(login, phone, region, allowed):
    client = login(phone)
    status = client.get(f"/classes/new?region={region_by_code(region).id}").status_code
    assert status == (200 if allowed else 403)


def test_the_party_branch_sees_its_members_study_record(login):
    village = region_by_code("QS-DX-DA").id
    page = page_text(login("13800000003").get(f"/classes/party?village={village}"))
    assert "党员学习记录" in page
    for phone in ("13800000005", "13800000023", "13800000002", "13800000001"):
        assert login(phone).get(f"/classes/party?village={village}").status_code == 403
