"""Mediation routes: start, record a session, settle, fail, lawyer takes over."""
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...accounts.queries import user_by_phone
from ...accounts.services import normalise_phone
from ...auth import may_start_mediation, may_take_over_as_lawyer, may_work_mediation, require
from ...service import ServiceError, show_on_form
from .. import bp
from .. import mediation as services
from ..forms import MediationForm, NoteForm, ReasonForm
from ..queries import case_by_id
from .page import case_page


def _done(case, message):
    flash(message, "success")
    return redirect(url_for("cases.show", case_id=case.id), 303)


@bp.route("/cases/<int:case_id>/mediation", methods=["POST"])
@login_required
def start_mediation(case_id):
    case = case_by_id(case_id) or abort(404)
    require(may_start_mediation(current_user, case))
    form = MediationForm()
    if form.validate_on_submit():
        try:
            other = user_by_phone(normalise_phone(form.other_phone.data)) if form.other_phone.data else None
            if form.other_phone.data and other is None:
                raise ServiceError(_("没有找到这个手机号的村民。"), "other_phone")
            services.start_mediation(current_user, case, other)
            return _done(case, _("已受理调解。"))
        except ServiceError as error:
            show_on_form(form, error)
    return case_page(case, status=422, mediation=form)


def _mediation_of(case_id, lawyer_may_take=False):
    case = case_by_id(case_id) or abort(404)
    mediation = services.case_mediation(case) or abort(404)
    require(may_work_mediation(current_user, mediation)
            or (lawyer_may_take and may_take_over_as_lawyer(current_user, case)))
    return case, mediation


@bp.route("/cases/<int:case_id>/mediation/session", methods=["POST"])
@login_required
def mediation_session(case_id):
    case, mediation = _mediation_of(case_id)
    form = NoteForm()
    if form.validate_on_submit():
        try:
            services.add_session(current_user, case, mediation, form.note.data)
            return _done(case, _("调解记录已保存。"))
        except ServiceError as error:
            show_on_form(form, error)
    return case_page(case, status=422, note=form)


@bp.route("/cases/<int:case_id>/mediation/settle", methods=["POST"])
@login_required
def mediation_settle(case_id):
    case, mediation = _mediation_of(case_id)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            services.settle(current_user, case, mediation, form.note.data)
            return _done(case, _("调解成功，已记录协议。"))
        except ServiceError as error:
            show_on_form(form, error)
    return case_page(case, status=422, reason=form)


@bp.route("/cases/<int:case_id>/mediation/fail", methods=["POST"])
@login_required
def mediation_fail(case_id):
    case, mediation = _mediation_of(case_id)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            services.fail_mediation(current_user, case, mediation, form.note.data)
            return _done(case, _("已转公益律师。"))
        except ServiceError as error:
            show_on_form(form, error)
    return case_page(case, status=422, reason=form)


@bp.route("/cases/<int:case_id>/mediation/lawyer", methods=["POST"])
@login_required
def mediation_lawyer(case_id):
    case, mediation = _mediation_of(case_id, lawyer_may_take=True)
    if NoteForm().validate_on_submit():
        try:
            services.take_over_as_lawyer(current_user, case, mediation)
            return _done(case, _("你已接手这件纠纷。"))
        except ServiceError as error:
            flash(error.message, "error")
    return redirect(url_for("cases.show", case_id=case.id), 303)
