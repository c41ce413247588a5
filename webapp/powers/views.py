"""The list, one procedure with its live matters, and a matter's public trail."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth import may_keep_accounts, readable_village, require, require_reader
from ..htmx import render
from ..service import ServiceError, show_on_form
from . import bp, services
from .forms import MatterForm, ProcedureForm, StepForm
from .queries import matter_by_id, matters_of, procedure_by_id, procedures_of


def _village():
    return readable_village(request.values.get("village"), current_user)


@bp.route("/powers", methods=["GET", "POST"])
@login_required
def index():
    village = _village()
    form = ProcedureForm(formdata=None if request.method == "GET" else request.form)
    if request.method == "POST":
        require(may_keep_accounts(current_user, village))
        if form.validate_on_submit():
            try:
                procedure = services.create_procedure(current_user, village, form.name.data, form.steps.data, form.basis.data)
                return redirect(url_for("powers.procedure", procedure_id=procedure.id), 303)
            except ServiceError as error:
                show_on_form(form, error)
    procedures = procedures_of(village.id)
    return render("powers/index.html", village=village, procedures=procedures, form=form,
                  may_keep=may_keep_accounts(current_user, village), status=422 if request.method == "POST" else 200)


def _procedure(procedure_id):
    procedure = procedure_by_id(procedure_id) or abort(404)
    require_reader(current_user, procedure.village)
    return procedure


@bp.route("/powers/<int:procedure_id>", methods=["GET", "POST"])
@login_required
def procedure(procedure_id):
    procedure = _procedure(procedure_id)
    form = MatterForm(formdata=None if request.method == "GET" else request.form)
    if request.method == "POST":
        require(may_keep_accounts(current_user, procedure.village))
        if form.validate_on_submit():
            try:
                matter = services.start_matter(current_user, procedure, form.title.data)
                return redirect(url_for("powers.matter", matter_id=matter.id), 303)
            except ServiceError as error:
                show_on_form(form, error)
    matters = matters_of(procedure)
    return render("powers/procedure.html", procedure=procedure, matters=matters, form=form,
                  may_keep=may_keep_accounts(current_user, procedure.village), status=422 if request.method == "POST" else 200)


@bp.route("/powers/matters/<int:matter_id>", methods=["GET", "POST"])
@login_required
def matter(matter_id):
    matter = matter_by_id(matter_id) or abort(404)
    require_reader(current_user, matter.procedure.village)
    form = StepForm(formdata=None if request.method == "GET" else request.form)
    if request.method == "POST":
        require(may_keep_accounts(current_user, matter.procedure.village))
        if form.validate_on_submit():
            try:
                services.complete_step(current_user, matter, form.note.data)
                flash(_("已登记这一步。"), "success")
                return redirect(url_for("powers.matter", matter_id=matter.id), 303)
            except ServiceError as error:
                show_on_form(form, error)
    done = {s.position: s for s in matter.trail}
    return render("powers/matter.html", matter=matter, done=done, form=form,
                  may_keep=may_keep_accounts(current_user, matter.procedure.village),
                  status=422 if request.method == "POST" else 200)
