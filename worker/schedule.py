"""The one list of periodic jobs, run by `rq cron worker/schedule.py`.

The cron process only enqueues; the worker runs. Every job here is safe to run twice, and
its state lives in the database, so a Redis restart loses nothing: the next tick enqueues
again.
"""
from rq import cron

from worker.jobs import audit, health
from worker.queues import DEFAULT, URGENT

# (function, queue, seconds between runs)
PERIODIC_JOBS = [
    (health.beat, URGENT, 30),
    (audit.verify_audit_chain, DEFAULT, 24 * 3600),
]

for func, queue_name, interval in PERIODIC_JOBS:
    cron.register(func, queue_name=queue_name, interval=interval)
