"""Bad input gets a clear Chinese message or a 404, never a 500, and changes nothing: every
route is walked with hostile values in its path, its query string and its form fields."""
import io
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from webapp.audit.models import AuditEntry
from webapp.extensions import db

from .client import page_text
from .test_route_walk import LAST, targets

HUGE = "99999999999999999999"  # beyond 64 bits
HOSTILE = [HUGE, "-5", "0", "abc", "0001-01-01", "9999-12-31", "1e300", "x\x00y", "/\r\n/evil.example",
           "９９", "", " " * 3]
QUERY_NAMES = ["region", "village", "before", "page", "year", "from", "to", "q", "section", "code", "next",
               "month", "register", "size", "kind"]
# Every name a form of the app posts: each gets the same hostile value.
FORM_NAMES = ["text", "body", "note", "reason", "title", "name", "phone", "password", "amount", "price",
              "stock", "added", "rule", "people", "member", "department", "rating", "year", "number",
              "span", "kind", "category", "occurred_on", "region", "role", "code", "village", "active",
              "section", "resident", "answer", "other_phone", "reporter_phone", "client_ref", "location",
              "is_public", "current", "new", "lang", "next", "value", "quantity", "register",
              "interpretation", "members_only", "steps", "basis", "response_hours", "village_days",
              "township_days", "decision", "counterpart", "summary", "group"]


def audit_count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def urls(app, path_value=None):
    ids = targets("QS-DX-DA")
    rules = [r for r in app.url_map.iter_rules() if r.endpoint != "static" and r.endpoint not in LAST]
    for rule in rules:
        args = {k: (path_value if path_value and isinstance(v, int) else v)
                for k, v in ids["args"].items() if k in rule.arguments}
        yield rule, rule.build(args, append_unknown=False)[1]


@pytest.mark.parametrize("phone", [None, "13800000001", "13800000003", "13800000005"])
def test_hostile_values_anywhere_never_give_a_500(app, client, fake_redis, phone):
    if phone:
        client.login(phone)
    failures = []

    def attempt(rule, method, value, url):
        try:
            if method == "GET":
                status = client.get(url).status_code
            else:
                status = client.post(url, {n: value for n in FORM_NAMES}).status_code
        except Exception as error:  # noqa: BLE001  (the test app raises what would be a 500)
            status = f"{type(error).__name__}: {str(error)[:60]}"
            db.session.rollback()
        if not isinstance(status, int) or (status >= 500 and rule.endpoint != "shell.healthz"):
            failures.append((rule.endpoint, method, repr(value), status))

    for value in HOSTILE:
        query = "&".join(f"{n}={quote(value)}" for n in QUERY_NAMES)
        for rule, url in urls(app, path_value=HUGE if value == HUGE else None):
            for method in ("GET", "POST"):
                if method in rule.methods:
                    attempt(rule, method, value, f"{url}?{query}")
    assert not failures, "\n".join(map(str, failures))


def test_a_refused_hostile_write_changes_nothing(client, person):
    client.login("13800000003")
    village = person("13800000003").village_id
    before = audit_count()
    for value in (HUGE, "1e300", "-5", "x\x00"):
        assert client.post(f"/finance/lines?village={village}", {
            "kind": "income", "category": "经营收入", "amount": value, "occurred_on": "2026-01-05"}).status_code == 422
        assert client.post("/points/award", {"rule": value, "people": value, "reason": "好"}).status_code == 422
        assert client.post(f"/finance/periods?village={village}",
                           {"year": value, "span": "month", "number": value}).status_code == 422
    assert audit_count() == before


def test_nul_bytes_are_taken_out_of_text(login):
    from webapp.mailbox.models import Letter

    response = login("13800000005").post("/mailbox", {"body": "路灯\x00坏了"})
    assert response.status_code == 303
    assert db.session.scalar(select(Letter.body).order_by(Letter.id.desc())) == "路灯坏了"


@pytest.mark.parametrize("first, last", [("0001-01-01", "9999-12-31"), ("9999-12-31", "0001-01-01"),
                                         ("2026-13-45", "x")])
def test_figures_for_absurd_dates_say_so_in_chinese(login, first, last):
    response = login("13800000002").get(f"/cases/stats?from={first}&to={last}")
    assert response.status_code in (200, 422)
    if response.status_code == 422:
        assert "日期" in page_text(response)


def test_an_xlsx_amount_beyond_reason_is_named_at_preview_and_confirm(login, person):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["日期", "收支", "类别", "金额", "对方", "摘要"])
    book.active.append(["2026-01-05", "收入", "经营收入", 1e300, "某某", "租金"])
    raw = io.BytesIO()
    book.save(raw)
    village = person("13800000003").village_id
    secretary = login("13800000003")
    before = audit_count()
    response = secretary.post(f"/finance/import?village={village}", {"file": (io.BytesIO(raw.getvalue()), "l.xlsx")},
                              content_type="multipart/form-data")
    assert response.status_code == 422 and "金额" in page_text(response)
    assert audit_count() == before
