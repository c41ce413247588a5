"""Activities: the village's list, proposing or publishing one, signing up and cancelling, the
organiser's QR for check-in, the check-in it leads to, attendance marked by the organiser."""
from datetime import datetime

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from ..accounts.queries import user_by_id
from ..auth import (
    authorised,
    may_organise,
    may_run_activities,
    may_sign_up,
    require,
    sees_village_circle,
)
from ..database import utcnow
from ..htmx import render
from ..i18n import BEIJING
from ..qr import qr_svg
from ..submit import ButtonForm, press, submit
from . import bp, services
from .forms import ActivityForm, CallOffForm
from .queries import activities_of, activity_by_id, my_signup, signups_of


def _may_see(user, activity) -> bool:
    return sees_village_circle(user, activity.village)


@bp.route("/circle/activities")
@login_required
def activities():
    village = current_user.village or abort(404)
    return render("circle/activities.html", village=village,
                  items=activities_of(village.id, include_proposed=may_run_activities(current_user, village)))


def _form_page(form=None):
    return render("circle/activity_form.html", form=form or ActivityForm(formdata=None))


def _at(value) -> datetime | None:
    return value.replace(tzinfo=BEIJING) if value else None


@bp.route("/circle/activities/new")
@login_required
def new_activity():
    require(current_user.village is not None and current_user.is_verified)
    return _form_page()


@bp.route("/circle/activities", methods=["POST"])
@login_required
def create_activity():
    village = current_user.village or abort(403)
    require(current_user.is_verified)
    return submit(ActivityForm(), lambda f: services.create_activity(current_user, village, dict(
        title=f.title.data, place=f.place.data, text=f.text.data, capacity=f.capacity.data,
        starts_at=_at(f.starts_at.data), signup_until=_at(f.signup_until.data))),
        done=lambda a: _("活动已发布，可以报名了。") if a.status == "open" else _("已提交，村干部审核通过后就能报名。"),
        then=lambda a: url_for("circle.activity", activity_id=a.id), again=_form_page)


@bp.route("/circle/activities/<int:activity_id>")
@login_required
def activity(activity_id):
    return _activity_page(authorised(activity_by_id(activity_id), _may_see))


def _activity_page(found, call_off_form=None):
    organiser = may_organise(current_user, found)
    may_approve = may_run_activities(current_user, found.village) and found.status == "proposed"
    return render("circle/activity.html", activity=found, mine=my_signup(found.id, current_user.id),
                  signups=signups_of(found.id) if organiser else [], organiser=organiser, may_approve=may_approve,
                  may_call_off=organiser and found.status in ("proposed", "open") and found.starts_at > utcnow(),
                  call_off_form=call_off_form or CallOffForm(formdata=None),
                  may_sign_up=may_sign_up(current_user, found), form=ButtonForm())


@bp.route("/circle/activities/<int:activity_id>/call-off", methods=["POST"])
@login_required
def call_off(activity_id):
    found = authorised(activity_by_id(activity_id), may_organise)
    declining = found.status == "proposed" and current_user.id != found.organiser_id
    return submit(CallOffForm(), lambda f: services.call_off(current_user, found, f.reason.data),
                  done=_("已退回，发起人会收到原因。") if declining else _("活动已取消，报名的人会收到通知。"),
                  then=lambda _r: url_for("circle.activity", activity_id=found.id),
                  again=lambda form: _activity_page(found, form))


@bp.route("/circle/activities/<int:activity_id>/<any(signup, cancel, approve):act>", methods=["POST"])
@login_required
def act_on_activity(activity_id, act):
    found = authorised(activity_by_id(activity_id), _may_see)
    step = {"signup": lambda: services.sign_up(current_user, found), "cancel": lambda: services.cancel(current_user, found),
            "approve": lambda: services.approve(current_user, found)}[act]
    done = {"signup": lambda s: _("报名成功。") if s.status == "going" else _("名额已满，你在候补名单上，有人退出会自动转正并通知你。"),
            "cancel": _("已取消报名。"), "approve": _("已通过，村民可以报名了。")}[act]
    return press(step, done=done, then=lambda _r: url_for("circle.activity", activity_id=found.id))


@bp.route("/circle/activities/<int:activity_id>/qr")
@login_required
def checkin_qr(activity_id):
    """The organiser's screen: a QR that opens the check-in page with the activity's code."""
    found = authorised(activity_by_id(activity_id), may_organise)
    link = url_for("circle.checkin", activity_id=found.id, code=found.checkin_code, _external=True)
    return render("circle/checkin_qr.html", activity=found, link=link, qr=Markup(qr_svg(link)))  # noqa: S704


@bp.route("/circle/activities/<int:activity_id>/checkin", methods=["GET", "POST"])
@login_required
def checkin(activity_id):
    found = authorised(activity_by_id(activity_id), _may_see)
    code = request.values.get("code", "")
    if request.method == "GET":
        return render("circle/checkin.html", activity=found, code=code, form=ButtonForm())
    return press(lambda: services.check_in(current_user, found, code),
                 done=lambda new: _("签到成功，欢迎参加！") if new else _("你已经签到过了。"),
                 then=lambda _r: url_for("circle.activity", activity_id=found.id),
                 back=url_for("circle.checkin", activity_id=found.id, code=code))


@bp.route("/circle/activities/<int:activity_id>/attendance", methods=["POST"])
@login_required
def mark_attended(activity_id):
    found = authorised(activity_by_id(activity_id), may_organise)
    person = user_by_id(request.form.get("person"))
    return press(lambda: services.mark_attended(current_user, found, person.id if person else None), done=_("已登记到场。"),
                 then=lambda _r: url_for("circle.activity", activity_id=found.id))
