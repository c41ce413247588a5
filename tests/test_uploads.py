"""Every upload form refuses a file that is not what it claims, names the file in the
message, and shows the name as text: a file named <b>x</b>.jpg never becomes markup."""
import io

import pytest

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
