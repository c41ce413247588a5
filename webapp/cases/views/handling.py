"""Every action on a case — the ladder's and mediation's — is a row of one table and one view
shape: load and authorise, validate, call the service, 303 back to the case (or the case page
again, 422, with the message beside the form it came from)."""
from collections.abc import Callable
from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ...auth import may_act_on_mediation, may_take_action
from ...submit import ButtonForm, press, submit
from .. import bp, services
from .. import mediation as mediating
from .loaders import case_for
from .page import FORMS, case_page


@dataclass(frozen=True)
class Action:
    endpoint: str
    slot: str  # the form on the case page it fills again when refused ("": a button)
    call: Callable  # (case, form) → the service's result
    done: object
    may: Callable = may_take_action  # (user, case, name)

    @property
    def form(self) -> type:
        """The case page's form for the slot; a plain button (refused with a flash) without one."""
        return FORMS.get(self.slot, ButtonForm)


def _mediation(case):
    return mediating.case_mediation(case)


ACTIONS = {
    "answer": Action("act_answer", "note", lambda c, f: services.answer_case(
        current_user, c, f.note.data), _l("已答复并办结。")),
    "to-village": Action("act_to_village", "internal", lambda c, f: services.hand_to_village(
        current_user, c, f.note.data), _l("已转交村服务团队。")),
    "to-township": Action("act_to_township", "reason", lambda c, f: services.escalate_to_township(
        current_user, c, f.note.data), _l("已提交乡镇综合指挥室。")),
    "assign": Action("act_assign", "assign", lambda c, f: services.assign_case(
        current_user, c, f.member.data, f.note.data), _l("已分派。")),
    "dispatch": Action("act_dispatch", "dispatch", lambda c, f: services.dispatch_case(
        current_user, c, f.department.data, f.note.data), _l("已分流。")),
    "resolve": Action("act_resolve", "note", lambda c, f: services.resolve_case(
        current_user, c, f.note.data), _l("已办结，等待反映人评价。")),
    "send-back": Action("act_send_back", "reason", lambda c, f: services.send_back(
        current_user, c, f.note.data), _l("已退回。")),
    "rate": Action("act_rate", "rate", lambda c, f: services.rate_case(
        current_user, c, f.rating.data, f.note.data), _l("谢谢你的评价。")),
    "mediation": Action("start_mediation", "mediation", lambda c, f: mediating.start_mediation(
        current_user, c, f.other_phone.data), _l("已受理调解。"), may_act_on_mediation),
    "mediation/session": Action("mediation_session", "session", lambda c, f: mediating.add_session(
        current_user, c, _mediation(c), f.note.data), _l("调解记录已保存。"), may_act_on_mediation),
    "mediation/settle": Action("mediation_settle", "agreement", lambda c, f: mediating.settle(
        current_user, c, _mediation(c), f.note.data), _l("调解成功，已记录协议。"), may_act_on_mediation),
    "mediation/fail": Action("mediation_fail", "agreement", lambda c, f: mediating.fail_mediation(
        current_user, c, _mediation(c), f.note.data), _l("已转公益律师。"), may_act_on_mediation),
    "mediation/lawyer": Action("mediation_lawyer", "", lambda c, f: mediating.take_over_as_lawyer(
        current_user, c, _mediation(c)), _l("你已接手这件纠纷。"), may_act_on_mediation),
}


def _action_view(name: str, action: Action):
    @login_required
    def view(case_id):
        case = case_for(case_id, action.may, name)
        back = lambda _result: url_for("cases.show", case_id=case.id)  # noqa: E731
        if action.form is ButtonForm:
            return press(lambda: action.call(case, None), done=action.done, then=back)
        return submit(action.form(), lambda form: action.call(case, form), done=action.done, then=back,
                      again=lambda form: case_page(case, **{action.slot: form}))

    view.__name__ = action.endpoint
    return view


for _name, _action in ACTIONS.items():
    bp.add_url_rule(f"/cases/<int:case_id>/{_name}", endpoint=_action.endpoint,
                    view_func=_action_view(_name, _action), methods=["POST"])
