"""Votes close at their deadline (tallied, the box published, the key destroyed) and remind
the village a day before; tasks past their deadline reach the township. Each safe to run
twice: a closed vote is left as it is, a reminder or a report is claimed before it is sent."""
from . import in_app


@in_app
def close_due_votes() -> int:
    from webapp.deliberation.services.votes import close_due_votes as close

    return close()


@in_app
def report_overdue_tasks() -> int:
    from webapp.deliberation.services.tasks import report_overdue_tasks as report

    return report()
