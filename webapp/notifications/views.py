"""The inbox (消息): newest first, unread in bold; opening one marks it read. A person's choice
of channels, digest and quiet hours."""
from datetime import time

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth import authorised, owns_notification
from ..htmx import render
from ..params import as_id
from ..submit import ButtonForm, press, submit
from ..urls import local_path
from . import bp, services
from .forms import PreferencesForm
from .preferences import GROUPS, Choice, preferences_of, set_preferences
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


def _preferences_page(form=None):
    if form is None:
        chosen, (quiet_from, quiet_to) = preferences_of(current_user)
        form = PreferencesForm(formdata=None, quiet_from=time(quiet_from // 60, quiet_from % 60),
                               quiet_to=time(quiet_to // 60, quiet_to % 60),
                               **{f"sms_{g}": c.sms for g, c in chosen.items()},
                               **{f"digest_{g}": c.digest for g, c in chosen.items()})
    return render("notifications/preferences.html", form=form, groups=GROUPS)


@bp.route("/me/notifications")
@login_required
def preferences():
    return _preferences_page()


@bp.route("/me/notifications", methods=["POST"])
@login_required
def save_preferences():
    def save(f):
        chosen = {g: Choice(sms=getattr(f, f"sms_{g}").data, digest=getattr(f, f"digest_{g}").data) for g in GROUPS}
        set_preferences(current_user, chosen, f.quiet_from.data.hour * 60 + f.quiet_from.data.minute,
                        f.quiet_to.data.hour * 60 + f.quiet_to.data.minute)

    return submit(PreferencesForm(), save, done=_("已保存。"), then=lambda _r: url_for("notifications.preferences"),
                  again=_preferences_page)
