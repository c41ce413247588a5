"""The registry of vulnerable people: the full record to the carers and the civil-affairs cadre,
counts only to the township and county, nothing to anyone else; no registered name in any
notice, search, export, notification or the audit page; every read of a record audited; a visit
overdue goes to the village once, then to the township once, by count."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from webapp.audit.models import AuditEntry
from webapp.care import services
from webapp.care.models import CarePerson
from webapp.care.sweep import sweep_care
from webapp.database import utcnow
from webapp.extensions import db
from webapp.notifications.models import Notification, OutboxMessage
from webapp.service import ServiceError

from ..client import page_text

KEEPER, CARER, LEADER = "13800000023", "13800000004", "13800000007"
ALL_PHONES = [f"138000000{n:02d}" for n in (*range(1, 12), 21, 22, 23)]
NAMES = ("陈阿婆", "小宇", "周大伯", "吴家")


def person_named(name) -> CarePerson:
    return db.session.scalar(select(CarePerson).where(CarePerson.name == name))


def readers_of(person) -> set[str]:
    return {a.user.phone for a in person.carers} | {KEEPER}


@pytest.mark.parametrize("phone", ALL_PHONES)
def test_a_record_opens_for_its_carers_and_the_civil_affairs_cadre_only(login, phone):
    client = login(phone)
    for name in NAMES:
        person = person_named(name)
        page = client.get(f"/care/{person.id}")
        allowed = phone in readers_of(person)
        assert page.status_code == (200 if allowed else 403), (phone, name)
        assert (name in page_text(page)) == allowed
        assert client.get(f"/care/{person.id}/edit").status_code == (200 if phone == KEEPER else 403)
        assert client.post(f"/care/{person.id}/visits", {"note": "看过了"}).status_code in (
            (303,) if allowed else (403,))


@pytest.mark.parametrize("phone", ALL_PHONES)
def test_no_registered_name_on_any_page_anyone_else_can_open(login, phone, client):
    """The home page, the notices, search, the audit log, the township's counts, the exports and
    the inbox, as everyone — none shows a registered person's name to someone not allowed."""
    from webapp.regions.queries import region_by_code

    viewer = login(phone)
    pages = ["/", "/notices", "/notices?q=走访", "/notices?q=低保", "/admin/audit", "/inbox", "/manage", "/care",
             f"/care/overview?region={region_by_code('QS-DX').id}", "/hall", "/deliberation", "/cases/desk",
             "/evaluation", "/points/village"]
    allowed = {name for name in NAMES if phone in readers_of(person_named(name))}
    for url in pages:
        text = page_text(viewer.get(url))
        shown = {name for name in NAMES if name in text}
        assert shown <= allowed, (phone, url, shown - allowed)
    for url in ("/", "/hall", "/notices?q=走访"):
        assert not any(name in page_text(client.get(url)) for name in NAMES)


def test_every_read_of_a_record_is_on_the_audit_log_without_the_name(login, person):
    target = person_named("陈阿婆")
    before = db.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "care.read"))
    login(CARER).get(f"/care/{target.id}")
    login(KEEPER).get(f"/care/{target.id}")
    login("13800000003").get(f"/care/{target.id}")  # refused: not a read
    reads = db.session.execute(select(AuditEntry.actor_id, AuditEntry.object_id, AuditEntry.detail).where(
        AuditEntry.action == "care.read").order_by(AuditEntry.id)).all()[before:]
    assert [(a, o) for a, o, _d in reads] == [(person(CARER).id, target.id), (person(KEEPER).id, target.id)]
    assert not any(name in detail for _a, _o, detail in reads for name in NAMES)
    log = page_text(login("13800000001").get("/admin/audit"))
    assert f"关爱对象 #{target.id}" in log and "陈阿婆" not in log


def test_no_message_and_no_audit_entry_names_a_registered_person(app):
    sweep_care(utcnow() + timedelta(days=40))  # everyone overdue: reminders and escalations
    texts = list(db.session.scalars(select(OutboxMessage.title))) + list(db.session.scalars(select(Notification.title)))
    texts += list(db.session.scalars(select(OutboxMessage.body))) + list(db.session.scalars(select(AuditEntry.detail)))
    assert not [t for t in texts if any(name in (t or "") for name in NAMES)]


def test_an_overdue_visit_goes_to_the_village_once_then_the_township_once(app, person):
    target = person_named("陈阿婆")
    due = target.next_visit_due

    def overdue_messages():
        return db.session.execute(select(OutboxMessage.user_id, OutboxMessage.title, OutboxMessage.url).where(
            OutboxMessage.kind == "care.overdue").order_by(OutboxMessage.id)).all()

    before = len(overdue_messages())
    sweep_care(due - timedelta(hours=20))  # the day before: the carers are reminded, once
    sweep_care(due - timedelta(hours=19))
    reminders = db.session.scalars(select(OutboxMessage.user_id).where(
        OutboxMessage.kind == "care.reminder", OutboxMessage.url == f"/care/{target.id}")).all()
    assert sorted(reminders) == sorted([a.user_id for a in target.carers] * 2)  # in the app and by SMS
    sweep_care(due + timedelta(hours=1))
    sweep_care(due + timedelta(hours=2))
    db.session.refresh(target)
    assert (target.level, target.missed_count) == ("village", 1)
    village_told = [uid for uid, _t, url in overdue_messages()[before:] if url == f"/care/{target.id}"]
    assert sorted(village_told) == [person(KEEPER).id] * 2  # in the app and by SMS, once
    sweep_care(due + timedelta(days=3, hours=1))
    sweep_care(due + timedelta(days=4))
    db.session.refresh(target)
    assert target.level == "township"
    escalations = db.session.scalars(select(AuditEntry.detail).where(
        AuditEntry.action == "care.escalated", AuditEntry.object_id == target.id).order_by(AuditEntry.id)).all()
    assert len(escalations) == 2 and '"to": "township"' in escalations[1]
    township_told = [title for uid, title, _u in overdue_messages()[before:] if uid == person("13800000002").id]
    assert township_told and all("东岙村有关爱走访超期" in t for t in township_told)


def test_a_visit_starts_the_clock_again(app, person):
    target = person_named("吴家")  # the demo's overdue one
    services.record_visit(person(CARER), target, "送了米和油，问了医疗救助的进度。")
    assert target.level == "carers" and target.next_visit_due > utcnow() + timedelta(days=6)


def test_the_township_sees_counts_and_overdue_visits_not_names(login):
    from webapp.regions.queries import region_by_code

    page = page_text(login("13800000002").get(f"/care/overview?region={region_by_code('QS-DX').id}"))
    assert "东岙村" in page and "西岭村" in page and not any(name in page for name in NAMES)
    assert login("13800000002").get(f"/care/{person_named('陈阿婆').id}").status_code == 403
    assert login("13800000003").get(f"/care/overview?region={region_by_code('QS-DX').id}").status_code == 403


@pytest.mark.parametrize("values, field", [
    ({"name": "", "category": "disabled", "visit_every_days": 7, "carers": "13800000004"}, "name"),
    ({"name": "某人", "category": "x", "visit_every_days": 7, "carers": "13800000004"}, "category"),
    ({"name": "某人", "category": "disabled", "visit_every_days": 0, "carers": "13800000004"}, "visit_every_days"),
    ({"name": "某人", "category": "disabled", "visit_every_days": 7, "carers": "13800000006"}, "carers"),
    ({"name": "某人", "category": "disabled", "visit_every_days": 7, "carers": ""}, "carers"),
])
def test_bad_records_are_refused_and_change_nothing(app, person, values, field):
    from webapp.regions.queries import region_by_code

    before = db.session.scalar(select(func.count()).select_from(CarePerson))
    with pytest.raises(ServiceError) as refused:
        services.save_person(person(KEEPER), region_by_code("QS-DX-DA"), values)
    assert refused.value.field == field
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(CarePerson)) == before


def test_the_village_secretary_is_not_the_civil_affairs_cadre(app, person):
    from webapp.regions.queries import region_by_code

    with pytest.raises(ServiceError):
        services.save_person(person("13800000003"), region_by_code("QS-DX-DA"),
                             {"name": "某人", "category": "disabled", "visit_every_days": 7, "carers": "13800000004"})
