"""Reading the accountant's spreadsheet (XLSX or CSV): every row checked, every bad row named
in Chinese, nothing written here. The caller shows a preview, then imports all or nothing."""
import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from ..csvimport import decode
from ..extensions import db
from .models import CATEGORIES, EXPENSE, INCOME, LedgerLine
from .money import parse_amount

COLUMNS = {"日期": "date", "收支": "kind", "类别": "category", "金额": "amount", "对方": "counterpart",
           "摘要": "summary"}
KIND_WORDS = {"收入": INCOME, "收": INCOME, "income": INCOME, "支出": EXPENSE, "支": EXPENSE, "expense": EXPENSE}


@dataclass
class LedgerPreview:
    rows: list[dict] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _table(raw: bytes, filename: str) -> list[list]:
    if filename.lower().endswith(".xlsx") or raw[:2] == b"PK":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(raw), read_only=True, data_only=True).worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    return list(csv.reader(io.StringIO(decode(raw))))


def _day(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip().replace("/", "-").replace(".", "-")
    parts = text.split("-")
    if len(parts) != 3:
        raise ValueError(value)
    return date(int(parts[0]), int(parts[1]), int(parts[2]))


def read_ledger(raw: bytes, filename: str, village_id: int) -> LedgerPreview:
    preview = LedgerPreview()
    try:
        table = _table(raw, filename)
    except Exception:  # noqa: BLE001  (whatever is wrong with the file, the answer is the same)
        preview.errors.append((0, _("文件打不开，请另存为 XLSX 或 CSV 后再上传。")))
        return preview
    table = [r for r in table if any(str(c or "").strip() for c in r)]
    if not table:
        preview.errors.append((1, _("文件里没有数据。")))
        return preview
    header = [COLUMNS.get(str(c or "").strip(), str(c or "").strip()) for c in table[0]]
    missing = [name for name, key in COLUMNS.items() if key not in header and key not in ("counterpart", "summary")]
    if missing:
        preview.errors.append((1, _("表头缺少这些列：%(cols)s", cols="、".join(missing))))
        return preview
    existing = set(db.session.execute(select(
        LedgerLine.occurred_on, LedgerLine.kind, LedgerLine.amount_fen, LedgerLine.counterpart,
        LedgerLine.summary).where(LedgerLine.village_id == village_id)).all())
    seen: dict[tuple, int] = {}
    for line, values in enumerate(table[1:], start=2):
        cells = dict(zip(header, values, strict=False))
        problems = []
        try:
            day = _day(cells.get("date"))
        except (ValueError, TypeError):
            day = None
            problems.append(_("日期“%(v)s”看不懂，请写成 2026-09-03。", v=cells.get("date") or ""))
        kind = KIND_WORDS.get(str(cells.get("kind") or "").strip())
        if kind is None:
            problems.append(_("收支一栏应填“收入”或“支出”。"))
        category = str(cells.get("category") or "").strip()
        if kind and category not in CATEGORIES[kind]:
            problems.append(_("类别“%(c)s”不在科目表里。", c=category))
        try:
            amount = parse_amount(cells.get("amount"))
        except ValueError:
            amount = None
            problems.append(_("金额“%(v)s”不是正确的金额。", v=cells.get("amount") or ""))
        counterpart = str(cells.get("counterpart") or "").strip()[:60]
        summary = str(cells.get("summary") or "").strip()[:120]
        if problems:
            preview.errors.append((line, "；".join(problems)))
            continue
        key = (day, kind, amount, counterpart, summary)
        if key in seen:
            preview.errors.append((line, _("与第 %(n)s 行重复。", n=seen[key])))
            continue
        if key in existing:
            preview.errors.append((line, _("这一笔已经入账，不能重复导入。")))
            continue
        seen[key] = line
        preview.rows.append(dict(line=line, occurred_on=day, kind=kind, category=category,
                                 amount_fen=amount, counterpart=counterpart, summary=summary))
    if not preview.rows and not preview.errors:
        preview.errors.append((2, _("文件里没有数据。")))
    return preview
