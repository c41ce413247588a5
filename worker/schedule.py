"""The one list of periodic jobs, run by `rq cron worker/schedule.py`.

The cron process only enqueues; the worker runs. Every job here is safe to run twice, and
its state lives in the database, so a Redis restart loses nothing: the next tick enqueues
again.
"""
from rq import cron

from worker.jobs import (
    audit,
    care,
    cases,
    circle,
    deliberation,
    evaluation,
    health,
    mailbox,
    media,
    notifications,
    points,
)
from worker.queues import DEFAULT, REPORTS, URGENT

# (function, queue, seconds between runs)
PERIODIC_JOBS = [
    (health.beat, URGENT, 30),
    (cases.sweep_deadlines, URGENT, 15),
    # The outbox is also delivered right after each event; this catches whatever that missed
    # (Redis away, a worker killed mid-delivery).
    (notifications.deliver_outbox, DEFAULT, 20),
    (notifications.send_daily_digests, DEFAULT, 600),
    (notifications.resend_unread_broadcasts, URGENT, 60),
    (mailbox.remind_unanswered_letters, DEFAULT, 600),
    (care.sweep_care_visits, DEFAULT, 600),
    (circle.remind_activities, DEFAULT, 600),
    (audit.verify_audit_chain, DEFAULT, 24 * 3600),
    (media.finish_stored_files, DEFAULT, 24 * 3600),
    (points.expire_store_orders, DEFAULT, 300),
    (deliberation.close_due_votes, DEFAULT, 60),
    (deliberation.report_overdue_tasks, DEFAULT, 3600),
    # Hourly: a month's reports appear within the hour after it ends, and a run missed for
    # any reason (a month even) is caught up by the next.
    (points.make_monthly_point_reports, REPORTS, 3600),
    # Hourly too: Monday's 周晒单 and the 1st's 月通报 are up within the hour after midnight.
    (evaluation.make_league_tables, REPORTS, 3600),
]

# A county's monthly reports take about a minute (see `make bench`); give them room.
JOB_TIMEOUTS = {points.make_monthly_point_reports: 1800, evaluation.make_league_tables: 1800}

for func, queue_name, interval in PERIODIC_JOBS:
    cron.register(func, queue_name=queue_name, interval=interval, job_timeout=JOB_TIMEOUTS.get(func))
