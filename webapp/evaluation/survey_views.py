"""群众测评: a villager rates their village's party branch and service team once a quarter; the
township reads a village's comments."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth import may_answer_survey, may_read_survey_comments, require
from ..htmx import render
from ..regions.models import VILLAGE
from ..regions.queries import region_by_id
from ..submit import submit
from . import bp
from .forms import SurveyForm
from .periods import quarter_title
from .survey import (
    MIN_SHOWN,
    QUESTIONS,
    answer_survey,
    answered_count,
    comments_of,
    current_quarter,
    has_answered,
)


def _page(form=None):
    quarter = current_quarter()
    village = current_user.village
    return render("evaluation/survey.html", form=form or SurveyForm(formdata=None), village=village,
                  quarter=quarter_title(quarter), questions=QUESTIONS,
                  answered=has_answered(current_user, quarter),
                  may_answer=village is not None and may_answer_survey(current_user, village))


@bp.route("/evaluation/survey")
@login_required
def survey():
    return _page()


@bp.route("/evaluation/survey", methods=["POST"])
@login_required
def answer():
    village = current_user.village
    require(village is not None and may_answer_survey(current_user, village))
    return submit(SurveyForm(), lambda f: answer_survey(
        current_user, village, {key: getattr(f, f"q_{key}").data for key in QUESTIONS}, f.comment.data),
        done=_("谢谢！你的评价已经收到，谁也看不到是你评的。"), then=lambda _q: url_for("evaluation.survey"), again=_page)


@bp.route("/evaluation/survey/<int:village_id>")
@login_required
def survey_comments(village_id):
    village = region_by_id(village_id)
    if village is None or village.level != VILLAGE:
        abort(404)
    require(may_read_survey_comments(current_user, village))
    quarter = request.args.get("quarter") or current_quarter()
    if len(quarter) != 7 or quarter[4:6] != "-Q" or quarter[6] not in "1234" or not quarter[:4].isdigit():
        quarter = current_quarter()
    count = answered_count(village.id, quarter)
    return render("evaluation/survey_comments.html", village=village, quarter=quarter_title(quarter), count=count,
                  comments=comments_of(village, quarter) if count >= MIN_SHOWN else [], enough=count >= MIN_SHOWN)
