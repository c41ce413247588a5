"""My points, the village's rules, and awarding for cadres and group leaders."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ...accounts.models import User
from ...auth import VILLAGE_TEAM, may_reverse_entry, regions_where, require
from ...extensions import db
from ...htmx import render
from ...params import as_id
from ...service import ServiceError
from .. import bp, services
from ..models import AWARDERS, PointEntry, PointRule
from ..queries import (
    balance_of,
    history_of,
    months_of,
    recent_entries,
    reversed_ids,
    verified_villagers,
)


def _may_award_here(user) -> bool:
    return any(m.role in VILLAGE_TEAM and m.region_id == user.village_id for m in user.memberships) or bool(
        regions_where(user, "group_leader"))


@bp.route("/points")
@login_required
def mine():
    return render("points/mine.html", balance=balance_of(current_user), history=history_of(current_user),
                  months=months_of(current_user), may_award=_may_award_here(current_user))


@bp.route("/points/rules")
@login_required
def rules():
    return render("points/rules.html", rules=services.rules_for(current_user.village), awarders=AWARDERS)


@bp.route("/points/award", methods=["GET", "POST"])
@login_required
def award():
    require(_may_award_here(current_user))
    village = current_user.village
    manual = [r for r in services.rules_for(village) if r.awarded_by != "auto"]
    status = 200
    if request.method == "POST":
        rule = db.session.get(PointRule, request.form.get("rule", type=as_id) or 0)
        ids = [i for i in map(as_id, request.form.getlist("people")) if i]
        people = list(db.session.scalars(select(User).where(User.id.in_(ids), User.village_id == village.id)))
        try:
            if rule is None:
                raise ServiceError(_("请选择积分规则。"), "rule")
            entries = services.award_points(current_user, people, rule, request.form.get("reason", ""))
            flash(_("已为 %(n)s 人记分。", n=len(entries)), "success")
            return redirect(url_for("points.award"), 303)
        except ServiceError as error:
            flash(str(error.message), "error")
            status = 422
    recent = recent_entries(village.id)
    done = reversed_ids(recent)
    return render("points/award.html", rules=manual, people=verified_villagers(village.id), recent=recent,
                  correctable={e.id for e in recent if e.id not in done and may_reverse_entry(current_user, e)},
                  status=status)


@bp.route("/points/entries/<int:entry_id>/reverse", methods=["POST"])
@login_required
def reverse(entry_id):
    entry = db.session.get(PointEntry, entry_id) or abort(404)
    require(_may_award_here(current_user) and entry.village_id == current_user.village_id)
    try:
        services.reverse_entry(current_user, entry, request.form.get("reason", ""))
        flash(_("已更正。"), "success")
    except ServiceError as error:
        flash(str(error.message), "error")
    return redirect(url_for("points.award"), 303)
