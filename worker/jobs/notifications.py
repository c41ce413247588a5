"""Deliver the outbox. Safe to run twice and side by side: rows are claimed in a transaction."""
from . import in_app


@in_app
def deliver_outbox(max_batches: int | None = None, batch: int = 1000) -> int:
    from webapp.notifications.services import deliver_pending

    return deliver_pending(batch=batch, max_batches=max_batches)


@in_app
def send_daily_digests() -> int:
    """Each person's digest of the day, after six in the evening; safe to run twice (the rows
    gathered are claimed in the change that writes the digest)."""
    from webapp.notifications.digest import send_digests

    return send_digests()


@in_app
def resend_unread_broadcasts() -> int:
    """SMS again to whoever has not read a broadcast in time; each broadcast claimed once."""
    from webapp.notifications.broadcasts import resend_unread

    return resend_unread()
