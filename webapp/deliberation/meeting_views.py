"""A deliberation meeting's pages: planning it from a chosen topic, its page (agenda,
documents, invitees, opinions, the live minutes that refresh themselves, attendance), the
villager's opinion and check-in, and the cadre's steps up to the resolution and its tasks."""
from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from .. import media
from ..auth import (
    authorised,
    may_check_in,
    may_decline,
    may_manage_topic,
    may_run_meeting,
    may_speak_at,
    may_view_meeting,
)
from ..htmx import render
from ..i18n import BEIJING
from ..service import ServiceError
from ..submit import press, submit
from . import bp
from .forms import (
    AttendanceForm,
    DecisionForm,
    DocumentForm,
    InviteForm,
    MeetingForm,
    MinutesForm,
    OpinionForm,
    ResolutionForm,
    SpeechForm,
    TaskForm,
)
from .meeting_page import agenda_choices, checkin_qr, meeting_context, people_choices
from .queries import draw_by_id, finished_draws_of, meeting_by_id, opinion_of, person_in
from .services import meetings as services
from .services import tasks as task_services
from .topic_views import topic_for


def meeting_for(meeting_id, may=may_view_meeting):
    return authorised(meeting_by_id(meeting_id), may)


def _to_meeting(meeting):
    return url_for("deliberation.meeting", meeting_id=meeting.id)


# ---- planning ---------------------------------------------------------------------------------

def _plan_page(topic, form=None):
    form = form or MeetingForm(formdata=None, title=topic.title)
    form.draw.choices = [(0, _("不从抽签产生"))] + [(d.id, d.title) for d in finished_draws_of(topic.village_id)]
    return render("deliberation/meeting_new.html", topic=topic, form=form)


@bp.route("/meetings/new")
@login_required
def new_meeting():
    return _plan_page(topic_for(request.args.get("topic"), may_manage_topic))


@bp.route("/meetings", methods=["POST"])
@login_required
def plan_meeting():
    topic = topic_for(request.args.get("topic"), may_manage_topic)
    form = MeetingForm()
    form.draw.choices = [(0, "")] + [(d.id, d.title) for d in finished_draws_of(topic.village_id)]
    return submit(form, lambda f: services.plan_meeting(
        current_user, topic, f.title.data, f.starts_at.data.replace(tzinfo=BEIJING), f.place.data,
        f.agenda.data.splitlines(), draw_by_id(f.draw.data) if f.draw.data else None),
        done=_("议事会已安排，抽中的代表会收到通知。"), then=_to_meeting, again=lambda f: _plan_page(topic, f))


# ---- the page ---------------------------------------------------------------------------------

def _meeting_page(meeting, status=200, **forms):
    return render("deliberation/meeting.html", block="live", status=status, **meeting_context(meeting, forms))


@bp.route("/meetings/<int:meeting_id>")
@login_required
def meeting(meeting_id):
    return _meeting_page(meeting_for(meeting_id))


@bp.route("/meetings/<int:meeting_id>/documents/<int:document_id>")
@login_required
def meeting_document(meeting_id, document_id):
    meeting = meeting_for(meeting_id)
    document = next((d for d in meeting.documents if d.id == document_id), None)
    return media.send_stored(document.path if document else "", document.mime if document else "")


@bp.route("/meetings/<int:meeting_id>/opinions/<int:opinion_id>/voice")
@login_required
def opinion_voice(meeting_id, opinion_id):
    opinion = opinion_of(meeting_for(meeting_id), opinion_id)
    return media.send_stored(opinion.voice_path if opinion else "", opinion.voice_mime if opinion else "")


# ---- the villager: opinions from anywhere, checking in ----------------------------------------

@bp.route("/meetings/<int:meeting_id>/opinions", methods=["POST"])
@login_required
def post_opinion(meeting_id):
    meeting = meeting_for(meeting_id, may_speak_at)
    form = OpinionForm()
    form.agenda_item.choices = agenda_choices(meeting)
    return submit(form, lambda f, voice: services.post_opinion(current_user, meeting, f.text.data, f.kind.data,
                                                                f.agenda_item.data or None, voice),
                  done=_("意见已发表，议事会上会看到。"), then=lambda _r: _to_meeting(meeting) + "#opinions",
                  again=lambda f: _meeting_page(meeting, opinion_form=f),
                  prepare=lambda _f: media.prepare_voice(request.files.get("voice"), "meetings"))


@bp.route("/meetings/<int:meeting_id>/invitees/<int:invitee_id>/decline", methods=["POST"])
@login_required
def decline(meeting_id, invitee_id):
    meeting = meeting_for(meeting_id)
    invitee = authorised(next((i for i in meeting.invitees if i.id == invitee_id), None), may_decline)
    return press(lambda: services.decline(current_user, invitee), then=lambda _r: _to_meeting(meeting),
                 done=lambda replacement: _("已请辞，候补%(name)s接替。", name=replacement.name) if replacement
                 else _("已请辞。这一类已经没有候补了。"))


@bp.route("/meetings/<int:meeting_id>/checkin")
@login_required
def checkin_page(meeting_id):
    meeting = meeting_for(meeting_id)
    return render("deliberation/checkin.html", meeting=meeting, code=request.args.get("code", "")[:40],
                  may_check_in=may_check_in(current_user, meeting))


@bp.route("/meetings/<int:meeting_id>/checkin", methods=["POST"])
@login_required
def check_in(meeting_id):
    meeting = meeting_for(meeting_id, may_check_in)
    return press(lambda: services.check_in(current_user, meeting, request.form.get("code", "")),
                 done=_("签到成功。"), then=lambda _r: _to_meeting(meeting),
                 back=url_for("deliberation.checkin_page", meeting_id=meeting.id, code=request.form.get("code", "")))


# ---- the cadre's steps ------------------------------------------------------------------------

def _cadre_form(meeting_id, form_class, name, service, done, choices=None):
    """One shape for the cadre's forms on the meeting page: load and authorise, fill the choices,
    validate, call the service, back to the page (or the page again with the message)."""
    meeting = meeting_for(meeting_id, may_run_meeting)
    form = form_class()
    for field, make in (choices or {}).items():
        getattr(form, field).choices = make(meeting)
    return submit(form, lambda f: service(meeting, f), done=done, then=lambda _r: _to_meeting(meeting),
                  again=lambda f: _meeting_page(meeting, **{name: f}))


@bp.route("/meetings/<int:meeting_id>/minutes", methods=["POST"])
@login_required
def write_minutes(meeting_id):
    return _cadre_form(meeting_id, MinutesForm, "minutes_form",
                       lambda m, f: services.write_minutes(current_user, m, f.text.data, f.agenda_item.data or None),
                       _("已记录。"), {"agenda_item": agenda_choices})


@bp.route("/meetings/<int:meeting_id>/speeches", methods=["POST"])
@login_required
def record_speech(meeting_id):
    return _cadre_form(meeting_id, SpeechForm, "speech_form",
                       lambda m, f: services.record_speech(current_user, m, f.speaker.data, f.text.data,
                                                           f.agenda_item.data or None),
                       _("发言已记录。"), {"agenda_item": agenda_choices})


@bp.route("/meetings/<int:meeting_id>/invitees", methods=["POST"])
@login_required
def invite(meeting_id):
    return _cadre_form(meeting_id, InviteForm, "invite_form",
                       lambda m, f: services.invite(current_user, m, f.name.data, f.kind.data, f.note.data,
                                                    person_in(m.village_id, f.person.data)),
                       _("已邀请。"), {"person": lambda m: [(0, _("不是本村的"))] + people_choices(m)})


@bp.route("/meetings/<int:meeting_id>/documents", methods=["POST"])
@login_required
def add_document(meeting_id):
    meeting = meeting_for(meeting_id, may_run_meeting)
    return submit(DocumentForm(), lambda f, prepared: services.add_document(current_user, meeting, f.name.data,
                                                                            prepared),
                  done=_("材料已添加。"), then=lambda _r: _to_meeting(meeting),
                  again=lambda f: _meeting_page(meeting, document_form=f),
                  prepare=lambda _f: media.prepare_photo_or_pdf(request.files.get("file"), "meetings", "file"))


@bp.route("/meetings/<int:meeting_id>/attendance", methods=["POST"])
@login_required
def mark_attended(meeting_id):
    return _cadre_form(meeting_id, AttendanceForm, "attendance_form",
                       lambda m, f: services.mark_attended(current_user, m, person_in(m.village_id, f.person.data)),
                       _("已签到。"), {"person": people_choices})


@bp.route("/meetings/<int:meeting_id>/decision", methods=["POST"])
@login_required
def open_decision(meeting_id):
    return _cadre_form(meeting_id, DecisionForm, "decision_form",
                       lambda m, f: services.open_decision(current_user, m, f.question.data,
                                                           f.options.data.splitlines(), f.days.data),
                       _("表决已开始，村民会收到通知。"))


@bp.route("/meetings/<int:meeting_id>/resolution", methods=["POST"])
@login_required
def publish_resolution(meeting_id):
    return _cadre_form(meeting_id, ResolutionForm, "resolution_form",
                       lambda m, f: services.publish_resolution(current_user, m, f.text.data),
                       _("决议已作为重大事项公开。"))


@bp.route("/meetings/<int:meeting_id>/tasks", methods=["POST"])
@login_required
def add_task(meeting_id):
    def add(meeting, f):
        owner = person_in(meeting.village_id, f.owner.data)
        if owner is None:
            raise ServiceError(_("请选本村的负责人。"), "owner")
        return task_services.add_task(current_user, meeting, f.title.data, owner, f.due_on.data)

    return _cadre_form(meeting_id, TaskForm, "task_form", add, _("任务已分派，负责人会收到通知。"),
                       {"owner": people_choices})


@bp.route("/meetings/<int:meeting_id>/<any(start, finish):stage>", methods=["POST"])
@login_required
def meeting_step(meeting_id, stage):
    meeting = meeting_for(meeting_id, may_run_meeting)
    service = services.start_meeting if stage == "start" else services.finish_meeting
    done = _("议事会开始了：记录会实时显示给所有人。") if stage == "start" else _("议事会已结束。")
    return press(lambda: service(current_user, meeting), done=done, then=lambda _r: _to_meeting(meeting))


@bp.route("/meetings/<int:meeting_id>/qr")
@login_required
def checkin_code(meeting_id):
    """The QR the cadre shows at the meeting: scanning it opens the check-in page."""
    meeting = meeting_for(meeting_id, may_run_meeting)
    link = url_for("deliberation.checkin_page", meeting_id=meeting.id, code=meeting.checkin_code, _external=True)
    return render("deliberation/checkin_qr.html", meeting=meeting, qr=Markup(checkin_qr(link)), link=link)
