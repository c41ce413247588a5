"""Writes to the micro-power list; every step of a live matter is audited."""
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..audit.services import record
from ..auth import may_keep_accounts
from ..database import utcnow
from ..extensions import db
from ..service import ServiceError
from .models import Matter, MatterStep, Procedure, ProcedureStep


def parse_steps(text: str) -> list[tuple[str, str, int]]:
    """One step a line: 名称｜谁决定｜天数, e.g. 村民申请｜申请户｜0."""
    steps = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("｜", "|").split("|")]
        if len(parts) != 3 or not parts[0] or not parts[1] or not parts[2].isdigit():
            raise ServiceError(_l("第 %(n)s 步写得不对，应为：名称｜谁决定｜天数", n=number), "steps")
        steps.append((parts[0][:60], parts[1][:60], int(parts[2])))
    if not steps:
        raise ServiceError(_l("请至少写一步。"), "steps")
    return steps


def create_procedure(actor, village, name: str, steps_text: str, basis: str = "") -> Procedure:
    if not may_keep_accounts(actor, village):
        raise ServiceError(_l("只有本村干部可以编制权力清单。"))
    if not (name or "").strip():
        raise ServiceError(_l("请填写事项名称。"), "name")
    procedure = Procedure(village_id=village.id, name=name.strip()[:60], basis=(basis or "").strip())
    procedure.steps = [ProcedureStep(position=i, name=n, decider=d, days_allowed=days)
                       for i, (n, d, days) in enumerate(parse_steps(steps_text), start=1)]
    db.session.add(procedure)
    record(actor, "power.procedure_created", procedure, region=village, name=procedure.name)
    return procedure


def start_matter(actor, procedure: Procedure, title: str, now=None) -> Matter:
    if not may_keep_accounts(actor, procedure.village):
        raise ServiceError(_l("只有本村干部可以登记办理事项。"))
    if not (title or "").strip():
        raise ServiceError(_l("请填写事项标题，例如“张某某宅基地申请”。"), "title")
    matter = Matter(procedure_id=procedure.id, title=title.strip()[:120], started_by_id=actor.id,
                    started_at=now or utcnow())
    db.session.add(matter)
    record(actor, "power.matter_started", matter, region=procedure.village_id, title=matter.title)
    return matter


def complete_step(actor, matter: Matter, note: str, now=None) -> MatterStep:
    """The next step of the procedure is done: who, when and what is written on the trail."""
    procedure = matter.procedure
    if not may_keep_accounts(actor, procedure.village):
        raise ServiceError(_l("只有本村干部可以登记办理进度。"))
    if matter.finished_at is not None:
        raise ServiceError(_l("这件事项已经办完了。"))
    note = (note or "").strip()
    if not note:
        raise ServiceError(_l("请写明这一步的结果，例如会议决定。"), "note")
    position = matter.done_steps + 1
    step = MatterStep(matter_id=matter.id, position=position, actor_id=actor.id, note=note[:2000],
                      done_at=now or utcnow())
    db.session.add(step)
    matter.done_steps = position
    if position == len(procedure.steps):
        matter.finished_at = step.done_at
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # the same step recorded twice at once
        raise ServiceError(_l("这一步刚刚已经登记过了，请刷新。")) from None
    record(actor, "power.step_done", matter, region=procedure.village_id, step=position,
           name=procedure.steps[position - 1].name)
    return step
