"""/healthz names the part that is down."""
from datetime import UTC, datetime, timedelta

from rq import Queue, Worker


def register_worker(conn, beat_age_seconds=0):
    worker = Worker([Queue("urgent", connection=conn)], connection=conn, name="test-worker")
    worker.register_birth()
    worker.heartbeat()
    if beat_age_seconds:
        old = datetime.now(UTC) - timedelta(seconds=beat_age_seconds)
        conn.hset(worker.key, "last_heartbeat", old.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    return worker


def test_all_parts_up(client, fake_redis):
    register_worker(fake_redis)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["db"] == "ok" and body["redis"] == "ok"
    assert datetime.fromisoformat(body["worker"]["last_beat"]) > datetime.now(UTC) - timedelta(minutes=1)


def test_no_worker_is_a_503_naming_the_worker(client, fake_redis):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["worker"]["status"] == "down: no heartbeat"


def test_a_silent_worker_is_a_503(client, fake_redis):
    register_worker(fake_redis, beat_age_seconds=600)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["worker"]["status"] == "down: heartbeat too old"


def test_redis_down_is_a_503_naming_redis(client):
    # The test config points at a port where nothing listens.
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["db"] == "ok" and body["redis"].startswith("down")
