"""The daily digest: a person who chose it for a group gets that group's SMS of the day as one
message at six in the evening (Beijing) instead of one per event. The rows gathered are claimed
by a guarded UPDATE … RETURNING in the same change that writes the digest's own SMS row, so two
runs at once, or a run repeated after a crash, send each event once."""
from datetime import datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, update

from ..database import utcnow
from ..extensions import db
from ..i18n import BEIJING
from ..jobs import deliver_after_commit
from ..page_versions import declared, touch_person
from .models import DIGESTED, PENDING, SMS, OutboxMessage
from .preferences import DIGEST_AT
from .services import cut, queue_notifications

MOST_TITLES = 5


def last_digest_time(now: datetime) -> datetime:
    """The latest six o'clock in the evening, Beijing, at or before `now`."""
    local = now.astimezone(BEIJING)
    at = local.replace(hour=DIGEST_AT.hour, minute=DIGEST_AT.minute, second=0, microsecond=0)
    return at if at <= local else at - timedelta(days=1)


def send_digests(now: datetime | None = None) -> int:
    """One SMS per person for their digest rows made before the last digest time; returns how many."""
    now = now or utcnow()
    due_before = last_digest_time(now)
    people = db.session.scalars(select(OutboxMessage.user_id).where(
        OutboxMessage.status == PENDING, OutboxMessage.digest.is_(True),
        OutboxMessage.created_at < due_before).distinct()).all()
    sent = 0
    for user_id in people:
        with declared():  # the person's own rows: their pages alone are made again
            claimed = db.session.execute(
                update(OutboxMessage).where(OutboxMessage.user_id == user_id, OutboxMessage.status == PENDING,
                                            OutboxMessage.digest.is_(True), OutboxMessage.created_at < due_before)
                .values(status=DIGESTED, sent_at=now).returning(OutboxMessage.title)).scalars().all()
            touch_person(user_id)
        if not claimed:
            continue  # another run took them
        with force_locale("zh_Hans_CN"):
            title = _("今天有 %(n)s 条消息", n=len(claimed))
            body = "；".join(cut(t, 30) for t in claimed[:MOST_TITLES]) + ("…" if len(claimed) > MOST_TITLES else "")
        queue_notifications([dict(user_id=user_id, channel=SMS, kind="digest", title=title, body=body, url="/inbox",
                                  case_id=None, urgent=False, status=PENDING, attempts=0, created_at=now, error="",
                                  not_before=None, digest=False)])
        sent += 1
    if sent:
        deliver_after_commit()
    return sent
