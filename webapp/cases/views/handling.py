"""The ladder's actions, one POST route each: load and authorise, validate, call the service,
back to the case page (or the page again with the message beside the form)."""
from flask import abort, flash, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ...accounts.queries import user_by_id
from ...auth import may_handle_case, require
from ...service import ServiceError, show_on_form
from .. import bp, services
from ..forms import AssignForm, DispatchForm, InternalNoteForm, NoteForm, RateForm, ReasonForm
from ..queries import case_by_id
from .page import case_page

# name: (form, form slot on the page, service call, message when done)
ACTIONS = {
    "answer": (NoteForm, "note", lambda case, f: services.answer_case(current_user, case, f.note.data),
               _l("已答复并办结。")),
    "to-village": (InternalNoteForm, "internal", lambda case, f: services.hand_to_village(current_user, case, f.note.data),
                   _l("已转交村服务团队。")),
    "to-township": (ReasonForm, "reason",
                    lambda case, f: services.escalate_to_township(current_user, case, f.note.data),
                    _l("已提交乡镇综合指挥室。")),
    "assign": (AssignForm, "assign",
               lambda case, f: services.assign_case(current_user, case, user_by_id(f.member.data), f.note.data),
               _l("已分派。")),
    "dispatch": (DispatchForm, "dispatch",
                 lambda case, f: services.dispatch_case(current_user, case, f.department.data, f.note.data),
                 _l("已分流。")),
    "resolve": (NoteForm, "note", lambda case, f: services.resolve_case(current_user, case, f.note.data),
                _l("已办结，等待反映人评价。")),
    "send-back": (ReasonForm, "reason", lambda case, f: services.send_back(current_user, case, f.note.data),
                  _l("已退回。")),
    "rate": (RateForm, "rate",
             lambda case, f: services.rate_case(current_user, case, f.rating.data, f.note.data),
             _l("谢谢你的评价。")),
}


def _action_view(name, form_class, slot, call, done):
    @login_required
    def view(case_id):
        case = case_by_id(case_id) or abort(404)
        # Who may ask at all; whether the case is still at a stage for it is the service's rule.
        require(case.reporter_id == current_user.id if name == "rate"
                else may_handle_case(current_user, case))
        form = form_class()
        if form.validate_on_submit():
            try:
                call(case, form)
                flash(str(done), "success")
                return redirect(url_for("cases.show", case_id=case.id), 303)
            except ServiceError as error:
                show_on_form(form, error)
        return case_page(case, status=422, **{slot: form})

    view.__name__ = f"act_{name.replace('-', '_')}"
    return view


for _name, (_form, _slot, _call, _done) in ACTIONS.items():
    bp.add_url_rule(f"/cases/<int:case_id>/{_name}", view_func=_action_view(_name, _form, _slot, _call, _done),
                    methods=["POST"])
