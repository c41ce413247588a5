"""The village circle's periodic work: the day-before reminder of activities, once each (the
activity row is claimed by a guarded UPDATE)."""
from . import in_app


@in_app
def remind_activities() -> int:
    from webapp.circle.services import remind_tomorrow

    return remind_tomorrow()
