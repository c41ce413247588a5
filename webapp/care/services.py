"""Keeping the registry and recording visits; every read of a record is audited too (read_record).
Nothing written here names the person outside the care pages: audit entries and messages carry
the record's number only."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l

from ..accounts.queries import user_by_phone
from ..accounts.services import normalise_phone
from ..audit.services import record
from ..auth import cares_for, may_keep_registry, may_read_care_record
from ..database import utcnow
from ..extensions import db
from ..service import ServiceError
from ..transaction import begin_write
from .models import CARERS, CATEGORIES, CareAssignment, CarePerson, CareVisit


def _carers(village, phones: str) -> list:
    """The carers named by their phone numbers (one per line or comma): people of the village."""
    found = []
    for raw in (phones or "").replace("，", ",").replace("\n", ",").split(","):
        if not raw.strip():
            continue
        user = user_by_phone(normalise_phone(raw))
        if user is None or user.village_id != village.id or not user.active:
            raise ServiceError(_l("没有找到本村手机号为 %(p)s 的人。", p=raw.strip()[:16]), "carers")
        found.append(user)
    if not found:
        raise ServiceError(_l("请至少指定一位负责走访的人（写手机号）。"), "carers")
    return list(dict.fromkeys(found))


def save_person(actor, village, values: dict, person: CarePerson | None = None, now=None) -> CarePerson:
    if not may_keep_registry(actor, village) or (person is not None and person.village_id != village.id):
        raise ServiceError(_l("只有本村民政专干可以维护关爱对象名册。"))
    now = now or utcnow()
    name = " ".join((values.get("name") or "").split())
    if not 1 <= len(name) <= 40:
        raise ServiceError(_l("请写下姓名。"), "name")
    if values.get("category") not in CATEGORIES:
        raise ServiceError(_l("请选择类别。"), "category")
    try:
        every = int(values.get("visit_every_days") or 0)
    except (TypeError, ValueError):
        every = 0
    if not 1 <= every <= 90:
        raise ServiceError(_l("走访间隔请填 1 到 90 天。"), "visit_every_days")
    carers = _carers(village, values.get("carers"))
    new = person is None
    person = person or CarePerson(village_id=village.id, next_visit_due=now + timedelta(days=every), created_at=now)
    person.name, person.category, person.visit_every_days = name, values["category"], every
    person.needs = (values.get("needs") or "").strip()[:2000]
    person.address = " ".join((values.get("address") or "").split())[:120]
    person.phone = "".join(ch for ch in (values.get("phone") or "") if ch.isdigit() or ch == "-")[:20]
    person.active = bool(values.get("active", True))
    wanted = {u.id for u in carers}
    person.carers[:] = [a for a in person.carers if a.user_id in wanted] + [
        CareAssignment(user_id=uid) for uid in wanted - {a.user_id for a in person.carers}]
    if not new and person.visits:
        person.next_visit_due = person.visits[0].at + timedelta(days=every)
    db.session.add(person)
    db.session.flush()
    record(actor, "care.added" if new else "care.changed", person, object_type="care_person", region=village.id,
           carers=len(wanted))
    return person


def read_record(actor, person: CarePerson) -> None:
    """Every read of a record is on the audit log (who, which number, when), written before
    the page is made. A page view begins as a reader, which on SQLite cannot safely become a
    writer: the write begins afresh (as the notices' read count does)."""
    if not may_read_care_record(actor, person):
        raise ServiceError(_l("你不能查看这份记录。"))
    person_id, village_id = person.id, person.village_id
    begin_write()
    record(actor, "care.read", object_type="care_person", object_id=person_id, region=village_id)


def record_visit(actor, person: CarePerson, note: str, now=None) -> CareVisit:
    if not (cares_for(actor, person) or may_keep_registry(actor, person.village)):
        raise ServiceError(_l("只有负责走访的人可以记录走访。"))
    note = (note or "").strip()
    if not 2 <= len(note) <= 2000:
        raise ServiceError(_l("请写下走访情况（2到2000字）。"), "note")
    now = now or utcnow()
    visit = CareVisit(person_id=person.id, visitor_id=actor.id, at=now, note=note)
    db.session.add(visit)
    # The clock starts again: the next visit is due a full interval after this one.
    person.next_visit_due, person.level, person.reminded_for = now + timedelta(days=person.visit_every_days), CARERS, None
    db.session.flush()
    record(actor, "care.visited", visit, object_type="care_visit", region=person.village_id, person=person.id)
    return visit
