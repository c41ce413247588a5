"""The case page: what happened so far, and the actions the viewer may take now."""
from flask_babel import gettext as _
from flask_login import current_user

from ...auth import (
    handles_case_anywhere,
    may_handle_case,
    may_rate_case,
    may_start_mediation,
    may_take_over_as_lawyer,
    may_view_mediation,
    may_work_mediation,
)
from ...htmx import render
from ..forms import (
    AssignForm,
    DispatchForm,
    InternalNoteForm,
    MediationForm,
    NoteForm,
    RateForm,
    ReasonForm,
)
from ..mediation import case_mediation
from ..models import GRID, TOWNSHIP, VILLAGE
from ..queries import village_team


def available_actions(case) -> list[str]:
    """Names of the actions (see handling.ACTIONS) the current user may take on the case."""
    if not case.is_active or not may_handle_case(current_user, case):
        return []
    by_level = {
        GRID: ["answer", "to-village", "to-township"],
        VILLAGE: ["assign", "resolve", "to-township", "send-back"],
        TOWNSHIP: ["dispatch", "resolve", "send-back"],
        "county": ["resolve", "send-back"],
    }
    actions = by_level[case.level]
    if case.assigned_to_id == current_user.id and case.level == VILLAGE and not any(
            m.region_id == case.village_id and m.role in ("cadre", "party_secretary", "admin")
            for m in current_user.memberships):
        actions = ["resolve"]  # a team member resolves what they were given
    return actions


def case_page(case, status=200, **forms):
    mediation = case_mediation(case)
    actions = available_actions(case)
    assign = forms.get("assign") or AssignForm(formdata=None)
    if "assign" in actions:
        assign.member.choices = [("", _("请选择"))] + [(u.id, f"{u.name}（{t}）" if t else u.name)
                                                     for u, t in village_team(case.village_id)]
    handler = handles_case_anywhere(current_user, case)
    context = dict(
        case=case, actions=actions, mediation=mediation,
        show_mediation=mediation is not None and may_view_mediation(current_user, case, mediation),
        work_mediation=mediation is not None and may_work_mediation(current_user, mediation),
        may_mediate=mediation is None and may_start_mediation(current_user, case),
        may_take_over=mediation is not None and mediation.status == "failed"
        and may_take_over_as_lawyer(current_user, case),
        may_rate=may_rate_case(current_user, case),
        note_form=forms.get("note") or NoteForm(formdata=None),
        internal_form=forms.get("internal") or InternalNoteForm(formdata=None),
        reason_form=forms.get("reason") or ReasonForm(formdata=None),
        assign_form=assign,
        dispatch_form=forms.get("dispatch") or DispatchForm(formdata=None),
        rate_form=forms.get("rate") or RateForm(formdata=None),
        mediation_form=forms.get("mediation") or MediationForm(formdata=None),
        # Fellow villagers see a public report's author as 王**; those who handle it see who.
        show_reporter=current_user.id in (case.reporter_id, case.entered_by_id) or handler,
        show_internal=handler,  # notes between handlers, never for the reporter
    )
    return render("cases/show.html", status=status, **context)
