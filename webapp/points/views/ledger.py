"""My points, the village's rules, and awarding for cadres and group leaders."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...auth import awards_points_here, may_correct_here, may_reverse_entry, require, requires
from ...htmx import render
from ...page_cache import cached_page
from ...submit import submit
from .. import bp, services
from ..forms import AwardForm, ReasonForm
from ..models import AWARDERS
from ..queries import (
    balance_of,
    entry_by_id,
    history_of,
    months_of,
    recent_entries,
    reversed_ids,
    rule_by_id,
    verified_villagers,
    villagers_by_ids,
)


def _to_award(_result=None):
    return url_for("points.award")


@bp.route("/points")
@cached_page
@login_required
def mine():
    return render("points/mine.html", balance=balance_of(current_user), history=history_of(current_user),
                  months=months_of(current_user), may_award=awards_points_here(current_user))


@bp.route("/points/rules")
@login_required
def rules():
    return render("points/rules.html", rules=services.rules_for(current_user.village), awarders=AWARDERS)


def _award_page(form=None, correction=None):
    """The award form, the recent entries, and a refused correction's message above them."""
    village = current_user.village
    recent = recent_entries(village.id)
    done = reversed_ids(recent)
    return render("points/award.html", form=form or AwardForm(formdata=None), correction=correction, recent=recent,
                  rules=[r for r in services.rules_for(village) if r.awarded_by != "auto"],
                  people=verified_villagers(village.id),
                  correctable={e.id for e in recent if e.id not in done and may_reverse_entry(current_user, e)})


@bp.route("/points/award", methods=["GET", "POST"])
@requires(awards_points_here)
def award():
    if request.method == "GET":
        return _award_page()
    return submit(AwardForm(), lambda f: services.award_points(
        current_user, villagers_by_ids(current_user.village_id, f.people.data), rule_by_id(f.rule.data), f.reason.data),
        done=lambda entries: _("已为 %(n)s 人记分。", n=len(entries)), then=_to_award, again=_award_page)


@bp.route("/points/entries/<int:entry_id>/reverse", methods=["POST"])
@login_required
def reverse(entry_id):
    entry = entry_by_id(entry_id) or abort(404)
    require(may_correct_here(current_user, entry))
    return submit(ReasonForm(), lambda f: services.reverse_entry(current_user, entry, f.reason.data),
                  done=_("已更正。"), then=_to_award, again=lambda f: _award_page(correction=f))
