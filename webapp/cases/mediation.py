"""Online mediation (指尖调解室): a mediator takes a dispute in; sessions and the agreement are
private to the parties; when mediation fails, a public-interest lawyer takes it over.
小事不出村 — mediation sits at village level; 大事不出乡 — the lawyer's at township level."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.queries import user_by_phone
from ..accounts.services import normalise_phone
from ..auth import may_start_mediation, may_take_over_as_lawyer, may_work_mediation
from ..database import utcnow
from ..extensions import db
from ..notifications.services import excerpt, notify
from ..service import ServiceError
from .models import GRID, IN_PROGRESS, TOWNSHIP, VILLAGE, Case, Mediation, MediationSession
from .recipients import role_holder_ids
from .steps import add_event, case_url, finish, move_to, resolve, step, written_note


@step
def start_mediation(actor, case: Case, other_phone: str = "", now=None) -> Mediation:
    """The other party is named by their phone, when the dispute is with a villager."""
    if not may_start_mediation(actor, case) or case_mediation(case) is not None:
        raise ServiceError(_l("这件事不能由你调解，或已在调解中。"))
    other_party = None
    if (other_phone or "").strip():
        other_party = user_by_phone(normalise_phone(other_phone))
        if other_party is None:
            raise ServiceError(_l("没有找到这个手机号的村民。"), "other_phone")
    if other_party is not None and other_party.village_id != case.village_id:
        raise ServiceError(_l("另一方当事人要是本村村民。"), "other_party")
    now = now or utcnow()
    if case.level == GRID:
        move_to(actor, case, VILLAGE, "", "to_village", now)
    mediation = Mediation(case_id=case.id, mediator_id=actor.id,
                          other_party_id=getattr(other_party, "id", None), started_at=now)
    db.session.add(mediation)
    db.session.flush()
    db.session.expire(case, ["mediation"])  # the case's view of its mediation, read afresh
    case.status, case.responded_at = IN_PROGRESS, case.responded_at or now
    add_event(case, actor, "mediation_started", now=now)
    parties = [case.reporter_id] + ([other_party.id] if other_party else [])
    notify(parties, "case.mediation", _("调解员%(name)s受理了你们的纠纷%(what)s", name=actor.name,
                                        what=excerpt(case.text)),
           url=case_url(case), case_id=case.id, now=now)
    finish(actor, case, "mediation.started", other_party=getattr(other_party, "id", None))
    return mediation


def case_mediation(case: Case) -> Mediation | None:
    return db.session.scalar(select(Mediation).where(Mediation.case_id == case.id))


def _require_worker(actor, mediation: Mediation, *statuses: str) -> None:
    if mediation.status not in statuses or not may_work_mediation(actor, mediation):
        raise ServiceError(_l("你不能办理这次调解。"))


@step
def add_session(actor, case: Case, mediation: Mediation, note: str, now=None) -> None:
    _require_worker(actor, mediation, "mediating", "lawyer")
    note = written_note(note, True, _l("请写下这次调解的情况。"))
    db.session.add(MediationSession(mediation_id=mediation.id, author_id=actor.id, note=note,
                                    at=now or utcnow()))
    finish(actor, case, "mediation.session")


@step
def settle(actor, case: Case, mediation: Mediation, agreement: str, now=None) -> None:
    """The parties agreed: the agreement is recorded (privately) and the case resolved."""
    _require_worker(actor, mediation, "mediating", "lawyer")
    mediation.agreement = written_note(agreement, True, _l("请写下双方达成的协议。"))
    mediation.status = "settled" if mediation.status == "lawyer" else "agreed"
    resolve(actor, case, _("调解成功，双方达成协议"), now or utcnow())
    finish(actor, case, "mediation.settled")


@step
def fail_mediation(actor, case: Case, mediation: Mediation, note: str, now=None) -> None:
    _require_worker(actor, mediation, "mediating")
    now = now or utcnow()
    mediation.status = "failed"
    db.session.add(MediationSession(mediation_id=mediation.id, author_id=actor.id, at=now,
                                    note=written_note(note, True, _l("请写明调解没有成功的原因。"))))
    move_to(actor, case, TOWNSHIP, _("调解未成功，转公益律师"), "mediation_failed", now)
    case.status = IN_PROGRESS
    lawyers = role_holder_ids(case.village.ancestor_ids[:2], ("lawyer",))
    notify(lawyers, "case.lawyer", _("纠纷%(what)s调解未成功，需要公益律师", what=excerpt(case.text)), url=case_url(case),
           case_id=case.id, now=now)
    finish(actor, case, "mediation.failed")


@step
def take_over_as_lawyer(actor, case: Case, mediation: Mediation, now=None) -> None:
    if mediation.status != "failed" or not may_take_over_as_lawyer(actor, case):
        raise ServiceError(_l("你不能接手这件纠纷。"))
    mediation.lawyer_id, mediation.status = actor.id, "lawyer"
    add_event(case, actor, "lawyer_took_over", now=now or utcnow())
    notify([case.reporter_id] + ([mediation.other_party_id] if mediation.other_party_id else []),
           "case.lawyer", _("公益律师%(name)s接手了你们的纠纷%(what)s", name=actor.name, what=excerpt(case.text)),
           url=case_url(case), case_id=case.id, now=now)
    finish(actor, case, "mediation.lawyer")
