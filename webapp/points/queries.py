"""Read models for the points pages and reports."""
from collections import OrderedDict

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..accounts.models import User
from ..audit.objects import describes, quote
from ..database import utcnow
from ..extensions import db
from ..params import as_id
from .models import (
    KINDS,
    GoodDeedClaim,
    PointBalance,
    PointEntry,
    PointReport,
    PointRule,
    ServiceStar,
    StoreItem,
    StoreOrder,
)
from .models.claims import PENDING
from .services.ledger import BEIJING


def balance_of(user) -> int:
    return db.session.scalar(select(PointBalance.balance).where(PointBalance.user_id == user.id)) or 0


def history_of(user, limit: int = 50) -> list[PointEntry]:
    return list(db.session.scalars(select(PointEntry).where(PointEntry.user_id == user.id)
                                   .order_by(PointEntry.id.desc()).limit(limit)))


def months_of(user, months: int = 12) -> list[tuple[str, int]]:
    """The person's points earned per Beijing month, newest first (the store not counted)."""
    entries = db.session.execute(select(PointEntry.created_at, PointEntry.points).where(
        PointEntry.user_id == user.id, PointEntry.kind.in_(tuple(KINDS))).order_by(PointEntry.created_at.desc())
        .limit(2000)).all()
    totals: OrderedDict[str, int] = OrderedDict()
    for at, points in entries:
        label = at.astimezone(BEIJING).strftime("%Y-%m")
        totals[label] = totals.get(label, 0) + points
    return list(totals.items())[:months]


def verified_villagers(village_id: int) -> list[User]:
    return list(db.session.scalars(select(User).where(User.village_id == village_id, User.verified_at.is_not(None),
                                                      User.active.is_(True)).order_by(User.group_id, User.name)))


def recent_entries(village_id: int, limit: int = 30) -> list[PointEntry]:
    return list(db.session.scalars(select(PointEntry).where(PointEntry.village_id == village_id)
                                   .order_by(PointEntry.id.desc()).limit(limit)))


def entry_by_id(entry_id) -> PointEntry | None:
    entry_id = as_id(entry_id)
    return db.session.get(PointEntry, entry_id) if entry_id else None


def rule_by_id(rule_id) -> PointRule | None:
    rule_id = as_id(rule_id)
    return db.session.get(PointRule, rule_id) if rule_id else None


def villagers_by_ids(village_id: int, ids: list[int]) -> list[User]:
    """The people of the village among those ticked (anyone else ticked is left out)."""
    return list(db.session.scalars(select(User).where(User.id.in_(ids), User.village_id == village_id))) if ids else []


def claim_by_id(claim_id) -> GoodDeedClaim | None:
    claim_id = as_id(claim_id)
    return db.session.get(GoodDeedClaim, claim_id) if claim_id else None


def item_by_id(item_id) -> StoreItem | None:
    item_id = as_id(item_id)
    return db.session.get(StoreItem, item_id) if item_id else None


def order_by_id(order_id) -> StoreOrder | None:
    order_id = as_id(order_id)
    return db.session.get(StoreOrder, order_id) if order_id else None


def report_by_id(report_id) -> PointReport | None:
    report_id = as_id(report_id)
    return db.session.get(PointReport, report_id) if report_id else None


def reversed_ids(entries: list[PointEntry]) -> set[int]:
    """Which of these entries already have their correction."""
    ids = [e.id for e in entries]
    return set(db.session.scalars(select(PointEntry.reverses_id).where(PointEntry.reverses_id.in_(ids)))) if ids else set()


# ---- claims -------------------------------------------------------------------------------

def claims_of(user, limit: int = 20) -> list[GoodDeedClaim]:
    return list(db.session.scalars(select(GoodDeedClaim).where(GoodDeedClaim.user_id == user.id)
                                   .order_by(GoodDeedClaim.id.desc()).limit(limit)))


def pending_claims(village_id: int) -> list[GoodDeedClaim]:
    return list(db.session.scalars(select(GoodDeedClaim).where(GoodDeedClaim.village_id == village_id,
                                                               GoodDeedClaim.status == PENDING)
                                   .order_by(GoodDeedClaim.id)))


# ---- the goodwill supermarket -------------------------------------------------------------

def store_items(village_id: int, active_only: bool = True) -> list[StoreItem]:
    query = select(StoreItem).where(StoreItem.village_id == village_id)
    if active_only:
        query = query.where(StoreItem.active.is_(True))
    return list(db.session.scalars(query.order_by(StoreItem.price, StoreItem.id)))


def orders_of(user, limit: int = 20) -> list[StoreOrder]:
    return list(db.session.scalars(select(StoreOrder).where(StoreOrder.user_id == user.id)
                                   .order_by(StoreOrder.id.desc()).limit(limit)))


def handed_over_today(village_id: int, limit: int = 20) -> list[StoreOrder]:
    from .models.store import REDEEMED

    since = utcnow().astimezone(BEIJING).replace(hour=0, minute=0, second=0, microsecond=0)
    return list(db.session.scalars(select(StoreOrder).where(
        StoreOrder.village_id == village_id, StoreOrder.status == REDEEMED, StoreOrder.closed_at >= since)
        .order_by(StoreOrder.closed_at.desc()).limit(limit)))


# ---- reports and stars --------------------------------------------------------------------

def reports_of(village_id: int, limit: int = 24) -> list[PointReport]:
    return list(db.session.scalars(select(PointReport).where(PointReport.village_id == village_id)
                                   .order_by(PointReport.month.desc()).limit(limit)))


def year_candidates(village_id: int, year: int, limit: int = 20) -> list[tuple[int, str, int]]:
    """The village's people with the most points earned in the year: the stars' candidates."""
    from datetime import datetime

    start, end = datetime(year, 1, 1, tzinfo=BEIJING), datetime(year + 1, 1, 1, tzinfo=BEIJING)
    total = func.sum(PointEntry.points)
    rows = db.session.execute(
        select(PointEntry.user_id, User.name, total).join(User, User.id == PointEntry.user_id)
        .where(PointEntry.village_id == village_id, PointEntry.kind.in_(tuple(KINDS)),
               PointEntry.created_at >= start, PointEntry.created_at < end)
        .group_by(PointEntry.user_id, User.name).having(total > 0).order_by(total.desc(), User.name).limit(limit)).all()
    return [(uid, name, int(points)) for uid, name, points in rows]


def stars_of(village_id: int) -> list[ServiceStar]:
    return list(db.session.scalars(select(ServiceStar).where(ServiceStar.village_id == village_id)
                                   .order_by(ServiceStar.year.desc(), ServiceStar.points.desc())))


@describes("point_entry")
def describe_entries(ids: list[int]) -> dict[int, str]:
    return {eid: _("积分 %(points)+d（%(name)s）", points=points, name=name) for eid, points, name in
            db.session.execute(select(PointEntry.id, PointEntry.points, User.name)
                               .join(User, User.id == PointEntry.user_id).where(PointEntry.id.in_(ids)))}


@describes("good_deed_claim")
def describe_claims(ids: list[int]) -> dict[int, str]:
    return {cid: _("好人好事%(what)s", what=quote(text)) for cid, text in db.session.execute(
        select(GoodDeedClaim.id, GoodDeedClaim.text).where(GoodDeedClaim.id.in_(ids)))}


@describes("point_report")
def describe_reports(ids: list[int]) -> dict[int, str]:
    return {rid: _("积分月报 %(month)s", month=month) for rid, month in db.session.execute(
        select(PointReport.id, PointReport.month).where(PointReport.id.in_(ids)))}


@describes("store_item")
def describe_goods(ids: list[int]) -> dict[int, str]:
    return {iid: _("商品 %(name)s", name=name) for iid, name in db.session.execute(
        select(StoreItem.id, StoreItem.name).where(StoreItem.id.in_(ids)))}


@describes("store_order")
def describe_orders(ids: list[int]) -> dict[int, str]:
    return {oid: _("兑换 #%(id)s（%(name)s）", id=oid, name=name) for oid, name in db.session.execute(
        select(StoreOrder.id, StoreItem.name).join(StoreItem, StoreItem.id == StoreOrder.item_id)
        .where(StoreOrder.id.in_(ids)))}
