"""The one list of periodic jobs, run by `rq cron worker/schedule.py`.

The cron process only enqueues; the worker runs. Every job here is safe to run twice, and
its state lives in the database, so a Redis restart loses nothing: the next tick enqueues
again.
"""
from rq import cron

from worker.jobs import audit, cases, health, mailbox, notifications
from worker.queues import DEFAULT, URGENT

# (function, queue, seconds between runs)
PERIODIC_JOBS = [
    (health.beat, URGENT, 30),
    (cases.sweep_deadlines, URGENT, 15),
    # The outbox is also delivered right after each event; this catches whatever that missed
    # (Redis away, a worker killed mid-delivery).
    (notifications.deliver_outbox, DEFAULT, 20),
    (mailbox.remind_unanswered_letters, DEFAULT, 600),
    (audit.verify_audit_chain, DEFAULT, 24 * 3600),
]

for func, queue_name, interval in PERIODIC_JOBS:
    cron.register(func, queue_name=queue_name, interval=interval)
