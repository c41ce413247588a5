"""Points (积分制, 电子功德银行): a catalogue of rules, an append-only ledger, derived balances."""
from flask import Blueprint

bp = Blueprint("points", __name__)


# ---- points earned by taking part, from the other areas' events -------------------------------
import logging  # noqa: E402

from .. import signals  # noqa: E402

log = logging.getLogger("cunli.points")


def _award(person_id: int, rule_code: str, source_ref: str, now) -> None:
    from ..accounts.queries import user_by_id
    from ..extensions import db
    from .services import award_automatically

    try:
        with db.session.begin_nested():  # a failure here undoes only the points, never more
            award_automatically(user_by_id(person_id), rule_code, source_ref, now=now)
    except Exception:  # noqa: BLE001  (points must never undo or fail the other area's own step)
        log.exception("automatic points %s (%s) failed", source_ref, rule_code)


def _award_for(case, rule_code: str, event: str, now) -> None:
    _award(case.reporter_id, rule_code, f"case:{case.id}:{event}", now)


@signals.case_resolved.connect
def points_for_a_confirmed_hazard(case, now=None, **_):
    """A hazard report that was acted on and resolved was real: the reporter earns points."""
    if case.category in ("hazard", "emergency"):
        _award_for(case, "hazard_confirmed", "confirmed", now)


@signals.case_rated.connect
def points_for_rating(case, now=None, **_):
    _award_for(case, "feedback", "rated", now)


@signals.meeting_attended.connect
def points_for_attending(meeting, person_id=None, now=None, **_):
    """A deliberation meeting attended (checked in by QR or by the cadre): the rule "meeting"."""
    _award(person_id, "meeting", f"meeting:{meeting.id}:{person_id}", now)


@signals.lesson_finished.connect
def points_for_learning(lesson, person_id=None, now=None, **_):
    """A lesson of 为村课堂 finished: the rule "lesson", once per lesson and person."""
    _award(person_id, "lesson", f"lesson:{lesson.id}:{person_id}", now)


@signals.activity_attended.connect
def points_for_activities(activity, person_id=None, now=None, **_):
    """A village activity attended (checked in by its QR or by the organiser): the rule "activity"."""
    _award(person_id, "activity", f"activity:{activity.id}:{person_id}", now)
