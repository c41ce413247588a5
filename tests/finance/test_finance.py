"""The accountant's spreadsheet: a good file imports exactly, a bad one imports nothing and
names every bad row; totals equal the lines to the fen."""
import io
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.finance.models import LedgerLine
from webapp.finance.money import parse_amount, yuan
from webapp.finance.queries import lines_of, totals
from webapp.regions.queries import region_by_code

from ..client import page_text

HEADER = ["日期", "收支", "类别", "金额", "对方", "摘要"]
GOOD = [
    [date(2026, 10, 3), "收入", "经营收入", 1200.10, "合作社", "十月租金"],
    ["2026/10/9", "支出", "公益支出", "0.20", "供电所", "电费尾数"],
    ["2026-11-01", "支出", "管理费用", "1,999.99", "印务", "公开栏"],
]


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def count_lines():
    return db.session.scalar(select(func.count()).select_from(LedgerLine))


def upload(client, data: bytes, name="账目.xlsx"):
    return client.post("/finance/import", {"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


@pytest.mark.parametrize("text, fen", [("1260", 126000), ("1,260.5", 126050), ("0.01", 1), (1200.10, 120010)])
def test_amounts_are_exact_fen(text, fen):
    assert parse_amount(text) == fen
    assert yuan(fen).replace(",", "") == f"{fen // 100}.{fen % 100:02d}"


@pytest.mark.parametrize("text", ["十二元", "-5", "1.234", "", "1e3"])
def test_bad_amounts_are_refused(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_a_good_spreadsheet_previews_then_imports_exactly(login):
    secretary = login("13800000003")
    before = count_lines()
    preview = upload(secretary, xlsx(GOOD))
    assert preview.status_code == 200
    html = page_text(preview)
    assert "共 3 笔" in html and "1,999.99" in html
    assert count_lines() == before  # a preview writes nothing
    import re

    token = re.search(r'/finance/import/([0-9a-f]+)', html).group(1)
    assert secretary.post(f"/finance/import/{token}", {}).status_code == 303
    assert count_lines() == before + 3
    amounts = sorted(db.session.scalars(select(LedgerLine.amount_fen).where(
        LedgerLine.occurred_on >= date(2026, 10, 1))))
    assert amounts == [20, 120010, 199999]
    assert secretary.post(f"/finance/import/{token}", {}).status_code == 303  # a second confirm does nothing
    assert count_lines() == before + 3


def test_a_file_with_bad_rows_imports_nothing_and_names_every_row(login):
    secretary = login("13800000003")
    before = count_lines()
    rows = GOOD + [
        ["2026-10-12", "支出", "公益支出", "十二元", "", "文字金额"],          # line 5
        ["2026-10-13", "支出", "吃喝招待", "100", "", "未知类别"],             # line 6
        ["", "收入", "经营收入", "100", "", "没有日期"],                       # line 7
        [date(2026, 10, 3), "收入", "经营收入", 1200.10, "合作社", "十月租金"],  # line 8: repeats line 2
    ]
    response = upload(secretary, xlsx(rows))
    assert response.status_code == 422
    html = page_text(response)
    for line, words in ((5, "不是正确的金额"), (6, "不在科目表里"), (7, "日期"), (8, "与第 2 行重复")):
        assert f"第 {line} 行" in html and words in html
    assert "确认导入" not in html
    assert count_lines() == before


def test_a_row_already_in_the_ledger_is_refused(login):
    secretary = login("13800000003")
    csv = "日期,收支,类别,金额,对方,摘要\n2026-08-02,支出,公益支出,1260.00,东溪电器店,溪边路路灯维修\n"
    response = upload(secretary, csv.encode(), "账目.csv")
    assert response.status_code == 422 and "已经入账" in page_text(response)


def test_the_published_table_totals_equal_the_lines_to_the_fen(login):
    from webapp.finance.models import FinancePeriod

    period = db.session.scalar(select(FinancePeriod).where(FinancePeriod.village_id == region_by_code("QS-DX-DA").id))
    lines = lines_of(period)
    sums = totals(lines)
    assert sums["income"] == sum(x.amount_fen for x in lines if x.kind == "income") == 12_350_000
    assert sums["expense"] == sum(x.amount_fen for x in lines if x.kind == "expense") == 9_868_000
    assert sum(fen for _key, fen in sums["by_category"]) == sums["income"] + sums["expense"]
    page = page_text(login("13800000005").get(f"/finance/{period.id}"))
    assert "123,500.00" in page and "98,680.00" in page and "24,820.00" in page
    printed = page_text(login("13800000005").get(f"/finance/{period.id}/print"))
    assert "print.css" in printed and "123,500.00" in printed


def test_only_the_village_cadres_keep_the_accounts(login):
    villager = login("13800000005")
    assert villager.get("/finance/manage").status_code == 403
    assert upload(villager, xlsx(GOOD)).status_code == 403
    assert login("13800000006").get(f"/finance?village={region_by_code('QS-DX-DA').id}").status_code == 403


def test_a_receipt_photo_is_kept_clean_and_shown_with_its_line(login):
    page = page_text(login("13800000005").get("/finance"))
    assert "2026年第3季度" in page
    period_line = db.session.scalar(select(LedgerLine).where(LedgerLine.receipt_path != ""))
    villager = login("13800000005")
    from webapp.finance.models import FinancePeriod

    period = db.session.scalar(select(FinancePeriod))
    assert "收据" in page_text(villager.get(f"/finance/{period.id}"))
    response = villager.get(f"/finance/lines/{period_line.id}/receipt")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert login("13800000006").get(f"/finance/lines/{period_line.id}/receipt").status_code == 403
