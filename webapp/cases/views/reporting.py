"""Reporting a problem, my reports and the village's public ones, one case, its files."""
import uuid

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...accounts.queries import user_by_phone
from ...accounts.services import normalise_phone
from ...auth import may_report_for_others, may_view_case, require
from ...htmx import render
from ...params import as_id
from ...service import ServiceError, show_on_form
from .. import bp, media, services
from ..forms import ReportForm
from ..queries import attachment_of, case_by_id, my_reports, public_in_village
from .page import case_page


@bp.route("/cases")
@login_required
def index():
    before = request.args.get("before", type=as_id)
    public = public_in_village(current_user.village_id, before)
    return render("cases/index.html", block="public_cases", mine=[] if before else my_reports(current_user),
                  public=public)


def _report_page(form, status=200):
    if not form.client_ref.data:
        form.client_ref.data = str(uuid.uuid4())
    return render("cases/new.html", form=form, for_others=may_report_for_others(current_user),
                  max_photos=media.MAX_PHOTOS, status=status)


@bp.route("/cases/new", methods=["GET", "POST"])
@login_required
def new():
    form = ReportForm()
    if form.validate_on_submit():
        try:
            reporter = None
            if form.reporter_phone.data:
                reporter = user_by_phone(normalise_phone(form.reporter_phone.data))
                if reporter is None:
                    raise ServiceError(_("没有找到这个手机号的村民。"), "reporter_phone")
            case, created = services.report_case(
                current_user, category=form.category.data, text=form.text.data,
                location=form.location.data, is_public=form.is_public.data,
                client_ref=form.client_ref.data, reporter=reporter,
                photos=request.files.getlist("photos"), voice=request.files.get("voice"),
                video=request.files.get("video"))
            if created:
                flash(_("已提交，网格员会在规定时间内响应。"), "success")
            return redirect(url_for("cases.show", case_id=case.id), 303)
        except ServiceError as error:
            show_on_form(form, error)
    return _report_page(form, 422 if request.method == "POST" else 200)


@bp.route("/cases/<int:case_id>")
@login_required
def show(case_id):
    case = case_by_id(case_id) or abort(404)
    require(may_view_case(current_user, case))
    return case_page(case)


@bp.route("/cases/<int:case_id>/files/<int:attachment_id>")
@bp.route("/cases/<int:case_id>/files/<int:attachment_id>/<any(small):size>")
@login_required
def attachment(case_id, attachment_id, size=None):
    case = case_by_id(case_id) or abort(404)
    require(may_view_case(current_user, case))
    item = attachment_of(case, attachment_id) or abort(404)
    return media.send_stored(item.small_path if size == "small" and item.small_path else item.path, item.mime)
