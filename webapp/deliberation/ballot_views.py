"""The ballot page: take a ballot paper (signed blind, once), cast it without anything of the
voter, see the receipt, and after the close find it in the published box. The cast request
carries no cookie (static/ballot.js sends it with credentials "omit"), so it has no session and
no CSRF token: the paper's signature is its only authority."""
import base64
import binascii
import json

from flask import jsonify, request
from flask_login import current_user, login_required

from ..auth import authorised, may_view_vote, may_vote
from ..extensions import csrf, db
from ..htmx import render
from ..service import ServiceError
from ..transaction import commit
from . import bp
from .models.votes import CLOSED
from .queries import has_paper, vote_by_id
from .services import votes as services


def vote_for(vote_id):
    return authorised(vote_by_id(vote_id), may_view_vote)


@bp.route("/votes/<int:vote_id>")
@login_required
def ballot(vote_id):
    vote = vote_for(vote_id)
    closed = vote.status == CLOSED
    options = json.loads(vote.options_json)
    labels = {o["key"]: o["label"] for o in options}
    box = [{**b, "labels": "、".join(labels[k] for k in b["choice"].split(","))} for b in services.ballot_box(vote)] \
        if closed else None
    return render("deliberation/ballot.html", vote=vote, options=options,
                  may_vote=may_vote(current_user, vote), has_paper=has_paper(current_user, vote), box=box,
                  counts=json.loads(vote.result_json) if closed else None)


def _bytes(field: str) -> bytes:
    try:
        return base64.b64decode(request.form.get(field, ""), validate=True)
    except (binascii.Error, ValueError) as error:
        raise ServiceError("选票数据不对，请刷新页面再试。") from error


def _answer(work):
    try:
        result = work()
    except ServiceError as error:
        db.session.rollback()
        return jsonify(error=error.message), 422
    commit()
    return jsonify(result)


@bp.route("/votes/<int:vote_id>/paper", methods=["POST"])
@login_required
def paper(vote_id):
    """The blind signature of the paper the browser blinded: it shows the server nothing."""
    vote = authorised(vote_by_id(vote_id), may_vote)
    return _answer(lambda: {"signature": base64.b64encode(
        services.issue_paper(current_user, vote, _bytes("blinded"))).decode()})


@bp.route("/votes/<int:vote_id>/cast", methods=["POST"])
@csrf.exempt
def cast(vote_id):
    vote = vote_by_id(vote_id)
    if vote is None:
        return jsonify(error="没有这次投票。"), 404
    return _answer(lambda: {"receipt": services.cast(vote, _bytes("token"), _bytes("signature"),
                                                      request.form.getlist("choice"))})
