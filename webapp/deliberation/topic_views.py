"""The village's deliberation home (村里议事: votes, meetings, topics, search), proposing and
supporting a topic, the cadre's merge, answer, threshold and screening vote, and a topic's page
with its whole public timeline."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import media
from ..auth import (
    authorised,
    may_manage_topic,
    may_run_deliberation,
    may_support_topic,
    may_take_part,
    may_view_draws_of,
    may_view_topic,
    require,
)
from ..htmx import render
from ..regions.queries import region_by_id
from ..service import ServiceError
from ..submit import press, submit
from . import bp
from .forms import AnswerForm, MergeForm, ScreeningForm, ThresholdForm, TopicForm
from .queries import (
    authors_of,
    meetings_of,
    meetings_on,
    merged_into,
    open_topics_except,
    supported,
    topic_by_id,
    topics_of,
    vote_by_id,
    votes_of,
)
from .services import screening
from .services import tasks as services_tasks
from .services import topics as services


def topic_for(topic_id, may=may_view_topic):
    return authorised(topic_by_id(topic_id), may)


def _village():
    village = region_by_id(request.args.get("village")) or current_user.village
    if village is None or village.level != "village":
        abort(404)
    require(may_view_draws_of(current_user, village))
    return village


def _home(village, form=None, threshold_form=None, screening_form=None):
    query = request.args.get("q", "").strip()[:40]
    threshold = services.support_threshold(village.id)
    ready = services.ready_for_screening(village.id) if may_run_deliberation(current_user, village) else []
    screening_form = screening_form or ScreeningForm(formdata=None)
    screening_form.topics.choices = [(t.id, f"{t.title}（{t.support_count}）") for t in ready]
    return render("deliberation/home.html", block="topics", village=village, query=query,
                  topics=topics_of(village.id, query), votes=votes_of(village.id), meetings=meetings_of(village.id),
                  threshold=threshold, may_take_part=may_take_part(current_user, village),
                  may_run=may_run_deliberation(current_user, village), form=form or TopicForm(formdata=None),
                  threshold_form=threshold_form or ThresholdForm(formdata=None, threshold=threshold),
                  screening_form=screening_form, ready=ready)


@bp.route("/deliberation")
@login_required
def home():
    return _home(_village())


@bp.route("/topics", methods=["POST"])
@login_required
def propose():
    village = current_user.village
    require(village is not None and may_take_part(current_user, village))
    return submit(TopicForm(), lambda f, files: services.propose_topic(current_user, f.title.data, f.body.data, *files),
                  done=_("议题已提出，大家可以来支持了。"), then=lambda topic: url_for("deliberation.topic", topic_id=topic.id),
                  again=lambda f: _home(village, form=f),
                  prepare=lambda _f: services.prepare_attachments(request.files.get("photo"), request.files.get("voice")))


@bp.route("/deliberation/threshold", methods=["POST"])
@login_required
def threshold():
    village = current_user.village
    require(village is not None and may_run_deliberation(current_user, village))
    return submit(ThresholdForm(), lambda f: services.set_support_threshold(current_user, village, f.threshold.data),
                  done=_("已设置支持数门槛。"), then=lambda _r: url_for("deliberation.home"),
                  again=lambda f: _home(village, threshold_form=f))


@bp.route("/deliberation/screening", methods=["POST"])
@login_required
def open_screening():
    village = current_user.village
    require(village is not None and may_run_deliberation(current_user, village))
    form = ScreeningForm()
    form.topics.choices = [(t.id, t.title) for t in services.ready_for_screening(village.id)]
    return submit(form, lambda f: screening.open_screening(current_user, village, f.topics.data, f.days.data,
                                                           f.chosen.data),
                  done=_("筛选投票已开始，村民会收到通知。"), then=lambda vote: url_for("deliberation.ballot", vote_id=vote.id),
                  again=lambda f: _home(village, screening_form=f))


def _topic_page(topic, answer_form=None, merge_form=None):
    merge_form = merge_form or MergeForm(formdata=None)
    manage = may_manage_topic(current_user, topic)
    merge_form.into.choices = [(t.id, t.title) for t in open_topics_except(topic)] if manage else []
    vote = vote_by_id(topic.screening_vote_id) if topic.screening_vote_id else None
    result = screening.screening_result(vote) if vote is not None else None
    return render("deliberation/topic.html", topic=topic, today=services_tasks.today(), authors=authors_of(topic), merged=merged_into(topic),
                  meetings=meetings_on(topic), vote=vote, result=result, threshold=services.support_threshold(topic.village_id),
                  may_support=may_take_part(current_user, topic.village) and not supported(current_user, topic),
                  has_supported=supported(current_user, topic), may_manage=manage,
                  answer_form=answer_form or AnswerForm(formdata=None, answer=topic.answer), merge_form=merge_form)


@bp.route("/topics/<int:topic_id>")
@login_required
def topic(topic_id):
    return _topic_page(topic_for(topic_id))


@bp.route("/topics/<int:topic_id>/support", methods=["POST"])
@login_required
def support(topic_id):
    topic = topic_for(topic_id, may_support_topic)
    return press(lambda: services.support_topic(current_user, topic), done=_("已支持这个议题。"),
                 then=lambda _r: url_for("deliberation.topic", topic_id=topic.id))


@bp.route("/topics/<int:topic_id>/answer", methods=["POST"])
@login_required
def answer(topic_id):
    topic = topic_for(topic_id, may_manage_topic)
    return submit(AnswerForm(), lambda f: services.answer_topic(current_user, topic, f.answer.data),
                  done=_("已答复，提议人会收到通知。"), then=lambda _r: url_for("deliberation.topic", topic_id=topic.id),
                  again=lambda f: _topic_page(topic, answer_form=f))


@bp.route("/topics/<int:topic_id>/merge", methods=["POST"])
@login_required
def merge(topic_id):
    topic = topic_for(topic_id, may_manage_topic)
    form = MergeForm()
    form.into.choices = [(t.id, t.title) for t in open_topics_except(topic)]

    def merge_it(f):
        into = topic_by_id(f.into.data)
        if into is None:
            raise ServiceError(_("请选一个议题。"), "into")
        services.merge_topics(current_user, topic, into)
        return into

    return submit(form, merge_it, done=_("已合并，支持和提议人都转到了这个议题。"),
                  then=lambda into: url_for("deliberation.topic", topic_id=into.id),
                  again=lambda f: _topic_page(topic, merge_form=f))


@bp.route("/topics/<int:topic_id>/<any(photo, voice):kind>")
@login_required
def topic_attachment(topic_id, kind):
    topic = topic_for(topic_id)
    path = topic.photo_path if kind == "photo" else topic.voice_path
    return media.send_stored(path, "image/jpeg" if kind == "photo" else topic.voice_mime)
