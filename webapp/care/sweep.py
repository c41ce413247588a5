"""Care visits on their schedule: the day before a visit is due the carers are reminded; a visit
overdue goes to the village's civil-affairs cadre, and three days later the township is told
that the village has an overdue visit — by count, never by name. Each step happens once per due
date (claimed by a guarded UPDATE), so the sweep is safe to run twice and side by side."""
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, update

from ..audit.services import record
from ..auth import CARE_KEEPERS
from ..cases.recipients import role_holder_ids
from ..database import utcnow
from ..extensions import db
from ..jobs import request_delivery
from ..notifications.services import notify
from ..regions.models import Region
from ..transaction import commit
from .models import CARERS, ESCALATE_AFTER_DAYS, TOWNSHIP, VILLAGE, CareAssignment, CarePerson


def _claim(person_id: int, **guard_and_values) -> bool:
    values = guard_and_values.pop("values")
    conditions = [getattr(CarePerson, k) == v if v is not None else getattr(CarePerson, k).is_(None)
                  for k, v in guard_and_values.items()]
    return bool(db.session.execute(update(CarePerson).where(CarePerson.id == person_id, *conditions)
                                   .values(**values)).rowcount)


def sweep_care(now=None) -> int:
    """A batch runner (an edge): returns how many reminders and escalations it sent."""
    now = now or utcnow()
    sent = 0
    with force_locale("zh_Hans_CN"):
        due_soon = db.session.execute(select(CarePerson.id, CarePerson.next_visit_due, CarePerson.reminded_for)
                                      .where(CarePerson.active.is_(True),
                                             CarePerson.next_visit_due <= now + timedelta(days=1))).all()
        for person_id, due, reminded in due_soon:
            if reminded == due:
                continue
            if _claim(person_id, next_visit_due=due, reminded_for=reminded, values={"reminded_for": due}):
                carers = list(db.session.scalars(select(CareAssignment.user_id).where(CareAssignment.person_id == person_id)))
                notify(carers, "care.reminder", _("关爱走访提醒：你负责的一位关爱对象（#%(id)s）该走访了", id=person_id),
                       url=f"/care/{person_id}", sms=True, now=now)
                record(None, "care.reminded", object_type="care_person", object_id=person_id)
                commit()
                sent += 1
        overdue = db.session.execute(select(CarePerson.id, CarePerson.village_id, CarePerson.next_visit_due,
                                            CarePerson.level).where(
            CarePerson.active.is_(True), CarePerson.next_visit_due <= now, CarePerson.level != TOWNSHIP)).all()
        for person_id, village_id, due, level in overdue:
            to = VILLAGE if level == CARERS else TOWNSHIP
            if to == TOWNSHIP and due > now - timedelta(days=ESCALATE_AFTER_DAYS):
                continue
            if not _claim(person_id, next_visit_due=due, level=level,
                          values={"level": to, "missed_count": CarePerson.missed_count + (1 if to == VILLAGE else 0)}):
                continue
            if to == VILLAGE:
                notify(role_holder_ids([village_id], CARE_KEEPERS), "care.overdue",
                       _("关爱走访超期：关爱对象 #%(id)s 没有按时走访", id=person_id), url=f"/care/{person_id}", sms=True, now=now)
            else:
                township = db.session.scalar(select(Region.parent_id).where(Region.id == village_id))
                name = db.session.scalar(select(Region.name).where(Region.id == village_id))
                notify(role_holder_ids([township], ("township_staff",)), "care.overdue",
                       _("%(village)s有关爱走访超期%(days)s天以上", village=name, days=ESCALATE_AFTER_DAYS),
                       url="/care/overview", now=now)
            record(None, "care.escalated", object_type="care_person", object_id=person_id, region=village_id, to=to)
            commit()
            sent += 1
    commit()
    if sent:
        request_delivery()
    return sent
