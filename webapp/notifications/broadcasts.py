"""Emergency broadcasts (紧急广播): a typhoon, a flood, a fire, a missing person. A village's
cadres or the township's command centre send one message to everyone living in the region, in
the app and by SMS at once, quiet hours or not; the page shows how many have it and how many
have read it as the numbers grow; after a set time, whoever has not read it in the app gets the
SMS again, once (the sweep claims the broadcast before it writes the rows)."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, insert, literal, select, update

from ..accounts.models import User
from ..accounts.queries import people_living_in
from ..audit.services import record
from ..auth import may_publish
from ..database import UTCDateTime, insert_rows, utcnow
from ..extensions import db
from ..jobs import deliver_after_commit
from ..page_versions import declared
from ..regions.models import Region
from ..service import ServiceError
from .models import HAZARDS, IN_APP, PENDING, SMS, Broadcast, Notification, OutboxMessage

RESEND_CHOICES = (15, 30, 60, 120)


def _rows(broadcast: Broadcast, user_ids, channels, now) -> list[dict]:
    kind = f"broadcast.{broadcast.hazard}"
    title = f"【{broadcast.hazard_label}】{broadcast.title}"
    return [dict(user_id=uid, channel=channel, kind=kind, title=title[:120], body=broadcast.body,
                 url=f"/broadcasts/{broadcast.id}", case_id=None, urgent=True, status=PENDING, attempts=0,
                 created_at=now, error="", not_before=None, digest=False, broadcast_id=broadcast.id)
            for uid in user_ids for channel in channels]


def _queue(rows: list[dict]) -> None:
    # Outbox rows show on no page (the inbox shows what delivery makes of them): writing 360,000
    # of them must not bump 180,000 people's page versions here; delivery does, as it goes.
    insert_rows(OutboxMessage.__table__, rows, shown=False)


def _queue_for_everyone_in(broadcast: Broadcast, region, now) -> int:
    """The outbox rows of everyone living in the region, written by the database itself (INSERT
    … SELECT from the accounts, once per channel): 360,000 rows for a county without carrying
    them through Python. Returns how many people."""
    people = (select(User.id).join(Region, Region.id == User.village_id)
              .where(User.active.is_(True), Region.path.like(f"{region.path}%")))
    title = f"【{broadcast.hazard_label}】{broadcast.title}"[:120]
    for channel in (IN_APP, SMS):
        constant = {"channel": channel, "kind": f"broadcast.{broadcast.hazard}", "title": title,
                    "body": broadcast.body, "url": f"/broadcasts/{broadcast.id}", "urgent": True, "status": PENDING,
                    "attempts": 0, "error": "", "digest": False, "broadcast_id": broadcast.id}
        columns = ["user_id", *constant, "created_at"]
        chosen = people.add_columns(*[literal(v, OutboxMessage.__table__.c[k].type) for k, v in constant.items()],
                                    literal(now, UTCDateTime()))
        with declared():  # rows no page shows: nobody's pages are made again for them
            db.session.execute(insert(OutboxMessage).from_select(columns, chosen))
    return db.session.scalar(select(func.count()).select_from(people.subquery()))


def send_broadcast(actor, region, hazard: str, title: str, body: str, resend_after: int) -> Broadcast:
    if not may_publish(actor, region):
        raise ServiceError(_l("只有本村干部和乡镇综合指挥室可以发紧急广播。"))
    if hazard not in HAZARDS:
        raise ServiceError(_l("请选择是什么紧急情况。"), "hazard")
    title, body = (title or "").strip(), (body or "").strip()
    if not 2 <= len(title) <= 40:
        raise ServiceError(_l("标题写 2 到 40 个字。"), "title")
    if not 2 <= len(body) <= 300:
        raise ServiceError(_l("内容写 2 到 300 个字（短信最多两条）。"), "body")
    if resend_after not in RESEND_CHOICES:
        raise ServiceError(_l("请选择多久后重发短信。"), "resend_after")
    now = utcnow()
    broadcast = Broadcast(region_id=region.id, sender_id=actor.id, hazard=hazard, title=title, body=body,
                          resend_after=resend_after, created_at=now)
    db.session.add(broadcast)
    db.session.flush()
    broadcast.recipients = _queue_for_everyone_in(broadcast, region, now)
    record(actor, "broadcast.sent", broadcast, region=region, hazard=hazard, recipients=broadcast.recipients)
    deliver_after_commit()
    return broadcast


def figures(broadcast: Broadcast) -> dict:
    """How many have it in the app, have read it, and had the SMS (sent, again)."""
    delivered, read = db.session.execute(
        select(func.count(), func.count(Notification.read_at)).where(Notification.broadcast_id == broadcast.id)).one()
    sms = db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.broadcast_id == broadcast.id, OutboxMessage.channel == SMS, OutboxMessage.status == "sent"))
    return {"recipients": broadcast.recipients, "delivered": delivered, "read": read, "sms": sms}


def resend_unread(now=None) -> int:
    """SMS again to everyone who has not read a broadcast whose resend time has come; once."""
    now = now or utcnow()
    due = db.session.scalars(select(Broadcast).where(Broadcast.resent_at.is_(None))).all()
    resent = 0
    for broadcast in due:
        if broadcast.created_at + timedelta(minutes=broadcast.resend_after) > now:
            continue
        claimed = db.session.execute(update(Broadcast).where(Broadcast.id == broadcast.id, Broadcast.resent_at.is_(None))
                                     .values(resent_at=now)).rowcount
        if not claimed:
            continue
        read = set(db.session.scalars(select(Notification.user_id).where(Notification.broadcast_id == broadcast.id,
                                                                         Notification.read_at.is_not(None))))
        unread = [uid for uid in people_living_in(broadcast.region) if uid not in read]
        _queue(_rows(broadcast, unread, (SMS,), now))
        db.session.execute(update(Broadcast).where(Broadcast.id == broadcast.id).values(resent_to=len(unread)))
        record(None, "broadcast.resent", broadcast, region=broadcast.region_id, unread=len(unread))
        resent += 1
    if resent:
        deliver_after_commit()
    return resent
