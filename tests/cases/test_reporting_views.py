"""Reporting through the page: photos cleaned of metadata, uploads checked by content."""
import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from webapp.cases.models import Attachment, Case
from webapp.extensions import db

from ..client import page_text

GPS_IFD, ORIENTATION = 0x8825, 0x0112


def jpeg_with_gps(width=400, height=200) -> bytes:
    """A photo as a phone takes it: GPS position and 'rotate 90°' in its EXIF."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (29.0, 17.0, 30.0), 3: "E", 4: (121.0, 25.0, 10.0)})
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "JPEG", exif=exif.tobytes())
    data = out.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the GPS really is in it
    return data


def form(**files):
    data = {"category": "hazard", "text": "护栏断了", "is_public": "y", "client_ref": "test-ref-000001"}
    data.update(files)
    return data


def count_cases():
    return db.session.scalar(select(func.count()).select_from(Case))


def upload_dir(app) -> Path:
    return Path(app.instance_path) / "uploads" / "cases"


def stored_files(app) -> set:
    root = upload_dir(app)
    return set(root.rglob("*")) if root.exists() else set()


def test_a_report_with_a_photo_is_stored_upright_and_without_gps(app, login):
    villager = login("13800000005")
    response = villager.post("/cases/new", form(photos=(io.BytesIO(jpeg_with_gps()), "IMG_0001.jpg")),
                             content_type="multipart/form-data")
    assert response.status_code == 303
    case_page = villager.get(response.headers["Location"])
    assert "护栏断了" in page_text(case_page)
    case = db.session.scalar(select(Case).order_by(Case.id.desc()))
    photo = case.attachments[0]
    for size in ("", "/small"):
        served = villager.get(f"/cases/{case.id}/files/{photo.id}{size}")
        assert served.status_code == 200 and served.mimetype == "image/jpeg"
        image = Image.open(io.BytesIO(served.data))
        assert not image.getexif(), "no EXIF at all"
        assert b"PhoneMaker" not in served.data and b"GPS" not in served.data
        assert image.height > image.width  # turned upright by its EXIF orientation
        assert max(image.size) <= (160 if size else 640)


@pytest.mark.parametrize("files, message", [
    ({"photos": (io.BytesIO(b"this is not a picture at all"), "photo.jpg")}, "不是照片"),
    ({"photos": (io.BytesIO(b""), "empty.jpg")}, "是空文件"),
    ({"photos": (io.BytesIO(b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024 + 1)), "huge.jpg")}, "太大"),
    ({"voice": (io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * 100), "voice.webm")}, "不是录音文件"),
    ({"video": (io.BytesIO(b"OggS" + b"0" * 100), "clip.mp4")}, "不是视频文件"),
    ({"photos": [(io.BytesIO(jpeg_with_gps(20, 20)), f"p{n}.jpg") for n in range(7)]}, "最多上传6张照片"),
])
def test_bad_uploads_are_refused_with_a_clear_message_and_nothing_is_stored(app, login, files, message):
    villager = login("13800000005")
    before_cases, before_files = count_cases(), stored_files(app)
    response = villager.post("/cases/new", form(**files), content_type="multipart/form-data")
    assert response.status_code == 422
    assert message in page_text(response)
    assert count_cases() == before_cases
    assert stored_files(app) == before_files


def test_a_voice_note_and_a_video_are_kept_as_sent(app, login):
    villager = login("13800000005")
    webm = b"\x1a\x45\xdf\xa3" + b"\x00" * 200
    mp4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200
    response = villager.post("/cases/new", form(voice=(io.BytesIO(webm), "voice.webm"),
                                                video=(io.BytesIO(mp4), "clip.mp4")),
                             content_type="multipart/form-data")
    assert response.status_code == 303
    kinds = sorted(db.session.execute(select(Attachment.kind, Attachment.mime)).all())
    assert ("video", "video/mp4") in kinds and ("voice", "audio/webm") in kinds


def test_the_same_report_posted_twice_makes_one_case(login):
    villager = login("13800000005")
    first = villager.post("/cases/new", form(), content_type="multipart/form-data")
    before = count_cases()
    second = villager.post("/cases/new", form(), content_type="multipart/form-data")
    assert second.headers["Location"] == first.headers["Location"]
    assert count_cases() == before


def test_a_public_report_masks_the_reporters_name_for_other_villagers(login):
    villager = login("13800000005")
    location = villager.post("/cases/new", form(), content_type="multipart/form-data").headers["Location"]
    neighbour_view = page_text(login("13800000007").get(location))
    assert "王**" in neighbour_view and "王大山" not in neighbour_view
    assert "王大山" in page_text(login("13800000004").get(location))  # the grid worker sees who


def test_a_private_report_is_seen_only_by_the_reporter_and_its_handlers(login):
    villager = login("13800000005")
    location = villager.post("/cases/new", form(is_public=""), content_type="multipart/form-data").headers["Location"]
    assert login("13800000007").get(location).status_code == 403
    assert login("13800000006").get(location).status_code == 403
    assert login("13800000004").get(location).status_code == 200


def test_the_grid_workers_queue_lists_the_new_report_with_its_clock(login):
    login("13800000005").post("/cases/new", form(text="水渠堵了"), content_type="multipart/form-data")
    queue = page_text(login("13800000004").get("/cases/queue"))
    assert "水渠堵了" in queue and "还剩" in queue


def test_the_handler_acts_from_the_case_page_and_the_reporter_rates(login):
    villager, grid_worker = login("13800000005"), login("13800000004")
    location = villager.post("/cases/new", form(), content_type="multipart/form-data").headers["Location"]
    page = page_text(grid_worker.get(location))
    assert "答复并办结" in page and "交村服务团队" in page
    empty = grid_worker.post(f"{location}/answer", {"note": ""})
    assert empty.status_code == 422 and "请写明答复内容" in page_text(empty)
    assert grid_worker.post(f"{location}/answer", {"note": "已修好"}).status_code == 303
    rating = page_text(villager.get(location))
    # The outcome first, then the three choices as big buttons with faces and words.
    assert rating.index("已修好") < rating.index("你对处理结果满意吗") < rating.index('value="satisfied"')
    assert rating.count('class="face-icon"') == 3 and "基本满意" in rating and "不满意" in rating
    assert villager.post(f"{location}/rate", {"rating": "satisfied"}).status_code == 303
    assert "已完结" in page_text(villager.get(location))


def test_internal_notes_stay_between_handlers(login, person):
    """Why a case was handed on and to whom is for the handlers; the reporter sees the steps."""
    villager, grid_worker, secretary = login("13800000005"), login("13800000004"), login("13800000003")
    location = villager.post("/cases/new", form(), content_type="multipart/form-data").headers["Location"]
    assert grid_worker.post(f"{location}/to-village", {"note": "需要电工，村里统一找人"}).status_code == 303
    page = page_text(secretary.get(location))
    assert 'value="">请选择</option>' in page and '<option value="0"' not in page
    assert "孙建华（村委会主任）" in page and "赵丽（村医）" in page
    refused = secretary.post(f"{location}/assign", {"member": "", "note": ""})
    assert refused.status_code == 422 and "请选择本村服务团队的成员" in page_text(refused)
    member = person("13800000023")
    assert secretary.post(f"{location}/assign", {"member": member.id, "note": "周五前修好"}).status_code == 303
    for handler in (grid_worker, secretary):
        text = page_text(handler.get(location))
        assert "需要电工，村里统一找人" in text and "周五前修好" in text and "内部说明" in text
    mine = page_text(villager.get(location))
    assert "需要电工" not in mine and "周五前修好" not in mine and "孙建华" not in mine
    assert "分派专人办理" in mine and "东岙村 · 第一网格" in mine


def test_the_township_sees_village_and_grid_on_every_row(login, person):
    from webapp.cases import services

    case, _ = services.report_case(person("13800000005"), category="hazard", text="桥墩裂了")
    services.escalate_to_township(person("13800000004"), case, "需要乡镇派人鉴定")
    queue = page_text(login("13800000002").get("/cases/queue"))
    assert "桥墩裂了" in queue and "东岙村第一网格" in queue
