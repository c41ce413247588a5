"""The inbox (消息): newest first, unread in bold; opening one marks it read."""
from flask import abort, redirect, request, url_for
from flask_login import current_user, login_required

from ..accounts.forms import EmptyForm
from ..htmx import render
from ..params import as_id
from ..urls import local_path
from . import bp, services
from .queries import inbox as inbox_of
from .queries import notification_of


@bp.route("/inbox")
@login_required
def inbox():
    before = request.args.get("before", type=as_id)
    items = inbox_of(current_user, before)
    return render("notifications/inbox.html", block="items", items=items, form=EmptyForm())


@bp.route("/inbox/<int:notification_id>", methods=["POST"])
@login_required
def open_notification(notification_id):
    item = notification_of(current_user, notification_id) or abort(404)
    if EmptyForm().validate_on_submit():
        services.mark_read(current_user, item)
    return redirect(local_path(item.url) or url_for("notifications.inbox"))


@bp.route("/inbox/read-all", methods=["POST"])
@login_required
def read_all():
    if EmptyForm().validate_on_submit():
        services.mark_all_read(current_user)
    return redirect(url_for("notifications.inbox"))
