"""Tables and totals of a published period, the registers."""
from collections import defaultdict

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit.objects import describes
from ..extensions import db
from ..params import as_id
from .models import EXPENSE, INCOME, FinancePeriod, LedgerLine, RegisterItem
from .money import yuan


def period_by_id(period_id) -> FinancePeriod | None:
    period_id = as_id(period_id)
    return db.session.get(FinancePeriod, period_id) if period_id else None


def line_by_id(line_id) -> LedgerLine | None:
    line_id = as_id(line_id)
    return db.session.get(LedgerLine, line_id) if line_id else None


def is_published(line: LedgerLine) -> bool:
    """Whether a published period of the village covers the line's day."""
    return any(p.first_day <= line.occurred_on < p.end_day for p in periods_of(line.village_id))


def periods_of(village_id: int) -> list[FinancePeriod]:
    periods = db.session.scalars(select(FinancePeriod).where(FinancePeriod.village_id == village_id))
    return sorted(periods, key=lambda p: (p.first_day, p.span == "month"), reverse=True)


def lines_of(period: FinancePeriod) -> list[LedgerLine]:
    return list(db.session.scalars(select(LedgerLine).where(
        LedgerLine.village_id == period.village_id, LedgerLine.occurred_on >= period.first_day,
        LedgerLine.occurred_on < period.end_day).order_by(LedgerLine.occurred_on, LedgerLine.id)))


def totals(lines: list[LedgerLine]) -> dict:
    """Sums by kind and by category, in fen: exactly the sum of the lines."""
    by_category: dict[tuple[str, str], int] = defaultdict(int)
    for line in lines:
        by_category[(line.kind, line.category)] += line.amount_fen
    income = sum(line.amount_fen for line in lines if line.kind == INCOME)
    expense = sum(line.amount_fen for line in lines if line.kind == EXPENSE)
    return {"income": income, "expense": expense, "balance": income - expense,
            "by_category": sorted(by_category.items())}


def category_charts(sums: dict) -> list:
    """Income and expense by category as bar charts (yuan), the biggest first; their numbers are
    the table beside them on the page."""
    from flask_babel import gettext as _

    from ..charts import bar_chart

    charts = []
    for kind, title in ((INCOME, _("收入按类别（元）")), (EXPENSE, _("支出按类别（元）"))):
        rows = sorted(((category, fen / 100) for (k, category), fen in sums["by_category"] if k == kind),
                      key=lambda row: -row[1])
        if rows:
            charts.append((title, bar_chart(title, rows)))
    return charts


def register_of(village_id: int, register: str) -> list[RegisterItem]:
    return list(db.session.scalars(select(RegisterItem).where(
        RegisterItem.village_id == village_id, RegisterItem.register == register).order_by(RegisterItem.id)))


@describes("ledgerline")
def describe_lines(ids: list[int]) -> dict[int, str]:
    return {line.id: _("账目 %(amount)s元（%(what)s）", amount=yuan(line.amount_fen),
                            what=line.summary or line.category)
            for line in db.session.scalars(select(LedgerLine).where(LedgerLine.id.in_(ids)))}


@describes("financeperiod")
def describe_periods(ids: list[int]) -> dict[int, str]:
    return {p.id: _("财务公开 %(label)s", label=p.label)
            for p in db.session.scalars(select(FinancePeriod).where(FinancePeriod.id.in_(ids)))}


@describes("registeritem")
def describe_register_items(ids: list[int]) -> dict[int, str]:
    return {iid: _("登记 %(name)s", name=name) for iid, name in db.session.execute(
        select(RegisterItem.id, RegisterItem.name).where(RegisterItem.id.in_(ids)))}
