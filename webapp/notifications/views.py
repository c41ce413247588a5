"""The inbox (消息): newest first, unread in bold; opening one marks it read."""
from flask import request, url_for
from flask_login import current_user, login_required

from ..auth import authorised, owns_notification
from ..htmx import render
from ..params import as_id
from ..submit import ButtonForm, press
from ..urls import local_path
from . import bp, services
from .queries import inbox as inbox_of
from .queries import notification_by_id


@bp.route("/inbox")
@login_required
def inbox():
    items = inbox_of(current_user, request.args.get("before", type=as_id))
    return render("notifications/inbox.html", block="items", items=items, form=ButtonForm())


@bp.route("/inbox/<int:notification_id>", methods=["POST"])
@login_required
def open_notification(notification_id):
    item = authorised(notification_by_id(notification_id), owns_notification, hidden=True)
    return press(lambda: services.mark_read(current_user, item),
                 then=lambda _: local_path(item.url) or url_for("notifications.inbox"))


@bp.route("/inbox/read-all", methods=["POST"])
@login_required
def read_all():
    return press(lambda: services.mark_all_read(current_user), then=lambda _: url_for("notifications.inbox"))
