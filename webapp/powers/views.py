"""The list, one procedure with its live matters, and a matter's public trail."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth import may_keep_accounts, readable_village, require, require_reader
from ..htmx import render
from ..submit import submit
from . import bp, services
from .forms import MatterForm, ProcedureForm, StepForm
from .queries import matter_by_id, matters_of, procedure_by_id, procedures_of


def _loaded(found, village_of, keeping: bool):
    """The procedure or matter, or 404; readable by the current user; kept by them to write."""
    found = found or abort(404)
    village = village_of(found)
    require_reader(current_user, village)
    require(not keeping or may_keep_accounts(current_user, village))
    return found


def _index_page(village, form=None):
    return render("powers/index.html", village=village, procedures=procedures_of(village.id),
                  form=form or ProcedureForm(formdata=None), may_keep=may_keep_accounts(current_user, village))


@bp.route("/powers", methods=["GET", "POST"])
@login_required
def index():
    village = readable_village(request.values.get("village"), current_user)
    if request.method == "GET":
        return _index_page(village)
    require(may_keep_accounts(current_user, village))
    return submit(ProcedureForm(), lambda f: services.create_procedure(current_user, village, f.name.data,
                                                                       f.steps.data, f.basis.data),
                  then=lambda p: url_for("powers.procedure", procedure_id=p.id), again=lambda f: _index_page(village, f))


def _procedure_page(procedure, form=None):
    return render("powers/procedure.html", procedure=procedure, matters=matters_of(procedure),
                  form=form or MatterForm(formdata=None), may_keep=may_keep_accounts(current_user, procedure.village))


@bp.route("/powers/<int:procedure_id>", methods=["GET", "POST"])
@login_required
def procedure(procedure_id):
    procedure = _loaded(procedure_by_id(procedure_id), lambda p: p.village, request.method == "POST")
    if request.method == "GET":
        return _procedure_page(procedure)
    return submit(MatterForm(), lambda f: services.start_matter(current_user, procedure, f.title.data),
                  then=lambda m: url_for("powers.matter", matter_id=m.id), again=lambda f: _procedure_page(procedure, f))


def _matter_page(matter, form=None):
    return render("powers/matter.html", matter=matter, done={s.position: s for s in matter.trail},
                  form=form or StepForm(formdata=None),
                  may_keep=may_keep_accounts(current_user, matter.procedure.village))


@bp.route("/powers/matters/<int:matter_id>", methods=["GET", "POST"])
@login_required
def matter(matter_id):
    matter = _loaded(matter_by_id(matter_id), lambda m: m.procedure.village, request.method == "POST")
    if request.method == "GET":
        return _matter_page(matter)
    return submit(StepForm(), lambda f: services.complete_step(current_user, matter, f.note.data),
                  done=_("已登记这一步。"), then=lambda _: url_for("powers.matter", matter_id=matter.id),
                  again=lambda f: _matter_page(matter, f))
