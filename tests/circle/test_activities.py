"""Activities: places taken in order under a rush (30 at once for the last 5), the waiting list
moved up in order, QR check-in once with points, a villager's activity waits for a cadre, the
day-before reminder once."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from webapp.accounts.models import User
from webapp.circle import services
from webapp.circle.models import Activity, Signup
from webapp.database import utcnow
from webapp.extensions import db
from webapp.points.models import PointEntry
from webapp.service import ServiceError

from ..client import page_text
from ..races import race

CADRE = "13800000003"


def new_activity(person, capacity, organiser=CADRE):
    from webapp.regions.queries import region_by_code

    found = services.create_activity(person(organiser), region_by_code("QS-DX-DA"), dict(
        title="植树", place="后山", capacity=capacity, starts_at=utcnow() + timedelta(days=3)))
    db.session.commit()
    return found


def villagers(n):
    """n verified villagers of 东岙村 (made for the rush)."""
    from webapp.regions.queries import region_by_code

    village = region_by_code("QS-DX-DA")
    people = [User(phone=f"1370000{i:04d}", name=f"村民{i}", password_hash="x", village_id=village.id,
                   verified_at=utcnow()) for i in range(n)]
    db.session.add_all(people)
    db.session.commit()
    return [p.id for p in people]


def test_thirty_at_once_for_the_last_five_places(app, person):
    activity_id = new_activity(person, 5).id  # the ids only: each thread loads in its own session
    ids = villagers(30)
    results = race(app, 30, lambda i: services.sign_up(db.session.get(User, ids[i]), db.session.get(Activity, activity_id)))
    assert results.count("ok") == 30
    signups = list(db.session.scalars(select(Signup).where(Signup.activity_id == activity_id)))
    assert sum(s.status == "going" for s in signups) == 5 and sum(s.status == "waiting" for s in signups) == 25
    assert db.session.get(Activity, activity_id).going_count == 5
    # The waiting list moves up in the order people signed up.
    waiting = sorted((s for s in signups if s.status == "waiting"), key=lambda s: (s.signed_at, s.id))
    going = next(s for s in signups if s.status == "going")
    services.cancel(db.session.get(User, going.user_id), db.session.get(Activity, activity_id))
    db.session.commit()
    assert db.session.get(Signup, waiting[0].id).status == "going"
    assert db.session.get(Signup, waiting[1].id).status == "waiting"


def test_qr_check_in_once_with_points(app, person, login):
    found = new_activity(person, 10)
    villager = person("13800000005")
    services.sign_up(villager, found)
    db.session.commit()
    client = login("13800000005")
    with pytest.raises(ServiceError, match="签到码不对"):
        services.check_in(villager, found, "wrong", now=found.starts_at)
    assert services.check_in(villager, found, found.checkin_code, now=found.starts_at) is True
    assert services.check_in(villager, found, found.checkin_code, now=found.starts_at) is False
    db.session.commit()
    assert client.get(f"/circle/activities/{found.id}/checkin?code={found.checkin_code}").status_code == 200


def test_attending_earns_the_activity_points_once(app, person):
    from webapp.transaction import commit

    found = new_activity(person, 10)
    villager = person("13800000005")
    services.sign_up(villager, found)
    services.check_in(villager, found, found.checkin_code, now=found.starts_at)
    commit()
    services.mark_attended(person(CADRE), found, villager.id, now=found.starts_at)
    commit()
    earned = db.session.scalars(select(PointEntry.points).where(
        PointEntry.source_ref == f"activity:{found.id}:{villager.id}")).all()
    assert earned == [3]


def test_a_villager_s_activity_waits_for_a_cadre(app, person):
    found = new_activity(person, 10, organiser="13800000005")
    assert found.status == "proposed"
    with pytest.raises(ServiceError):
        services.sign_up(person("13800000007"), found)
    with pytest.raises(ServiceError):
        services.approve(person("13800000007"), found)
    services.approve(person(CADRE), found)
    services.sign_up(person("13800000007"), found)


@pytest.mark.parametrize("phone", ["13800000006", "13800000010", "13800000011"])
def test_other_villages_and_the_unverified_cannot_sign_up(app, person, phone):
    found = new_activity(person, 10)
    with pytest.raises(ServiceError):
        services.sign_up(person(phone), found)


def test_the_day_before_everyone_going_is_reminded_once(app, person):
    from webapp.notifications.models import OutboxMessage

    found = new_activity(person, 10)
    services.sign_up(person("13800000005"), found)
    db.session.commit()
    day_before = found.starts_at - timedelta(hours=20)
    assert services.remind_tomorrow(day_before) >= 1
    assert services.remind_tomorrow(day_before) == 0
    assert person("13800000005").id in db.session.scalars(select(OutboxMessage.user_id).where(
        OutboxMessage.url == f"/circle/activities/{found.id}")).all()


def test_calling_off_tells_everyone_signed_up_or_waiting_why(app, person, login):
    from webapp.notifications.models import OutboxMessage

    found = new_activity(person, 1)
    going, waiting = person("13800000005"), person("13800000007")
    services.sign_up(going, found)
    services.sign_up(waiting, found)
    db.session.commit()
    assert login(going.phone).post(f"/circle/activities/{found.id}/call-off", {"reason": "下雨"}).status_code == 403
    refused = login(CADRE).post(f"/circle/activities/{found.id}/call-off", {"reason": ""})
    assert refused.status_code == 422 and db.session.get(Activity, found.id).status == "open"
    done = login(CADRE).post(f"/circle/activities/{found.id}/call-off", {"reason": "台风要来，改期再通知"})
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.get(Activity, found.id).status == "cancelled"
    told = db.session.execute(select(OutboxMessage.user_id, OutboxMessage.title).where(
        OutboxMessage.url == f"/circle/activities/{found.id}", OutboxMessage.kind == "circle.activity")).all()
    assert {uid for uid, _t in told} == {going.id, waiting.id}
    assert all("台风要来" in title for _u, title in told)
    assert "活动已取消：台风要来" in page_text(login(going.phone).get(f"/circle/activities/{found.id}"))
    with pytest.raises(ServiceError, match="已经取消"):
        services.check_in(going, found, found.checkin_code, now=found.starts_at)
    with pytest.raises(ServiceError):
        services.sign_up(person("13800000009"), found)


def test_a_cadre_turns_a_proposal_down_with_a_reason_the_organiser_reads(app, person):
    from webapp.notifications.models import OutboxMessage

    found = new_activity(person, 10, organiser="13800000005")
    services.call_off(person(CADRE), found, "祠堂那天要办酒，换个地方再报")
    db.session.commit()
    assert found.status == "cancelled"
    told = db.session.scalar(select(OutboxMessage.title).where(OutboxMessage.user_id == person("13800000005").id,
                                                               OutboxMessage.kind == "circle.activity"))
    assert "没有通过" in told and "祠堂那天要办酒" in told
