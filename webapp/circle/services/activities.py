"""Activities: a cadre's are open at once, a villager's wait for a cadre's approval. Sign-ups
take a place while there is one, else join the waiting list in the order they came; a place
given back goes to the first on the list, who is told. Check-in by the activity's QR (the code
it carries) or by the organiser; attending earns the points rule "activity" through a signal.

Two sign-ups for the last place: each bumps the activity's version in the same change, so on
PostgreSQL the second's guarded UPDATE finds the row changed and tries again; on SQLite every
write transaction begins IMMEDIATE and they simply take turns."""
import secrets
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ... import signals
from ...audit.services import record
from ...auth import may_organise, may_run_activities, may_sign_up, takes_part_in_circle
from ...cases.recipients import role_holder_ids
from ...database import utcnow
from ...extensions import db
from ...jobs import deliver_after_commit
from ...notifications.services import notify
from ...roles import VILLAGE_TEAM
from ...service import ServiceError
from ..models import CANCELLED, GOING, OPEN, PROPOSED, WAITING, WITHDRAWN, Activity, Signup


def activity_url(activity_id: int) -> str:
    return f"/circle/activities/{activity_id}"


def create_activity(user, village, values: dict, now=None) -> Activity:
    now = now or utcnow()
    cadre = may_run_activities(user, village)
    if not cadre and not (takes_part_in_circle(user) and user.village_id == village.id):
        raise ServiceError(_l("本村已认证的村民才能发起本村的活动。"))
    title = " ".join((values.get("title") or "").split())
    place = " ".join((values.get("place") or "").split())
    if not 2 <= len(title) <= 60:
        raise ServiceError(_l("请写下活动名称（2到60字）。"), "title")
    if not place or len(place) > 80:
        raise ServiceError(_l("请写下活动地点。"), "place")
    starts, until = values.get("starts_at"), values.get("signup_until")
    if starts is None or starts <= now:
        raise ServiceError(_l("活动时间要在以后。"), "starts_at")
    if until is None or until > starts:
        until = starts - timedelta(hours=1)
    try:
        capacity = int(values.get("capacity") or 0)
    except (TypeError, ValueError):
        capacity = 0
    if not 1 <= capacity <= 2000:
        raise ServiceError(_l("人数上限请填 1 到 2000。"), "capacity")
    activity = Activity(village_id=village.id, organiser_id=user.id, title=title, place=place,
                        text=(values.get("text") or "").strip()[:2000], starts_at=starts, signup_until=until,
                        capacity=capacity, status=OPEN if cadre else PROPOSED, checkin_code=secrets.token_hex(6),
                        approved_by_id=user.id if cadre else None, created_at=now)
    db.session.add(activity)
    db.session.flush()
    if not cadre:
        with force_locale("zh_Hans_CN"):
            notify(role_holder_ids([village.id], VILLAGE_TEAM), "circle.activity", _("村民发起了活动“%(t)s”，请审核", t=title),
                   url=activity_url(activity.id), now=now)
        deliver_after_commit()
    record(user, "circle.activity_created", activity, object_type="activity", region=village.id, open=cadre)
    return activity


def approve(cadre, activity: Activity) -> None:
    if not may_run_activities(cadre, activity.village) or activity.status != PROPOSED:
        raise ServiceError(_l("这个活动不需要你审核。"))
    activity.status, activity.approved_by_id = OPEN, cadre.id
    with force_locale("zh_Hans_CN"):
        notify([activity.organiser_id], "circle.activity", _("你发起的活动“%(t)s”已通过，可以报名了", t=activity.title),
               url=activity_url(activity.id))
    deliver_after_commit()
    record(cadre, "circle.activity_approved", activity, object_type="activity", region=activity.village_id)


def call_off(user, activity: Activity, reason: str, now=None) -> None:
    """A cadre turns a proposal down, or the organiser (or a cadre) withdraws it or calls it off
    before it starts; everyone signed up or waiting is told why, by SMS too."""
    now = now or utcnow()
    reason = " ".join((reason or "").split())
    if not may_organise(user, activity):
        raise ServiceError(_l("只有活动发起人和村干部可以取消活动。"))
    if activity.status == CANCELLED:
        raise ServiceError(_l("这个活动已经取消了。"))
    if now >= activity.starts_at:
        raise ServiceError(_l("活动已经开始，不能取消了。"))
    if not 2 <= len(reason) <= 200:
        raise ServiceError(_l("请写明原因（2到200字），报名的人会收到。"), "reason")
    declined = activity.status == PROPOSED and user.id != activity.organiser_id
    told = set(db.session.scalars(select(Signup.user_id).where(Signup.activity_id == activity.id,
                                                               Signup.status.in_((GOING, WAITING)))))
    if user.id != activity.organiser_id:
        told.add(activity.organiser_id)

    def call():
        db.session.refresh(activity)
        activity.status, activity.cancel_reason = CANCELLED, reason

    _guarded(call)
    with force_locale("zh_Hans_CN"):
        what = (_("你发起的活动“%(t)s”没有通过：%(why)s", t=activity.title, why=reason) if declined
                else _("活动“%(t)s”取消了：%(why)s", t=activity.title, why=reason))
        notify(sorted(told), "circle.activity", what, url=activity_url(activity.id), sms=True, now=now)
    deliver_after_commit()
    record(user, "circle.activity_declined" if declined else "circle.activity_called_off", activity,
           object_type="activity", region=activity.village_id, reason=reason)


def _guarded(change) -> None:
    """Run `change()` and flush it under the activity's version; try again when another sign-up
    or cancel changed the activity a moment ago (PostgreSQL; SQLite takes turns)."""
    for _attempt in range(20):
        try:
            with db.session.begin_nested():
                change()
                db.session.flush()
            return
        except StaleDataError:
            continue
        except IntegrityError:  # the same person twice at once: the second is the repeat
            raise ServiceError(_l("你已经报过名了。")) from None
    raise ServiceError(_l("报名的人太多了，请稍后再试。"))


def sign_up(user, activity: Activity, now=None) -> Signup:
    now = now or utcnow()
    if not may_sign_up(user, activity):
        raise ServiceError(_l("只有本村已认证的村民可以报名本村的活动。"))
    if now > activity.signup_until:
        raise ServiceError(_l("报名已经截止了。"))
    found = db.session.scalar(select(Signup).where(Signup.activity_id == activity.id, Signup.user_id == user.id))
    if found is not None and found.status != WITHDRAWN:
        raise ServiceError(_l("你已经报过名了。"))

    def take():
        db.session.refresh(activity)  # the places as they are now, and the version to guard
        status = GOING if activity.going_count < activity.capacity else WAITING
        if status == GOING:
            activity.going_count += 1  # flushed as UPDATE … WHERE version = the one read
        signup = found or Signup(activity_id=activity.id, user_id=user.id)
        signup.status, signup.signed_at, signup.attended_at = status, now, None
        db.session.add(signup)

    _guarded(take)
    signup = db.session.scalar(select(Signup).where(Signup.activity_id == activity.id, Signup.user_id == user.id))
    record(user, "circle.signed_up", activity, object_type="activity", region=activity.village_id, status=signup.status)
    return signup


def _promote(activity: Activity, now) -> None:
    """The first on the waiting list takes the place given back, and is told."""
    first = db.session.scalar(select(Signup).where(Signup.activity_id == activity.id, Signup.status == WAITING)
                              .order_by(Signup.signed_at, Signup.id).limit(1))
    if first is None:
        return
    first.status = GOING
    activity.going_count += 1
    with force_locale("zh_Hans_CN"):
        notify([first.user_id], "circle.activity", _("活动“%(t)s”有人退出，你从候补转为正式报名", t=activity.title),
               url=activity_url(activity.id), sms=True, now=now)
    deliver_after_commit()


def cancel(user, activity: Activity, now=None) -> None:
    now = now or utcnow()
    found = db.session.scalar(select(Signup).where(Signup.activity_id == activity.id, Signup.user_id == user.id))
    if found is None or found.status == WITHDRAWN:
        raise ServiceError(_l("你没有报名这个活动。"))
    if activity.status == CANCELLED:
        raise ServiceError(_l("这个活动已经取消了。"))
    if now >= activity.starts_at:
        raise ServiceError(_l("活动已经开始，不能取消了。"))

    def give_back():
        db.session.refresh(activity)
        was_going = found.status == GOING
        found.status = WITHDRAWN
        if was_going:
            activity.going_count -= 1
            _promote(activity, now)

    _guarded(give_back)
    record(user, "circle.withdrew", activity, object_type="activity", region=activity.village_id)


def check_in(user, activity: Activity, code: str, now=None) -> bool:
    """By the QR the organiser shows (it carries the code): once; returns whether it was new."""
    now = now or utcnow()
    if not secrets.compare_digest((code or "").strip().encode(), activity.checkin_code.encode()):
        raise ServiceError(_l("签到码不对，请重新扫码。"))
    return _attend(user, activity, user.id, now)


def mark_attended(organiser, activity: Activity, person_id: int, now=None) -> bool:
    if not may_organise(organiser, activity):
        raise ServiceError(_l("只有活动发起人和村干部可以登记到场。"))
    return _attend(organiser, activity, person_id, now or utcnow())


def _attend(actor, activity: Activity, person_id: int, now) -> bool:
    if activity.status != OPEN:
        raise ServiceError(_l("这个活动已经取消了。"))
    if not activity.starts_at - timedelta(hours=3) <= now <= activity.starts_at + timedelta(hours=12):
        raise ServiceError(_l("活动开始前3小时到结束当天才能签到。"))
    found = db.session.scalar(select(Signup).where(Signup.activity_id == activity.id, Signup.user_id == person_id))
    if found is None or found.status != GOING:
        raise ServiceError(_l("没有报名（或还在候补）的人不能签到。"))
    if found.attended_at is not None:
        return False
    found.attended_at = now
    record(actor, "circle.attended", activity, object_type="activity", region=activity.village_id, user=person_id)
    signals.send_after_commit(signals.activity_attended, activity, person_id=person_id, now=now)
    return True


def remind_tomorrow(now=None) -> int:
    """The day before, everyone going is told (once: the guarded UPDATE claims the activity)."""
    from sqlalchemy import update

    now = now or utcnow()
    due = list(db.session.execute(select(Activity.id, Activity.title).where(
        Activity.status == OPEN, Activity.reminded_at.is_(None), Activity.starts_at > now,
        Activity.starts_at <= now + timedelta(hours=24))).all())
    sent = 0
    for activity_id, title in due:
        claimed = db.session.execute(update(Activity).where(Activity.id == activity_id, Activity.reminded_at.is_(None))
                                     .values(reminded_at=now, version=Activity.version + 1)).rowcount
        if not claimed:
            continue
        going = list(db.session.scalars(select(Signup.user_id).where(Signup.activity_id == activity_id,
                                                                     Signup.status == GOING)))
        with force_locale("zh_Hans_CN"):
            notify(going, "circle.activity", _("明天的活动“%(t)s”别忘了参加", t=title), url=activity_url(activity_id),
                   sms=True, now=now)
        record(None, "circle.reminded", object_type="activity", object_id=activity_id)
        sent += 1
    if sent:
        deliver_after_commit()
    return sent
