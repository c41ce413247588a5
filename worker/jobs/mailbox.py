"""The 3-day reminder of unanswered letters. Safe to run twice (each letter is claimed once)."""
from . import in_app


@in_app
def remind_unanswered_letters() -> int:
    from webapp.mailbox.services import remind_unanswered

    return remind_unanswered()
