"""What the home page shows a person: their place, their tasks, the latest notices (kept
readable offline), the open finance period and who to call."""
from flask import url_for

from ..accounts.queries import contacts, count_awaiting_verification, verification_helpers
from ..auth import (
    handles_cases,
    may_read_accounts,
    may_verify_anyone,
    may_view_disclosure,
    verification_regions,
)
from ..cases.queries import queue_for
from ..circle.queries import home_strip
from ..circle.weather import provider as weather_provider
from ..database import utcnow
from ..disclosures.queries import listing
from ..finance.queries import periods_of
from ..regions.queries import ancestors, regions_by_id


def home_for(user) -> dict:
    village = user.village
    # One read for every place the page names; held here, as the session keeps only weak references.
    known = regions_by_id(village.ancestor_ids + [user.group_id, user.grid_id])
    places = ancestors(village)
    waiting = queue_for(user) if handles_cases(user) else []
    latest = listing(user, [r.id for r in places], limit=20)
    open_period = periods_of(village.id)[:1] if may_read_accounts(user, village) else []
    # The latest 20 notices and the open finance period are kept readable offline.
    keep_offline = [(url_for("disclosures.show", notice_id=n.id), n.revision)
                    for n in latest if may_view_disclosure(user, n)] + [
        (url_for("finance.period", period_id=p.id), p.revision) for p in open_period]
    entered, tips = home_strip([village.id, *village.ancestor_ids])
    codes = [r.code for r in places]
    return dict(
        weather=weather_provider().today(codes, entered), tips=tips,
        known_places=known, village=village, places=places, notices=latest[:5], keep_offline=keep_offline,
        helpers=[] if user.is_verified else verification_helpers(user),
        pending=count_awaiting_verification(verification_regions(user)) if may_verify_anyone(user) else 0,
        waiting_cases=len(waiting), overdue_cases=sum(1 for c in waiting if c.due_at and c.due_at <= utcnow()),
        team=contacts([village, user.grid], ("party_secretary", "cadre", "grid_worker")))
