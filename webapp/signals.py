"""Domain events. Areas send these; other areas subscribe in their __init__.py, so that no area
imports another's views."""
from blinker import Namespace

events = Namespace()

villager_verified = events.signal("villager-verified")
party_member_verified = events.signal("party-member-verified")
role_granted = events.signal("role-granted")
role_revoked = events.signal("role-revoked")
case_resolved = events.signal("case-resolved")  # sender: the case, after its commit
case_rated = events.signal("case-rated")
meeting_attended = events.signal("meeting-attended")  # sender: the meeting; person_id
lesson_finished = events.signal("lesson-finished")  # sender: the lesson; person_id
activity_attended = events.signal("activity-attended")  # sender: the activity; person_id


def send_after_commit(signal, sender, **data) -> None:
    """Tell the other areas once the change is in the database, never about one that was
    rolled back. A receiver that writes does so in a change of its own, committed in turn."""
    from .transaction import after_commit

    after_commit(lambda: signal.send(sender, **data))
