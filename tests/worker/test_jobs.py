"""Jobs run through a real RQ queue (fakeredis, run synchronously) and call services."""
from rq import Queue

from worker import jobs
from worker.jobs.audit import verify_audit_chain
from worker.jobs.health import SCHEDULE_KEY, beat
from worker.schedule import PERIODIC_JOBS


def test_the_nightly_audit_job_checks_the_chain(app, fake_redis, monkeypatch):
    monkeypatch.setitem(jobs._app_cache, "app", app)
    job = Queue("default", connection=fake_redis, is_async=False).enqueue(verify_audit_chain)
    result = job.return_value()
    assert result["broken_id"] is None and result["checked"] >= 3


def test_the_beat_job_records_when_the_schedule_last_ran(fake_redis):
    Queue("urgent", connection=fake_redis, is_async=False).enqueue(beat)
    assert fake_redis.get(SCHEDULE_KEY)


def test_every_periodic_job_runs_at_least_daily_on_a_named_queue():
    from worker.queues import QUEUE_NAMES

    assert PERIODIC_JOBS
    for func, queue_name, seconds in PERIODIC_JOBS:
        assert callable(func) and queue_name in QUEUE_NAMES and 0 < seconds <= 24 * 3600
