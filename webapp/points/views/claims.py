"""Good deeds: a villager claims with a photo; the village cadres approve or reject."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...auth import may_run_points, require
from ...cases import media
from ...extensions import db
from ...htmx import render
from ...params import as_id
from ...service import ServiceError
from .. import bp, services
from ..models import GoodDeedClaim, PointRule
from ..queries import claims_of, pending_claims


@bp.route("/points/claims", methods=["GET", "POST"])
@login_required
def claims():
    status = 200
    if request.method == "POST":
        try:
            services.claim_good_deed(current_user, request.form.get("text", ""), request.files.get("photo"))
            flash(_("已提交，村干部审核后会通知你。"), "success")
            return redirect(url_for("points.claims"), 303)
        except ServiceError as error:
            flash(str(error.message), "error")
            status = 422
    return render("points/claims.html", claims=claims_of(current_user), status=status)


def _claim_for_review(claim_id) -> GoodDeedClaim:
    claim = db.session.get(GoodDeedClaim, claim_id) or abort(404)
    require(may_run_points(current_user, claim.user.village))
    return claim


@bp.route("/points/claims/review")
@login_required
def review_claims():
    require(may_run_points(current_user, current_user.village))
    rules = [r for r in services.rules_for(current_user.village) if r.awarded_by != "auto" and r.points > 0]
    return render("points/review.html", claims=pending_claims(current_user.village_id), rules=rules)


@bp.route("/points/claims/<int:claim_id>/approve", methods=["POST"])
@login_required
def approve_claim(claim_id):
    claim = _claim_for_review(claim_id)
    try:
        services.approve_claim(current_user, claim, db.session.get(PointRule, request.form.get("rule", type=as_id) or 0))
        flash(_("已通过，积分已记入。"), "success")
    except ServiceError as error:
        flash(str(error.message), "error")
    return redirect(url_for("points.review_claims"), 303)


@bp.route("/points/claims/<int:claim_id>/reject", methods=["POST"])
@login_required
def reject_claim(claim_id):
    claim = _claim_for_review(claim_id)
    try:
        services.reject_claim(current_user, claim, request.form.get("reason", ""))
        flash(_("已退回，并告诉了申报人原因。"), "success")
    except ServiceError as error:
        flash(str(error.message), "error")
    return redirect(url_for("points.review_claims"), 303)


@bp.route("/points/claims/<int:claim_id>/photo")
@login_required
def claim_photo(claim_id):
    claim = db.session.get(GoodDeedClaim, claim_id) or abort(404)
    require(claim.user_id == current_user.id or may_run_points(current_user, claim.user.village))
    return media.send_stored_photo(claim.photo_path)
