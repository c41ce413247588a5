"""The goodwill supermarket: the village's shelf, ordering and the code with its QR, the
shopkeeper's counter, and the cadres' shelf management."""
import segno
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from ...auth import may_keep_store, may_run_points, readable_village, require
from ...cases import media
from ...extensions import db
from ...htmx import render
from ...params import as_id
from ...service import ServiceError
from .. import bp, services
from ..models import StoreItem, StoreOrder
from ..models.store import HELD
from ..queries import balance_of, handed_over_today, orders_of, store_items


@bp.route("/store")
@login_required
def store():
    village = readable_village(request.args.get("village", type=as_id), current_user)
    mine = orders_of(current_user) if village.id == current_user.village_id else []
    return render("points/store.html", village=village, items=store_items(village.id), orders=mine,
                  balance=balance_of(current_user), may_order=village.id == current_user.village_id,
                  keep_offline=[url_for("points.order", order_id=o.id) for o in mine if o.status == HELD])


@bp.route("/store/items/<int:item_id>/photo")
@login_required
def item_photo(item_id):
    item = db.session.get(StoreItem, item_id) or abort(404)
    readable_village(item.village_id, current_user)
    return media.send_stored_photo(item.photo_path)


@bp.route("/store/items/<int:item_id>/order", methods=["POST"])
@login_required
def order_item(item_id):
    item = db.session.get(StoreItem, item_id) or abort(404)
    require(item.village_id == current_user.village_id)
    try:
        order = services.order_item(current_user, item)
    except ServiceError as error:
        flash(str(error.message), "error")
        return redirect(url_for("points.store"), 303)
    flash(_("兑换成功，积分已冻结。到热心超市出示下面的兑换码即可领取。"), "success")
    return redirect(url_for("points.order", order_id=order.id), 303)


def _own_order(order_id) -> StoreOrder:
    order = db.session.get(StoreOrder, order_id) or abort(404)
    require(order.user_id == current_user.id)
    return order


@bp.route("/store/orders/<int:order_id>")
@login_required
def order(order_id):
    order = _own_order(order_id)
    # A full QR code (not segno's default Micro QR for short data): every phone camera and
    # BarcodeDetector reads it. A viewBox without a fixed size lets the page make it big.
    qr = Markup(segno.make_qr(order.code, error="m").svg_inline(scale=1, border=2, dark="#000", light="#fff",
                                                                 omitsize=True, title=order.code))
    return render("points/order.html", order=order, qr=qr,
                  keep_offline=[url_for("points.order", order_id=order.id)] if order.status == HELD else [])


@bp.route("/store/orders/<int:order_id>/cancel", methods=["POST"])
@login_required
def cancel_order(order_id):
    order = _own_order(order_id)
    try:
        services.cancel_order(current_user, order)
        flash(_("已取消，积分已退回。"), "success")
    except ServiceError as error:
        flash(str(error.message), "error")
    return redirect(url_for("points.order", order_id=order.id), 303)


@bp.route("/store/counter", methods=["GET", "POST"])
@login_required
def counter():
    """The shopkeeper scans the villager's QR (or types the code), sees what it is for, and
    hands the good over."""
    village = current_user.village
    require(may_keep_store(current_user, village))
    code, found, status = (request.values.get("code") or "").strip(), None, 200
    try:
        if request.method == "POST":
            order = services.redeem_order(current_user, code)
            flash(_("已交付：%(item)s，给%(name)s。", item=order.item.name, name=order.user.name), "success")
            return redirect(url_for("points.counter"), 303)
        if code:
            found = services.order_for_code(current_user, code)
    except ServiceError as error:
        flash(str(error.message), "error")
        status = 422
    return render("points/counter.html", village=village, code=code, found=found,
                  today=handed_over_today(village.id), status=status)


@bp.route("/store/manage", methods=["GET", "POST"])
@login_required
def manage_store():
    village = current_user.village
    require(may_run_points(current_user, village))
    status = 200
    if request.method == "POST":
        form = request.form
        try:
            services.save_store_item(current_user, village, form.get("name"), form.get("price"), form.get("stock"),
                                     request.files.get("photo"))
            flash(_("商品已上架。"), "success")
            return redirect(url_for("points.manage_store"), 303)
        except ServiceError as error:
            flash(str(error.message), "error")
            status = 422
    return render("points/manage_store.html", items=store_items(village.id, active_only=False), status=status)


@bp.route("/store/items/<int:item_id>/restock", methods=["POST"])
@login_required
def restock_item(item_id):
    item = db.session.get(StoreItem, item_id) or abort(404)
    require(may_run_points(current_user, services.store.item_village(item)))
    try:
        services.restock_item(current_user, item, request.form.get("added", "0"),
                              active=request.form.get("active") == "1")
        flash(_("已保存。"), "success")
    except ServiceError as error:
        flash(str(error.message), "error")
    return redirect(url_for("points.manage_store"), 303)
