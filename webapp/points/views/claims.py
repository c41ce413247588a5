"""Good deeds: a villager claims with a photo; the village cadres approve or reject."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ... import media
from ...auth import authorised, may_review_claim, may_run_points, may_see_claim_photo, require
from ...htmx import render
from ...submit import submit
from .. import bp, services
from ..forms import ApproveForm, ClaimForm, ReasonForm
from ..queries import claim_by_id, claims_of, pending_claims, rule_by_id


def _claims_page(form=None):
    return render("points/claims.html", form=form or ClaimForm(formdata=None), claims=claims_of(current_user))


@bp.route("/points/claims", methods=["GET", "POST"])
@login_required
def claims():
    if request.method == "GET":
        return _claims_page()
    return submit(ClaimForm(), lambda f, photo: services.claim_good_deed(current_user, f.text.data, photo),
                  done=_("已提交，村干部审核后会通知你。"), then=lambda _: url_for("points.claims"), again=_claims_page,
                  prepare=lambda _f: services.prepare_claim_photo(request.files.get("photo")))


def _review_page(refused=None):
    rules = [r for r in services.rules_for(current_user.village) if r.awarded_by != "auto" and r.points > 0]
    return render("points/review.html", claims=pending_claims(current_user.village_id), rules=rules, refused=refused)


def _to_review(_result=None):
    return url_for("points.review_claims")


@bp.route("/points/claims/review")
@login_required
def review_claims():
    require(may_run_points(current_user, current_user.village))
    return _review_page()


@bp.route("/points/claims/<int:claim_id>/approve", methods=["POST"])
@login_required
def approve_claim(claim_id):
    claim = authorised(claim_by_id(claim_id), may_review_claim)
    return submit(ApproveForm(), lambda f: services.approve_claim(current_user, claim, rule_by_id(f.rule.data)),
                  done=_("已通过，积分已记入。"), then=_to_review, again=_review_page)


@bp.route("/points/claims/<int:claim_id>/reject", methods=["POST"])
@login_required
def reject_claim(claim_id):
    claim = authorised(claim_by_id(claim_id), may_review_claim)
    return submit(ReasonForm(), lambda f: services.reject_claim(current_user, claim, f.reason.data),
                  done=_("已退回，并告诉了申报人原因。"), then=_to_review, again=_review_page)


@bp.route("/points/claims/<int:claim_id>/photo")
@login_required
def claim_photo(claim_id):
    claim = claim_by_id(claim_id) or abort(404)
    require(may_see_claim_photo(current_user, claim))
    return media.send_stored_photo(claim.photo_path)
