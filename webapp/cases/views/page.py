"""The case page: what happened so far, and the actions the viewer may take now."""
from flask_babel import gettext as _
from flask_login import current_user

from ...auth import (
    case_actions,
    handles_case_anywhere,
    may_rate_case,
    may_start_mediation,
    may_take_over_as_lawyer,
    may_view_mediation,
    may_work_mediation,
    sees_reporter,
)
from ...htmx import render
from ..forms import (
    AgreementForm,
    AssignForm,
    DispatchForm,
    InternalNoteForm,
    MediationForm,
    NoteForm,
    RateForm,
    ReasonForm,
    SessionForm,
)
from ..mediation import case_mediation
from ..queries import village_team

FORMS = {"note": NoteForm, "internal": InternalNoteForm, "reason": ReasonForm, "assign": AssignForm,
         "dispatch": DispatchForm, "rate": RateForm, "mediation": MediationForm, "session": SessionForm,
         "agreement": AgreementForm}


def case_page(case, status=200, **refused_forms):
    """The page, with each action's form empty or as it was refused (`note=form`, …)."""
    forms = {slot: refused_forms.get(slot) or form(formdata=None) for slot, form in FORMS.items()}
    actions = case_actions(current_user, case)
    if "assign" in actions:
        forms["assign"].member.choices = [("", _("请选择"))] + [
            (u.id, f"{u.name}（{t}）" if t else u.name) for u, t in village_team(case.village_id)]
    mediation = case_mediation(case)
    return render("cases/show.html", status=status, case=case, actions=actions, mediation=mediation,
                  show_mediation=mediation is not None and may_view_mediation(current_user, case, mediation),
                  work_mediation=may_work_mediation(current_user, mediation),
                  may_mediate=mediation is None and may_start_mediation(current_user, case),
                  may_take_over=mediation is not None and mediation.status == "failed"
                  and may_take_over_as_lawyer(current_user, case),
                  may_rate=may_rate_case(current_user, case), show_reporter=sees_reporter(current_user, case),
                  show_internal=handles_case_anywhere(current_user, case),  # never for the reporter
                  **{f"{slot}_form": form for slot, form in forms.items()})
