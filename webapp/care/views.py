"""The registry's pages: the civil-affairs cadre's list of the village, a carer's people, one
record (its every read audited), and the township's and county's counts."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth import (
    authorised,
    care_count_regions,
    may_keep_registry,
    may_read_care_record,
    may_view_care_counts,
    registry_villages,
    require,
)
from ..htmx import render
from ..regions.queries import region_by_id
from ..submit import submit
from . import bp, services
from .forms import PersonForm, VisitForm
from .models import CATEGORIES
from .queries import cared_for_by, counts_by_village, last_visits, person_by_id, registry_of


@bp.route("/care")
@login_required
def index():
    villages = registry_villages(current_user)
    mine = cared_for_by(current_user)
    overseen = care_count_regions(current_user)
    require(bool(villages or mine or overseen))
    return render("care/index.html", registries=[(v, registry_of(v.id)) for v in villages], mine=mine,
                  overseen=overseen, categories=CATEGORIES)


@bp.route("/care/overview")
@login_required
def overview():
    regions = care_count_regions(current_user)
    region = region_by_id(request.args.get("region")) if request.args.get("region") else (regions[0] if regions else None)
    require(region is not None and may_view_care_counts(current_user, region))
    return render("care/overview.html", region=region, rows=counts_by_village(region), categories=CATEGORIES)


def _person_page(person, form=None):
    return render("care/person.html", person=person, visits=last_visits(person.id), categories=CATEGORIES,
                  form=form or VisitForm(formdata=None), may_keep=may_keep_registry(current_user, person.village))


@bp.route("/care/<int:person_id>")
@login_required
def person(person_id):
    found = authorised(person_by_id(person_id), may_read_care_record)
    services.read_record(current_user, found)  # on the log, committed with the request like any write
    return _person_page(found)


@bp.route("/care/<int:person_id>/visits", methods=["POST"])
@login_required
def visit(person_id):
    found = authorised(person_by_id(person_id), may_read_care_record)
    return submit(VisitForm(), lambda f: services.record_visit(current_user, found, f.note.data),
                  done=_("走访已记下，下次走访时间已更新。"), then=lambda _v: url_for("care.person", person_id=found.id),
                  again=lambda f: _person_page(found, f))


def _values(form) -> dict:
    return {name: field.data for name, field in form._fields.items() if name != "csrf_token"}


def _form_page(village, form, person=None):
    return render("care/person_form.html", form=form, village=village, person=person)


@bp.route("/care/new", methods=["GET", "POST"])
@login_required
def new_person():
    village = region_by_id(request.args.get("village")) or (registry_villages(current_user) or [None])[0]
    if village is None:
        abort(403)
    require(may_keep_registry(current_user, village))
    if request.method == "GET":
        return _form_page(village, PersonForm(formdata=None))
    return submit(PersonForm(), lambda f: services.save_person(current_user, village, _values(f)),
                  done=_("已加入关爱对象名册。"), then=lambda p: url_for("care.person", person_id=p.id),
                  again=lambda f: _form_page(village, f))


@bp.route("/care/<int:person_id>/edit", methods=["GET", "POST"])
@login_required
def edit_person(person_id):
    found = person_by_id(person_id) or abort(404)
    require(may_keep_registry(current_user, found.village))
    if request.method == "GET":
        form = PersonForm(formdata=None, obj=found)
        form.carers.data = "\n".join(a.user.phone for a in found.carers)
        return _form_page(found.village, form, found)
    return submit(PersonForm(), lambda f: services.save_person(current_user, found.village, _values(f), found),
                  done=_("已保存。"), then=lambda p: url_for("care.person", person_id=p.id),
                  again=lambda f: _form_page(found.village, f, found))
