"""The verification queue: group leaders, grid workers and cadres verify villagers against
the household registry; the village party branch verifies party members."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...auth import (
    may_verify,
    may_verify_anyone,
    may_verify_party,
    regions_where,
    require,
    requires,
    verification_regions,
)
from ...htmx import render
from ...regions.queries import full_name
from ...service import ServiceError, show_on_form
from .. import bp, services
from ..forms import EmptyForm, RefuseForm, RegistrySearchForm, VerifyForm
from ..queries import (
    awaiting_party_verification,
    awaiting_verification,
    registry_candidates,
    resident_in_village,
    user_by_id,
)


@bp.route("/verify")
@requires(may_verify_anyone)
def verify_queue():
    people = awaiting_verification(verification_regions(current_user))
    party_regions = regions_where(current_user, "party_secretary")
    return render("accounts/verify_queue.html", people=people, full_name=full_name,
                  party_count=len(awaiting_party_verification(party_regions)),
                  is_party_branch=bool(party_regions))


def _verify_page(person, verify_form, refuse_form, status=200):
    search = RegistrySearchForm(request.args)
    candidates = registry_candidates(person, search.name.data or None)
    verify_form.resident.choices = [(r.id, r.name) for r in candidates]
    return render("accounts/verify_person.html", person=person, candidates=candidates,
                  search=search, verify_form=verify_form, refuse_form=refuse_form,
                  home=full_name(person.group or person.village), status=status)


@bp.route("/verify/<int:user_id>", methods=["GET", "POST"])
@requires(may_verify_anyone)
def verify_person(user_id):
    person = user_by_id(user_id) or abort(404)
    require(may_verify(current_user, person))
    form = VerifyForm()
    if form.validate_on_submit():
        try:
            resident = resident_in_village(form.resident.data, person.village_id)
            services.verify_villager(current_user, person, resident)
            flash(_("已认证：%(name)s", name=person.name), "success")
            return redirect(url_for("accounts.verify_queue"))
        except ServiceError as error:
            show_on_form(form, error)
    status = 422 if request.method == "POST" else 200
    return _verify_page(person, form, RefuseForm(formdata=None), status)


@bp.route("/verify/<int:user_id>/refuse", methods=["POST"])
@requires(may_verify_anyone)
def refuse_person(user_id):
    person = user_by_id(user_id) or abort(404)
    require(may_verify(current_user, person))
    form = RefuseForm()
    if form.validate_on_submit():
        try:
            services.refuse_verification(current_user, person, form.reason.data)
            flash(_("已退回，村民会看到原因。"), "info")
            return redirect(url_for("accounts.verify_queue"))
        except ServiceError as error:
            show_on_form(form, error)
    return _verify_page(person, VerifyForm(formdata=None), form, 422)


def _is_party_branch(user) -> bool:
    return bool(regions_where(user, "party_secretary"))


@bp.route("/verify/party")
@requires(_is_party_branch)
def party_queue():
    people = awaiting_party_verification(regions_where(current_user, "party_secretary"))
    return render("accounts/party_queue.html", people=people, form=EmptyForm(), full_name=full_name)


@bp.route("/verify/party/<int:user_id>", methods=["POST"])
@requires(_is_party_branch)
def decide_party(user_id):
    person = user_by_id(user_id) or abort(404)
    require(may_verify_party(current_user, person))
    if EmptyForm().validate_on_submit():
        approve = request.form.get("decision") == "approve"
        try:
            services.decide_party_membership(current_user, person, approve)
            flash(_("已认证党员：%(name)s", name=person.name) if approve else _("已退回申请。"), "success")
        except ServiceError as error:
            flash(error.message, "error")
    return redirect(url_for("accounts.party_queue"))
