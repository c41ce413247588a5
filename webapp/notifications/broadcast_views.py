"""Emergency broadcasts: the cadre's form, and the broadcast's page — the message for everyone
in the region, and for those who sent it the delivered and read counts, refreshing themselves."""
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth import authorised, may_publish, may_view_broadcast, publish_regions, require
from ..extensions import db
from ..htmx import render
from ..regions.queries import region_by_id
from ..service import ServiceError
from ..submit import submit
from . import bp
from .broadcasts import figures, send_broadcast
from .forms import BroadcastForm
from .models import Broadcast


def _form_page(form=None):
    form = form or BroadcastForm(formdata=None)
    form.region.choices = [(r.id, r.name) for r in publish_regions(current_user)]
    return render("notifications/broadcast_new.html", form=form)


@bp.route("/broadcasts/new")
@login_required
def new_broadcast():
    require(bool(publish_regions(current_user)))
    return _form_page()


@bp.route("/broadcasts", methods=["POST"])
@login_required
def send():
    require(bool(publish_regions(current_user)))
    form = BroadcastForm()
    form.region.choices = [(r.id, r.name) for r in publish_regions(current_user)]

    def send_it(f):
        region = region_by_id(f.region.data)
        if region is None:
            raise ServiceError(_("请选择发给哪里。"), "region")
        return send_broadcast(current_user, region, f.hazard.data, f.title.data, f.body.data, f.resend_after.data)

    return submit(form, send_it, done=_("紧急广播已发出：站内消息和短信同时发送。"),
                  then=lambda b: url_for("notifications.broadcast", broadcast_id=b.id), again=_form_page)


@bp.route("/broadcasts/<int:broadcast_id>")
@login_required
def broadcast(broadcast_id):
    item = authorised(db.session.get(Broadcast, broadcast_id), may_view_broadcast)
    sender_view = may_publish(current_user, item.region)
    return render("notifications/broadcast.html", block="figures", broadcast=item, sender_view=sender_view,
                  figures=figures(item) if sender_view else None)
