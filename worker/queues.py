"""The named queues. Jobs carry ids, never objects, and are safe to run twice."""
from functools import lru_cache

from redis import Redis
from rq import Queue

URGENT, DEFAULT, REPORTS = "urgent", "default", "reports"
QUEUE_NAMES = (URGENT, DEFAULT, REPORTS)  # a worker takes them in this order


@lru_cache(maxsize=8)
def redis_connection(url: str) -> Redis:
    # Short timeouts: a frozen Redis must not hang a villager's request.
    return Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def connection():
    from flask import current_app

    return redis_connection(current_app.config["REDIS_URL"])


def queue(name: str = DEFAULT, conn=None) -> Queue:
    return Queue(name, connection=conn or connection())
