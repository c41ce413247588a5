"""A resolution's task (its progress and the villagers' feedback), and the township's and
county's view over their villages: hot topics, and tasks past their deadline."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import media
from ..auth import (
    authorised,
    hot_topic_regions,
    may_give_feedback,
    may_report_progress,
    may_see_hot_topics,
    may_view_task,
    require,
)
from ..htmx import render
from ..regions.queries import region_by_id
from ..submit import submit
from . import bp
from .forms import FeedbackForm, ProgressForm
from .hot_topics import hot_topics, villages_by_topics
from .queries import overdue_tasks_in, task_by_id
from .services import tasks as services


def task_for(task_id, may=may_view_task):
    return authorised(task_by_id(task_id), may)


def _task_page(task, progress_form=None, feedback_form=None):
    return render("deliberation/task.html", task=task, today=services.today(),
                  may_report=may_report_progress(current_user, task),
                  may_feedback=may_give_feedback(current_user, task),
                  progress_form=progress_form or ProgressForm(formdata=None, progress=task.progress),
                  feedback_form=feedback_form or FeedbackForm(formdata=None))


@bp.route("/tasks/<int:task_id>")
@login_required
def task(task_id):
    return _task_page(task_for(task_id))


@bp.route("/tasks/<int:task_id>/progress", methods=["POST"])
@login_required
def report_progress(task_id):
    task = task_for(task_id, may_report_progress)
    return submit(ProgressForm(), lambda f, photo: services.report_progress(current_user, task, f.text.data,
                                                                            f.progress.data, photo),
                  done=_("进展已公开。"), then=lambda _r: url_for("deliberation.task", task_id=task.id),
                  again=lambda f: _task_page(task, progress_form=f),
                  prepare=lambda _f: services.prepare_photo(request.files.get("photo")))


@bp.route("/tasks/<int:task_id>/feedback", methods=["POST"])
@login_required
def give_feedback(task_id):
    task = task_for(task_id, may_give_feedback)
    return submit(FeedbackForm(), lambda f: services.give_feedback(current_user, task, f.text.data),
                  done=_("谢谢，你的看法已公开，负责人会收到通知。"), then=lambda _r: url_for("deliberation.task", task_id=task.id),
                  again=lambda f: _task_page(task, feedback_form=f))


@bp.route("/tasks/<int:task_id>/updates/<int:update_id>/photo")
@login_required
def task_photo(task_id, update_id):
    task = task_for(task_id)
    entry = next((u for u in task.updates if u.id == update_id and u.photo_path), None)
    return media.send_stored(entry.photo_path if entry else "")


@bp.route("/deliberation/overview")
@login_required
def overview():
    """Hot topics and overdue tasks of a township's villages (or a county's townships)."""
    region = region_by_id(request.args.get("region")) or next(iter(hot_topic_regions(current_user)), None)
    if region is None:
        abort(404)
    require(may_see_hot_topics(current_user, region))
    return render("deliberation/overview.html", region=region, keywords=hot_topics(region),
                  villages=villages_by_topics(region), overdue=overdue_tasks_in([region.id], services.today()),
                  today=services.today())
