"""The points area's periodic work. Both jobs keep their state in the database and are safe
to run twice: a month's report is made once per village, an order expires once."""
from . import in_app


@in_app
def make_monthly_point_reports() -> int:
    """Every finished month without a report gets one (a missed month is caught up); then
    the villagers' summaries are delivered."""
    from webapp.jobs import request_delivery
    from webapp.points.services import make_due_reports

    made = make_due_reports()
    if made:
        request_delivery()
    return made


@in_app
def expire_store_orders() -> int:
    from webapp.points.services import expire_orders

    return expire_orders()
