"""The named queues (defined in webapp.jobs, which the web side uses to enqueue by name)."""
from rq import Queue

from webapp.jobs import DEFAULT, QUEUE_NAMES, REPORTS, URGENT, connection, redis_connection

__all__ = ["DEFAULT", "QUEUE_NAMES", "REPORTS", "URGENT", "connection", "queue", "redis_connection"]


def queue(name: str = DEFAULT, conn=None) -> Queue:
    return Queue(name, connection=conn or connection())
