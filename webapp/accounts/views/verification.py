"""The verification queue: group leaders, grid workers and cadres verify villagers against
the household registry; the village party branch verifies party members."""
from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...auth import (
    authorised,
    is_party_branch,
    may_verify,
    may_verify_anyone,
    may_verify_party,
    regions_where,
    requires,
    verification_regions,
)
from ...htmx import render
from ...regions.queries import full_name
from ...submit import ButtonForm, press, submit
from .. import bp, services
from ..forms import RefuseForm, RegistrySearchForm, VerifyForm
from ..queries import (
    awaiting_party_verification,
    awaiting_verification,
    registry_candidates,
    resident_in_village,
    user_by_id,
)


def _to_queue(_result=None):
    return url_for("accounts.verify_queue")


@bp.route("/verify")
@requires(may_verify_anyone)
def verify_queue():
    people = awaiting_verification(verification_regions(current_user))
    party_regions = regions_where(current_user, "party_secretary")
    return render("accounts/verify_queue.html", people=people, full_name=full_name,
                  party_count=len(awaiting_party_verification(party_regions)),
                  is_party_branch=bool(party_regions))


def _verify_page(person, verify_form=None, refuse_form=None):
    search = RegistrySearchForm(request.args)
    candidates = registry_candidates(person, search.name.data or None)
    verify_form = verify_form or VerifyForm(formdata=None)
    verify_form.resident.choices = [(r.id, r.name) for r in candidates]
    return render("accounts/verify_person.html", person=person, candidates=candidates, search=search,
                  verify_form=verify_form, refuse_form=refuse_form or RefuseForm(formdata=None),
                  home=full_name(person.group or person.village))


@bp.route("/verify/<int:user_id>", methods=["GET", "POST"])
@requires(may_verify_anyone)
def verify_person(user_id):
    person = authorised(user_by_id(user_id), may_verify)
    if request.method == "GET":
        return _verify_page(person)
    return submit(VerifyForm(), lambda f: services.verify_villager(
        current_user, person, resident_in_village(f.resident.data, person.village_id)),
        done=_("已认证：%(name)s", name=person.name), then=_to_queue, again=lambda f: _verify_page(person, f))


@bp.route("/verify/<int:user_id>/refuse", methods=["POST"])
@requires(may_verify_anyone)
def refuse_person(user_id):
    person = authorised(user_by_id(user_id), may_verify)
    return submit(RefuseForm(), lambda f: services.refuse_verification(current_user, person, f.reason.data),
                  done=_("已退回，村民会看到原因。"), then=_to_queue,
                  again=lambda f: _verify_page(person, refuse_form=f))


@bp.route("/verify/party")
@requires(is_party_branch)
def party_queue():
    people = awaiting_party_verification(regions_where(current_user, "party_secretary"))
    return render("accounts/party_queue.html", people=people, form=ButtonForm(), full_name=full_name)


@bp.route("/verify/party/<int:user_id>", methods=["POST"])
@requires(is_party_branch)
def decide_party(user_id):
    person = authorised(user_by_id(user_id), may_verify_party)
    approve = request.form.get("decision") == "approve"
    return press(lambda: services.decide_party_membership(current_user, person, approve),
                 done=_("已认证党员：%(name)s", name=person.name) if approve else _("已退回申请。"),
                 then=lambda _: url_for("accounts.party_queue"))
