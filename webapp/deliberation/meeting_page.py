"""What the meeting page shows, for the person looking: the record everyone sees, and the forms
of the steps this person may take now (a refused form comes back with its message)."""
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth import may_decline, may_run_meeting, may_speak_at
from ..qr import qr_svg
from .forms import (
    INVITEE_KIND_LABELS,
    AttendanceForm,
    DecisionForm,
    DocumentForm,
    InviteForm,
    MinutesForm,
    OpinionForm,
    ResolutionForm,
    SpeechForm,
    TaskForm,
)
from .models.meetings import FINISHED, LIVE, SPEECH
from .queries import attendance_of, minutes_of, opinions_of, tasks_of, verified_villagers
from .services import tasks, votes

FORMS = {"opinion_form": OpinionForm, "minutes_form": MinutesForm, "speech_form": SpeechForm,
         "invite_form": InviteForm, "document_form": DocumentForm, "attendance_form": AttendanceForm,
         "decision_form": DecisionForm, "resolution_form": ResolutionForm, "task_form": TaskForm}


def agenda_choices(meeting) -> list[tuple[int, str]]:
    return [(0, _("整个议事会"))] + [(a.id, f"{a.position}. {a.title}") for a in meeting.agenda]


def people_choices(meeting) -> list[tuple[int, str]]:
    return [(p.id, f"{p.name}（{p.masked_phone}）") for p in verified_villagers(meeting.village_id)]


def checkin_qr(link: str) -> str:
    return qr_svg(link)


def _forms(meeting, given: dict) -> dict:
    forms = {name: given.get(name) or form_class(formdata=None) for name, form_class in FORMS.items()}
    for name in ("opinion_form", "minutes_form", "speech_form"):
        forms[name].agenda_item.choices = agenda_choices(meeting)
    run = may_run_meeting(current_user, meeting)
    people = people_choices(meeting) if run else []
    forms["invite_form"].person.choices = [(0, _("不是本村的"))] + people
    forms["attendance_form"].person.choices = people
    forms["task_form"].owner.choices = people
    return forms


def meeting_context(meeting, given_forms: dict) -> dict:
    opinions = opinions_of(meeting)
    minutes = minutes_of(meeting)
    vote = meeting.decision_vote
    return dict(
        meeting=meeting, minutes=minutes, attendance=attendance_of(meeting), tasks=tasks_of(meeting),
        speeches=[o for o in opinions if o.kind == SPEECH], opinions=[o for o in opinions if o.kind != SPEECH],
        vote=vote, tally=votes.results(vote) if vote is not None else None,
        declinable={i.id for i in meeting.invitees if i.kind == "representative" and meeting.draw_id
                    and not i.declined_at and meeting.status != FINISHED and may_decline(current_user, i)},
        kind_labels=dict(INVITEE_KIND_LABELS), today=tasks.today(), live=meeting.status == LIVE, finished=meeting.status == FINISHED,
        may_run=may_run_meeting(current_user, meeting), may_speak=may_speak_at(current_user, meeting),
        # The page is kept on the phone at each new line of the minutes: the last copy, offline.
        keep_offline=[(url_for("deliberation.meeting", meeting_id=meeting.id),
                       f"{meeting.status}-{len(minutes)}-{len(opinions)}")],
        **_forms(meeting, given_forms))
