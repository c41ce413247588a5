"""An emergency broadcast to the whole county (Ninghai scale: 180,000 villagers): the time to
queue it (the cadre's request: every outbox row written) and the time until every villager has
it in the app (the worker's delivery of the in-app rows, run here as the job runs it)."""
import time

from sqlalchemy import func, select

from webapp.accounts.models import RoleMembership, User
from webapp.extensions import db
from webapp.notifications.broadcasts import send_broadcast
from webapp.notifications.models import IN_APP, Notification, OutboxMessage
from webapp.notifications.services import deliver_pending
from webapp.regions.models import Region
from webapp.transaction import commit

from .report import figure


def deliver_outbox_as_the_job_does() -> None:
    deliver_pending(batch=1000, max_batches=10)  # worker/jobs/notifications.py's batch


def run(app, label: str) -> None:
    with app.app_context():
        county = db.session.scalar(select(Region).where(Region.level == "county").order_by(Region.id.desc()))
        admin = db.session.scalar(select(User).join(RoleMembership, RoleMembership.user_id == User.id)
                                  .where(RoleMembership.role == "admin", RoleMembership.region_id == county.id))
        if admin is None:
            admin = db.session.scalar(select(User).where(User.village_id.is_not(None)))
            db.session.add(RoleMembership(user_id=admin.id, role="admin", region_id=county.id))
            commit()
        started = time.perf_counter()
        broadcast = send_broadcast(admin, county, "typhoon", "台风今晚登陆", "请不要外出，远离河边和山边。", 30)
        commit()
        queued = time.perf_counter() - started
        people = broadcast.recipients
    with app.app_context():
        started = time.perf_counter()
        # The in-app rows first (urgent, then by id, interleaved with their SMS): run the delivery
        # until every villager has it in the app.
        while True:
            deliver_outbox_as_the_job_does()
            have = db.session.scalar(select(func.count()).select_from(Notification)
                                     .where(Notification.broadcast_id == broadcast.id))
            if have >= people:
                break
        delivered = time.perf_counter() - started
        left = db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.broadcast_id == broadcast.id, OutboxMessage.channel == IN_APP, OutboxMessage.status != "sent"))
        assert left == 0, left
    print(f"broadcast to {people} villagers")
    figure(f"broadcast_county_queued_{label}", round(queued, 2), "s", "<=", 10)
    figure(f"broadcast_county_in_app_{label}", round(delivered, 1), "s", "<=", 120)
