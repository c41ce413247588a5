"""Reporting a problem, my reports and the village's public ones, one case, its files."""
import uuid

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ... import media
from ...auth import may_report_for_others, may_view_case
from ...htmx import render
from ...page_cache import cached_page
from ...params import as_id
from ...submit import submit
from .. import bp, services
from ..forms import ReportForm
from ..queries import attachment_of, my_reports, public_in_village
from .loaders import case_for
from .page import case_page


@bp.route("/cases")
@login_required
def index():
    before = request.args.get("before", type=as_id)
    return render("cases/index.html", block="public_cases", mine=[] if before else my_reports(current_user),
                  public=public_in_village(current_user.village_id, before))


def _report_page(form):
    if not form.client_ref.data:
        form.client_ref.data = str(uuid.uuid4())
    return render("cases/new.html", form=form, for_others=may_report_for_others(current_user),
                  max_photos=media.MAX_PHOTOS)


def _report(form, files):
    case, _created = services.report_case(
        current_user, category=form.category.data, text=form.text.data, location=form.location.data,
        is_public=form.is_public.data, client_ref=form.client_ref.data, reporter_phone=form.reporter_phone.data,
        files=files)
    return case


@bp.route("/cases/new", methods=["GET", "POST"])
@cached_page
@login_required
def new():
    if request.method == "GET":
        return _report_page(ReportForm(formdata=None))
    return submit(ReportForm(), _report, done=_("已提交，网格员会在规定时间内响应。"),
                  then=lambda case: url_for("cases.show", case_id=case.id), again=_report_page,
                  prepare=lambda _form: media.prepare_report_files(
                      request.files.getlist("photos"), request.files.get("voice"), request.files.get("video")))


@bp.route("/cases/<int:case_id>")
@login_required
def show(case_id):
    return case_page(case_for(case_id))


@bp.route("/cases/<int:case_id>/files/<int:attachment_id>")
@bp.route("/cases/<int:case_id>/files/<int:attachment_id>/<any(small):size>")
@login_required
def attachment(case_id, attachment_id, size=None):
    item = attachment_of(case_for(case_id, may_view_case), attachment_id) or abort(404)
    return media.send_stored(item.small_path if size == "small" and item.small_path else item.path, item.mime)
