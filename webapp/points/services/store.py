"""The goodwill supermarket (热心超市). Ordering holds the points at once (a store entry in the
ledger) and takes one from the shelf; the shopkeeper's handover closes the order; a cancel or
an expiry returns the points (a reversing entry) and puts the good back.

Two orders racing for the last points or the last good: on PostgreSQL the balance row is
locked (SELECT … FOR UPDATE) and the shelf is taken by a guarded UPDATE (stock > 0); on SQLite
every write transaction begins IMMEDIATE, so they run one after the other. The database's
CHECK (stock >= 0) stands behind both."""
import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm.exc import StaleDataError

from ... import media
from ...audit.services import record
from ...auth import may_keep_store, may_run_points
from ...database import utcnow
from ...extensions import db
from ...jobs import deliver_after_commit
from ...notifications.services import notify
from ...service import ServiceError
from ...transaction import commit, rollback
from ..models import STORE_KIND, PointBalance, PointEntry, StoreItem, StoreOrder
from ..models.store import CANCELLED, EXPIRED, HELD, REDEEMED
from .ledger import add_to_balance

HOLD_DAYS = 7


def prepare_item_photo(file) -> media.Prepared | None:
    return media.prepare_photo(file, "store", "photo")


def save_store_item(actor, village, name: str, price, stock, photo=None) -> StoreItem:
    """`photo` is prepared (prepare_item_photo) before the write transaction."""
    if not may_run_points(actor, village):
        raise ServiceError(_l("你不能管理这个村的热心超市。"))
    name = (name or "").strip()
    if not 1 <= len(name) <= 60:
        raise ServiceError(_l("请填写商品名称（60字以内）。"), "name")
    price, stock = _whole(price, _l("兑换所需积分要填正整数。"), "price", 1), _whole(
        stock, _l("库存要填0或正整数。"), "stock", 0)
    item = StoreItem(village_id=village.id, name=name, price=price, stock=stock,
                     photo_path=media.keep(photo).path if photo else "")
    db.session.add(item)
    record(actor, "store.item_added", item, object_type="store_item", region=village.id, name=name,
           price=price, stock=stock)
    return item


def restock_item(actor, item: StoreItem, added, active: bool = True) -> None:
    """Adds to the shelf (never sets it: orders may be taking from it at the same moment)."""
    if not may_run_points(actor, item_village(item)):
        raise ServiceError(_l("你不能管理这个村的热心超市。"))
    added = _whole(added, _l("补货数量要填0或正整数。"), "stock", 0)
    db.session.execute(update(StoreItem).where(StoreItem.id == item.id)
                       .values(stock=StoreItem.stock + added, active=active))
    record(actor, "store.item_restocked", item, object_type="store_item", region=item.village_id, added=added,
           active=active)


def item_village(item: StoreItem):
    from ...regions.queries import region_by_id

    return region_by_id(item.village_id)


def _whole(value, message, field, least: int) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ServiceError(message, field) from None
    if not least <= number <= 1_000_000:
        raise ServiceError(message, field)
    return number


def _new_code() -> str:
    while True:
        code = f"{secrets.randbelow(10**8):08d}"
        if not db.session.scalar(select(StoreOrder.id).where(StoreOrder.code == code)):
            return code


def order_item(user, item: StoreItem, now=None) -> StoreOrder:
    now = now or utcnow()
    if not user.is_verified or user.village_id != item.village_id:
        raise ServiceError(_l("只有本村认证的村民才能在本村热心超市兑换。"))
    if not item.active:
        raise ServiceError(_l("这件商品已下架。"))
    balance = db.session.scalar(select(PointBalance.balance).where(PointBalance.user_id == user.id)
                                .with_for_update()) or 0
    if balance < item.price:
        raise ServiceError(_l("积分不够：需要 %(price)s 分，你现在有 %(balance)s 分。", price=item.price,
                              balance=balance))
    taken = db.session.execute(update(StoreItem).where(StoreItem.id == item.id, StoreItem.stock > 0)
                               .values(stock=StoreItem.stock - 1)).rowcount
    if not taken:
        raise ServiceError(_l("这件商品已经兑完了。"))
    hold = PointEntry(user_id=user.id, household_id=user.resident.household_id if user.resident else None,
                      village_id=user.village_id, kind=STORE_KIND, points=-item.price,
                      reason=str(_l("兑换：%(name)s", name=item.name))[:200], created_at=now, created_by_id=user.id)
    db.session.add(hold)
    add_to_balance(user.id, -item.price)
    db.session.flush()
    order = StoreOrder(item_id=item.id, user_id=user.id, village_id=item.village_id, code=_new_code(),
                       price=item.price, status=HELD, created_at=now, expires_at=now + timedelta(days=HOLD_DAYS),
                       hold_entry_id=hold.id)
    db.session.add(order)
    record(user, "store.ordered", order, object_type="store_order", region=item.village_id, item=item.name,
           points=item.price)
    # The code in the inbox (and by SMS for whoever chose it): an elder shows the message at the
    # counter instead of finding the page again.
    notify([user.id], "store.ready", str(_l("%(name)s可以领了：到热心超市出示兑换码 %(code)s，%(days)s天内有效。",
                                            name=item.name, code=order.code, days=HOLD_DAYS)),
           url=f"/store/orders/{order.id}", now=now)
    deliver_after_commit()
    return order


def order_for_code(actor, code: str, now=None) -> StoreOrder:
    """The held order a shopkeeper may hand over, or a refusal that says exactly why not."""
    now = now or utcnow()
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    order = db.session.scalar(select(StoreOrder).where(StoreOrder.code == code)) if code else None
    if order is None:
        raise ServiceError(_l("没有这个兑换码，请核对后再输入。"), "code")
    if not may_keep_store(actor, item_village(order.item)):
        raise ServiceError(_l("这是其他村热心超市的兑换码，不能在本店兑换。"), "code")
    if order.status == REDEEMED:
        raise ServiceError(_l("这个兑换码已经用过了，商品已领走。"), "code")
    if order.status == CANCELLED:
        raise ServiceError(_l("这个兑换码已被村民取消，积分已退回。"), "code")
    if order.status == EXPIRED or order.expires_at <= now:
        raise ServiceError(_l("这个兑换码已过期（%(days)s天内有效），积分会退回给村民。", days=HOLD_DAYS), "code")
    return order


def redeem_order(actor, code: str, now=None) -> StoreOrder:
    now = now or utcnow()
    order = order_for_code(actor, code, now)
    order.status, order.closed_at, order.closed_by_id = REDEEMED, now, actor.id
    try:
        with db.session.begin_nested():
            db.session.flush()  # the version guard: a second shopkeeper scanning the code stops here
    except StaleDataError:
        raise ServiceError(_l("这个兑换码已经用过了，商品已领走。"), "code") from None
    record(actor, "store.redeemed", order, object_type="store_order", region=order.village_id,
           user=order.user_id, points=order.price)
    return order


def _release(actor, order: StoreOrder, status: str, now) -> None:
    """Returns the held points (a reversing entry) and the good to the shelf."""
    order.status, order.closed_at, order.closed_by_id = status, now, getattr(actor, "id", None)
    with db.session.begin_nested():
        db.session.flush()  # the version guard: a second cancel or expiry stops here
    hold = db.session.get(PointEntry, order.hold_entry_id)
    db.session.add(PointEntry(user_id=order.user_id, household_id=hold.household_id, village_id=order.village_id,
                              kind=STORE_KIND, points=order.price, reverses_id=order.hold_entry_id,
                              reason=str(_l("兑换退回：%(name)s", name=order.item.name))[:200],
                              created_at=now, created_by_id=getattr(actor, "id", None)))
    add_to_balance(order.user_id, order.price)
    db.session.execute(update(StoreItem).where(StoreItem.id == order.item_id).values(stock=StoreItem.stock + 1))
    record(actor, f"store.{status}", order, object_type="store_order", region=order.village_id,
           user=order.user_id, points=order.price)
    if status == EXPIRED:
        notify([order.user_id], "store.expired", str(_l("兑换码 %(code)s（%(name)s）过期没有领取，%(points)s 分已退回。",
                                                         code=order.code, name=order.item.name, points=order.price)),
               url=f"/store/orders/{order.id}", now=now)


def cancel_order(user, order: StoreOrder, now=None) -> None:
    if order.user_id != user.id:
        raise ServiceError(_l("只能取消自己的兑换。"))
    if order.status != HELD:
        raise ServiceError(_l("这个兑换已经结束，不能再取消。"))
    try:
        _release(user, order, CANCELLED, now or utcnow())
    except StaleDataError:
        raise ServiceError(_l("这个兑换已经结束，不能再取消。")) from None


def expire_orders(now=None, batch: int = 200) -> int:
    """A batch runner (an edge, like a job): every held order past its time returns its
    points, each in a change of its own. Safe to run twice or at once."""
    now = now or utcnow()
    expired = 0
    while True:
        ids = list(db.session.scalars(select(StoreOrder.id).where(StoreOrder.status == HELD,
                                                                  StoreOrder.expires_at <= now).limit(batch)))
        commit()
        if not ids:
            return expired
        for order_id in ids:
            order = db.session.get(StoreOrder, order_id)
            if order is None or order.status != HELD:
                rollback()
                continue
            try:
                _release(None, order, EXPIRED, now)
                commit()
                expired += 1
            except StaleDataError:
                rollback()
