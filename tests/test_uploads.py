"""Every upload form refuses a file that is not what it claims, names the file in the
message, and shows the name as text: a file named <b>x</b>.jpg never becomes markup."""
import io
from datetime import date

import pytest
from sqlalchemy import select

from webapp.demo import demo_photo
from webapp.extensions import db
from webapp.finance import services as finance
from webapp.mailbox import services as mailbox
from webapp.points import services as points
from webapp.points.models import StoreItem

from .client import page_text

NAME = "<b>x</b>.jpg"
# (who, form URL, the file field, the other fields a complete form needs)
UPLOAD_FORMS = [
    ("13800000005", "/cases/new", "photos", {"category": "hazard", "text": "石桥护栏断了"}),
    ("13800000005", "/cases/new", "voice", {"category": "hazard", "text": "石桥护栏断了"}),
    ("13800000005", "/cases/new", "video", {"category": "hazard", "text": "石桥护栏断了"}),
    ("13800000005", "/mailbox", "photo", {"body": "路灯坏了"}),
    ("13800000005", "/mailbox", "voice", {"body": "路灯坏了"}),
    ("13800000003", "/notices/new", "files", {"section": "village", "title": "通知一则", "body": "内容",
                                              "region": "{village}"}),
    ("13800000003", "/finance/lines?village={village}", "receipt",
     {"kind": "income", "category": "经营收入", "amount": "12.50", "occurred_on": "2026-01-05"}),
    ("13800000005", "/points/claims", "photo", {"text": "帮五保户修好了屋顶"}),
    ("13800000003", "/store/manage", "photo", {"name": "肥皂", "price": "5", "stock": "3"}),
]


@pytest.mark.parametrize("who, url, field, fields", UPLOAD_FORMS)
@pytest.mark.parametrize("content", [b"not a picture at all", b""])
def test_a_file_name_in_a_refusal_is_text_not_markup(login, person, who, url, field, fields, content):
    village = person(who).village_id
    data = {k: v.format(village=village) for k, v in fields.items()}
    data[field] = (io.BytesIO(content), NAME)
    response = login(who).post(url.format(village=village), data, content_type="multipart/form-data")
    assert response.status_code == 422
    page = page_text(response)
    assert "&lt;b&gt;x&lt;/b&gt;.jpg" in page
    assert NAME not in page


def test_a_photo_claiming_too_many_pixels_is_refused_before_decoding(login):
    """A 6 KB PNG can claim 7,100 × 7,100 pixels: decoding it would take 50 MB and seconds."""
    from PIL import Image

    bomb = io.BytesIO()
    Image.new("1", (7100, 7100)).save(bomb, "PNG")
    assert len(bomb.getvalue()) < 20_000
    bomb.seek(0)
    response = login("13800000005").post(
        "/cases/new", {"category": "hazard", "text": "石桥护栏断了", "photos": (bomb, "big.png")},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert "7100×7100像素" in page_text(response)


def test_files_behind_a_login_are_never_cached_as_public(login, person):
    """Letter photos and voice, receipts, good-deed photos, shop pictures and report photos
    go out `private`: a shared cache on the way (a township proxy) must never keep them."""
    villager, secretary = person("13800000005"), person("13800000003")
    letter = mailbox.write_letter(villager, "路灯坏了", photo=mailbox.prepare_attachments(demo_photo("#123456"), None)[0])
    line = finance.add_line(secretary, secretary.village, kind="income", category="经营收入", amount="12.50",
                            occurred_on=date(2026, 1, 5), receipt=finance.prepare_receipt(demo_photo("#654321")))
    claim = points.claim_good_deed(villager, "帮五保户修好了屋顶", points.prepare_claim_photo(demo_photo("#777777")))
    item = db.session.scalar(select(StoreItem).where(StoreItem.photo_path != ""))
    urls = {"13800000005": [f"/mailbox/{letter.id}/photo", f"/points/claims/{claim.id}/photo",
                            f"/store/items/{item.id}/photo"],
            "13800000003": [f"/finance/lines/{line.id}/receipt"]}
    for who, paths in urls.items():
        client = login(who)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            assert response.headers["Cache-Control"].startswith("private"), (path, response.headers["Cache-Control"])
