"""Writes to the ledger, the registers and the published periods, each audited."""
import uuid
from datetime import date
from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import media
from ..accounts.queries import people_living_in
from ..audit.services import record
from ..auth import may_keep_accounts
from ..database import insert_rows, utcnow
from ..extensions import db
from ..jobs import deliver_after_commit
from ..notifications.services import notify
from ..service import ServiceError
from ..transaction import after_commit
from .imports import LedgerPreview, read_ledger
from .models import CATEGORIES, REGISTERS, FinancePeriod, LedgerLine, RegisterItem
from .money import parse_amount


def _require_keeper(actor, village) -> None:
    if not may_keep_accounts(actor, village):
        raise ServiceError(_l("只有本村干部可以记账和公开财务。"))


def prepare_receipt(file) -> media.Prepared | None:
    return media.prepare_photo(file, "ledger", "receipt")


def add_line(actor, village, *, kind: str, category: str, amount: str, occurred_on: date,
             counterpart: str = "", summary: str = "", receipt=None) -> LedgerLine:
    """`receipt` is prepared (prepare_receipt) before the write transaction."""
    _require_keeper(actor, village)
    if category not in CATEGORIES.get(kind, []):
        raise ServiceError(_l("请选择正确的收支类别。"), "category")
    try:
        fen = parse_amount(amount)
    except ValueError:
        raise ServiceError(_l("金额不对，例如 1260.50。"), "amount") from None
    line = LedgerLine(village_id=village.id, kind=kind, category=category, amount_fen=fen,
                      occurred_on=occurred_on, counterpart=(counterpart or "")[:60],
                      summary=(summary or "")[:120], entered_by_id=actor.id)
    db.session.add(line)
    db.session.flush()
    if receipt:
        line.receipt_path = media.keep(receipt).path
    _revise_periods(village, [occurred_on])
    record(actor, "finance.line_added", line, region=village, amount_fen=fen, kind=kind)
    return line


def _revise_periods(village, days: list[date]) -> None:
    """Published periods whose page now shows more lines: their copies kept offline are stale."""
    for period in db.session.scalars(select(FinancePeriod).where(FinancePeriod.village_id == village.id)):
        if any(period.first_day <= day < period.end_day for day in days):
            period.revision += 1


def _holding_dir() -> Path:
    folder = Path(current_app.instance_path) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def preview_import(actor, village, raw: bytes, filename: str) -> tuple[str, LedgerPreview]:
    """Check the file and hold it for confirmation; the database is not touched."""
    _require_keeper(actor, village)
    preview = read_ledger(raw, filename, village.id)
    token = uuid.uuid4().hex
    (_holding_dir() / f"{token}-{village.id}-{actor.id}").write_bytes(raw)
    (_holding_dir() / f"{token}.name").write_text(filename)
    return token, preview


def confirm_import(actor, village, token: str) -> int:
    """Import the held file: every row, or (if any row is bad now) nothing."""
    _require_keeper(actor, village)
    held = _holding_dir() / f"{token}-{village.id}-{actor.id}"
    if not token.isalnum() or not held.exists():
        raise ServiceError(_l("找不到要导入的文件，请重新上传。"))
    filename = (_holding_dir() / f"{token}.name").read_text()
    preview = read_ledger(held.read_bytes(), filename, village.id)
    if not preview.ok:
        raise ServiceError(_l("文件中有不正确的行，没有导入任何数据。"))
    now = utcnow()
    insert_rows(LedgerLine.__table__, [dict(
        village_id=village.id, kind=r["kind"], category=r["category"], amount_fen=r["amount_fen"],
        counterpart=r["counterpart"], summary=r["summary"], occurred_on=r["occurred_on"],
        receipt_path="", entered_by_id=actor.id, entered_at=now) for r in preview.rows])
    _revise_periods(village, [r["occurred_on"] for r in preview.rows])
    record(actor, "finance.imported", object_type="import", region=village, lines=len(preview.rows),
           file=filename)
    after_commit(lambda: held.unlink(missing_ok=True))
    return len(preview.rows)


def publish_period(actor, village, year: int, span: str, number: int) -> FinancePeriod:
    _require_keeper(actor, village)
    if span not in ("month", "quarter") or not 1 <= number <= (12 if span == "month" else 4):
        raise ServiceError(_l("请选择要公开的月份或季度。"), "number")
    exists = db.session.scalar(select(FinancePeriod).where(
        FinancePeriod.village_id == village.id, FinancePeriod.year == year,
        FinancePeriod.span == span, FinancePeriod.number == number))
    if exists:
        raise ServiceError(_l("这一期已经公开过了。"), "number")
    period = FinancePeriod(village_id=village.id, year=year, span=span, number=number,
                           published_by_id=actor.id)
    db.session.add(period)
    db.session.flush()
    with force_locale("zh_Hans_CN"):
        notify([uid for uid in people_living_in(village) if uid != actor.id], "finance.published",
               _("%(v)s公开了%(p)s的财务", v=village.name, p=period.label), url=f"/finance/{period.id}")
    record(actor, "finance.published", period, region=village, label=period.label)
    deliver_after_commit()
    return period


def add_register_item(actor, village, *, register: str, name: str, category: str = "",
                      quantity: str = "", value: str = "", location: str = "", note: str = "") -> RegisterItem:
    _require_keeper(actor, village)
    if register not in REGISTERS:
        raise ServiceError(_l("请选择登记簿。"), "register")
    if not (name or "").strip():
        raise ServiceError(_l("请填写名称。"), "name")
    try:
        value_fen = parse_amount(value) if (value or "").strip() else 0
    except ValueError:
        raise ServiceError(_l("金额不对，例如 1260.50。"), "value") from None
    item = RegisterItem(village_id=village.id, register=register, name=name.strip()[:60],
                        category=(category or "")[:30], quantity=(quantity or "")[:30], value_fen=value_fen,
                        location=(location or "")[:60], note=(note or "")[:120])
    db.session.add(item)
    record(actor, "finance.register_added", item, region=village, register=register)
    return item
