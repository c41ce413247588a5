"""Read models for the registry. The township's and county's read counts only (counts_by_village)."""
from sqlalchemy import case, func, select

from ..audit.objects import describes
from ..database import utcnow
from ..extensions import db
from ..params import as_id
from ..regions.models import VILLAGE, Region
from .models import CATEGORIES, CareAssignment, CarePerson, CareVisit


def person_by_id(person_id) -> CarePerson | None:
    person_id = as_id(person_id)
    return db.session.get(CarePerson, person_id) if person_id else None


def registry_of(village_id: int) -> list[CarePerson]:
    return list(db.session.scalars(select(CarePerson).where(CarePerson.village_id == village_id)
                                   .order_by(CarePerson.active.desc(), CarePerson.next_visit_due)))


def cared_for_by(user) -> list[CarePerson]:
    return list(db.session.scalars(select(CarePerson).join(CareAssignment, CareAssignment.person_id == CarePerson.id)
                                   .where(CareAssignment.user_id == user.id, CarePerson.active.is_(True))
                                   .order_by(CarePerson.next_visit_due)))


def counts_by_village(region: Region) -> list[dict]:
    """Per village of the region: how many people in each category, and how many visits are
    overdue now. Numbers only: no name, no record, leaves this function."""
    now = utcnow()
    columns = [func.sum(case((CarePerson.category == key, 1), else_=0)) for key in CATEGORIES]
    rows = db.session.execute(
        select(Region.id, Region.name, func.count(CarePerson.id), *columns,
               func.sum(case((CarePerson.next_visit_due <= now, 1), else_=0)))
        .select_from(Region).outerjoin(CarePerson, (CarePerson.village_id == Region.id) & CarePerson.active.is_(True))
        .where(Region.path.startswith(region.path), Region.level == VILLAGE)
        .group_by(Region.id, Region.name).order_by(Region.name)).all()
    found = []
    for village_id, name, total, *by_category, overdue in rows:
        found.append(dict(village_id=village_id, village=name, total=int(total or 0), overdue=int(overdue or 0),
                          by_category={key: int(n or 0) for key, n in zip(CATEGORIES, by_category, strict=True)}))
    return found


def last_visits(person_id: int, limit: int = 20) -> list[CareVisit]:
    return list(db.session.scalars(select(CareVisit).where(CareVisit.person_id == person_id)
                                   .order_by(CareVisit.at.desc()).limit(limit)))


# The audit log names a record by its number only: the log is read by more people than the
# registry is (a village's admin, the county), and must not carry a vulnerable person's name.
@describes("care_person")
def describe_people(ids: list[int]) -> dict[int, str]:
    from flask_babel import gettext as _

    return {pid: _("关爱对象 #%(id)s", id=pid) for pid in ids}


@describes("care_visit")
def describe_visits(ids: list[int]) -> dict[int, str]:
    from flask_babel import gettext as _

    return {vid: _("关爱走访 #%(id)s", id=vid) for vid in ids}
