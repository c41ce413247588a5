"""The goodwill supermarket: the village's shelf, ordering and the code with its QR, the
shopkeeper's counter, and the cadres' shelf management."""
import segno
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from ... import media
from ...auth import (
    authorised,
    may_keep_store,
    may_order_from,
    may_run_points,
    owns_order,
    readable_village,
    require,
    shops_in,
)
from ...htmx import render
from ...params import as_id
from ...service import ServiceError
from ...submit import press, refused, submit
from .. import bp, services
from ..forms import CodeForm, RestockForm, StoreItemForm
from ..models.store import HELD
from ..queries import balance_of, handed_over_today, item_by_id, order_by_id, orders_of, store_items


@bp.route("/store")
@login_required
def store():
    village = readable_village(request.args.get("village", type=as_id), current_user)
    mine = orders_of(current_user) if shops_in(current_user, village) else []
    return render("points/store.html", village=village, items=store_items(village.id), orders=mine,
                  balance=balance_of(current_user), may_order=shops_in(current_user, village),
                  keep_offline=[(url_for("points.order", order_id=o.id), o.status) for o in mine if o.status == HELD])


@bp.route("/store/items/<int:item_id>/photo")
@login_required
def item_photo(item_id):
    item = item_by_id(item_id) or abort(404)
    readable_village(item.village_id, current_user)
    return media.send_stored_photo(item.photo_path)


@bp.route("/store/items/<int:item_id>/order", methods=["POST"])
@login_required
def order_item(item_id):
    item = authorised(item_by_id(item_id), may_order_from)
    return press(lambda: services.order_item(current_user, item),
                 done=_("兑换成功，积分已冻结。到热心超市出示下面的兑换码即可领取。"),
                 then=lambda order: url_for("points.order", order_id=order.id), back=url_for("points.store"))


@bp.route("/store/orders/<int:order_id>")
@login_required
def order(order_id):
    order = authorised(order_by_id(order_id), owns_order)
    # A full QR code (not segno's default Micro QR for short data): every phone camera and
    # BarcodeDetector reads it. A viewBox without a fixed size lets the page make it big.
    qr = Markup(segno.make_qr(order.code, error="m").svg_inline(scale=1, border=2, dark="#000", light="#fff",
                                                                 omitsize=True, title=order.code))
    return render("points/order.html", order=order, qr=qr,
                  keep_offline=[(url_for("points.order", order_id=order.id), order.status)] if order.status == HELD else [])


@bp.route("/store/orders/<int:order_id>/cancel", methods=["POST"])
@login_required
def cancel_order(order_id):
    order = authorised(order_by_id(order_id), owns_order)
    return press(lambda: services.cancel_order(current_user, order), done=_("已取消，积分已退回。"),
                 then=lambda _: url_for("points.order", order_id=order.id))


def _counter_page(code="", found=None, form=None):
    village = current_user.village
    return render("points/counter.html", village=village, code=code, found=found, form=form,
                  today=handed_over_today(village.id))


@bp.route("/store/counter", methods=["GET", "POST"])
@login_required
def counter():
    """The shopkeeper scans the villager's QR (or types the code), sees what it is for, and
    hands the good over."""
    require(may_keep_store(current_user, current_user.village))
    if request.method == "POST":
        return submit(CodeForm(), lambda f: services.redeem_order(current_user, f.code.data),
                      done=lambda o: _("已交付：%(item)s，给%(name)s。", item=o.item.name, name=o.user.name),
                      then=lambda _: url_for("points.counter"), again=lambda f: _counter_page(f.code.data, form=f))
    code = (request.args.get("code") or "").strip()
    found, why_not = _looked_up(code)
    page = _counter_page(code, found, why_not)
    return refused(page) if why_not else page


def _looked_up(code: str) -> tuple:
    """(the held order, None) for a good code, (None, a form carrying why not) otherwise."""
    if not code:
        return None, None
    try:
        return services.order_for_code(current_user, code), None
    except ServiceError as error:
        form = CodeForm(formdata=None, code=code)
        form.code.errors = [error.message]
        return None, form


def _manage_page(form=None, refused_restock=None):
    village = current_user.village
    return render("points/manage_store.html", form=form or StoreItemForm(formdata=None),
                  refused_restock=refused_restock, items=store_items(village.id, active_only=False))


@bp.route("/store/manage", methods=["GET", "POST"])
@login_required
def manage_store():
    require(may_run_points(current_user, current_user.village))
    if request.method == "GET":
        return _manage_page()
    return submit(StoreItemForm(), lambda f, photo: services.save_store_item(
        current_user, current_user.village, f.name.data, f.price.data, f.stock.data, photo),
        done=_("商品已上架。"), then=lambda _: url_for("points.manage_store"), again=_manage_page,
        prepare=lambda _f: services.prepare_item_photo(request.files.get("photo")))


@bp.route("/store/items/<int:item_id>/restock", methods=["POST"])
@login_required
def restock_item(item_id):
    item = item_by_id(item_id) or abort(404)
    require(may_run_points(current_user, services.store.item_village(item)))
    return submit(RestockForm(), lambda f: services.restock_item(current_user, item, f.added.data, active=f.active.data),
                  done=_("已保存。"), then=lambda _: url_for("points.manage_store"),
                  again=lambda f: _manage_page(refused_restock=f))
