"""Nothing lost, nothing twice: deadlines against a real Redis and real worker processes that
are killed, a Redis that is flushed or frozen, and sweeps that race each other. Each test
prints its figures."""
import signal
import subprocess
import sys
import threading
import time

import pytest
from rq import Queue

from webapp.database import set_write_intent
from worker.jobs.cases import sweep_deadlines
from worker.jobs.notifications import deliver_outbox

from .harness import Worker, escalation_counts, make_due_cases, wait_for

pytestmark = pytest.mark.redis


def assert_escalated_exactly_once(case_ids, counts):
    assert counts["levels"] == {"village": len(case_ids)}, counts["levels"]
    assert len(counts["misses"]) == len(case_ids) and set(counts["misses"].values()) == {1}
    assert len(counts["events"]) == len(case_ids) and set(counts["events"].values()) == {1}
    assert counts["inbox_dupes"] == [] and counts["sms_dupes"] == []
    assert counts["pending"] == 0


def cron(conn, stop: threading.Event, sweep_args: dict, every: float = 0.25):
    """What `rq cron` does, faster: keep the sweep and the delivery enqueued. Like a real
    schedule (one tick every 15 s) it does not pile up hundreds of waiting jobs while the
    worker is down: a tick is skipped while the last one still waits."""
    urgent, default = Queue("urgent", connection=conn), Queue("default", connection=conn)
    while not stop.is_set():
        try:
            if urgent.count < 2:
                urgent.enqueue(sweep_deadlines, kwargs=sweep_args, job_timeout=120)
            if default.count < 2:
                default.enqueue(deliver_outbox, kwargs={"max_batches": 1, "batch": 100}, job_timeout=120)
        except Exception:  # noqa: BLE001  (Redis flushed or restarting: the next tick tries again)
            pass
        stop.wait(every)


def test_1000_due_cases_while_the_worker_is_killed_every_few_seconds(app, real_redis, env_for_workers):
    case_ids = make_due_cases(1000)
    set_write_intent(False)  # this test only reads while the workers write
    _, url, conn = real_redis
    stop = threading.Event()
    ticker = threading.Thread(target=cron, args=(conn, stop, {"batch": 20, "max_batches": 2}), daemon=True)
    worker = Worker(url, env_for_workers).start()
    ticker.start()
    started = time.monotonic()
    try:
        def finished():
            counts = escalation_counts(case_ids)
            return counts if counts["levels"] == {"village": 1000} and counts["pending"] == 0 else None

        # Kill whenever the run has moved on since the last kill, so that every kill lands in
        # the middle of the work however fast or slow this machine is.
        killed_at, last = [], None
        while time.monotonic() - started < 240 and not finished():
            time.sleep(0.5)
            done = sum(escalation_counts(case_ids)["misses"].values())
            if 0 < done < len(case_ids) and done != last:
                worker.kill()  # SIGKILL, job process first, in the middle of whatever it does
                worker.start()
                killed_at.append(done)
                last = done
        counts = wait_for(finished, 60) or escalation_counts(case_ids)
    finally:
        stop.set()
        worker.stop()
    seconds = time.monotonic() - started
    print(f"\nFAULT kill: {len(case_ids)} due cases, worker SIGKILLed {worker.kills} times, "
          f"escalated {sum(counts['levels'].get(lvl, 0) for lvl in ('village',))} in {seconds:.1f} s, "
          f"misses {sum(counts['misses'].values())}, inbox notifications {counts['notifications']}, "
          f"SMS {counts['sms']}, duplicate notifications {len(counts['inbox_dupes']) + len(counts['sms_dupes'])}")
    # The outcome, not a timer's count: the worker died mid-run (some cases done, some not),
    # and still every case went up exactly once with exactly one notification each.
    assert killed_at and all(0 < done < len(case_ids) for done in killed_at), killed_at
    assert_escalated_exactly_once(case_ids, counts)


def test_redis_flushed_mid_run_loses_no_deadline(app, real_redis, env_for_workers):
    case_ids = make_due_cases(300)
    set_write_intent(False)
    _, url, conn = real_redis
    worker = Worker(url, env_for_workers).start()
    queue = Queue("urgent", connection=conn)
    try:
        for _ in range(10):  # a run in small steps, then Redis forgets everything mid-way
            queue.enqueue(sweep_deadlines, kwargs={"batch": 10, "max_batches": 1})
        wait_for(lambda: 0 < sum(escalation_counts(case_ids)["misses"].values()), 30, 0.05)
        conn.flushall()
        partial = sum(escalation_counts(case_ids)["misses"].values())
        # The next tick of the schedule enqueues the sweep again, and delivery.
        queue.enqueue(sweep_deadlines)
        Queue("default", connection=conn).enqueue(deliver_outbox)
        counts = wait_for(lambda: (c := escalation_counts(case_ids))["levels"] == {"village": 300}
                          and c["pending"] == 0 and c, 60) or escalation_counts(case_ids)
    finally:
        worker.stop()
    print(f"\nFAULT flush: {partial} of 300 escalated when Redis was flushed; after the next sweep "
          f"{sum(counts['misses'].values())} escalated, {counts['notifications']} inbox notifications, "
          f"duplicates {len(counts['inbox_dupes']) + len(counts['sms_dupes'])}")
    assert 0 < partial < 300
    assert_escalated_exactly_once(case_ids, counts)


def test_villagers_report_while_redis_is_frozen(app, real_redis, login):
    """SIGSTOP: Redis accepts connections and never answers. Reports still save, no 5xx."""
    process, url, conn = real_redis
    app.config["REDIS_URL"] = url
    from webapp.jobs import redis_connection

    redis_connection.cache_clear()
    villagers = [login(p) for p in ("13800000005", "13800000011", "13800000007", "13800000004")]
    from sqlalchemy import func, select

    from webapp.cases.models import Case
    from webapp.extensions import db

    before = db.session.scalar(select(func.count()).select_from(Case))
    db.session.commit()
    process.send_signal(signal.SIGSTOP)
    statuses, started = [], time.monotonic()
    try:
        for n, villager in enumerate(villagers * 3):
            response = villager.post("/cases/new", {"category": "hazard", "text": f"冻结时的反映{n}",
                                                    "client_ref": f"frozen-redis-{n:04d}"},
                                     content_type="multipart/form-data")
            statuses.append(response.status_code)
    finally:
        process.send_signal(signal.SIGCONT)
        redis_connection.cache_clear()
    saved = db.session.scalar(select(func.count()).select_from(Case)) - before
    print(f"\nFAULT freeze: {len(statuses)} reports while Redis was stopped: {saved} saved, "
          f"statuses {sorted(set(statuses))}, {time.monotonic() - started:.1f} s in all")
    assert saved == len(statuses) == 12
    assert all(code == 303 for code in statuses)


def test_five_sweeps_at_once_make_one_change_and_one_notification(app, database_url, instance_dir, outbox_of):
    case_ids = make_due_cases(1)
    set_write_intent(False)
    env = {**__import__("os").environ, "DATABASE_URL": database_url, "CUNLI_INSTANCE": str(instance_dir),
           "REDIS_URL": "redis://127.0.0.1:1/0", "FLASK_APP": "webapp:create_app"}
    flask = str(__import__("pathlib").Path(sys.executable).parent / "flask")
    sweeps = [subprocess.Popen([flask, "cases", "sweep"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True) for _ in range(5)]
    outputs = [s.communicate(timeout=120)[0] for s in sweeps]
    assert all(s.returncode == 0 for s in sweeps), outputs
    changed = sum("escalated 1 case(s)" in out for out in outputs)
    counts = escalation_counts(case_ids)
    rows = outbox_of(case_ids[0])
    print(f"\nFAULT race: 5 concurrent sweeps → {changed} escalated the case; misses "
          f"{sum(counts['misses'].values())}; outbox rows {len(rows)}: {rows}")
    assert changed == 1
    assert counts["misses"] == {case_ids[0]: 1} and counts["events"] == {case_ids[0]: 1}
    # one notification for each village cadre (in-app + SMS) and one for the reporter
    assert rows == [("13800000003", "inapp"), ("13800000003", "sms"), ("13800000005", "inapp"),
                    ("13800000023", "inapp"), ("13800000023", "sms")]


@pytest.fixture
def outbox_of():
    from sqlalchemy import select

    from webapp.accounts.models import User
    from webapp.extensions import db
    from webapp.notifications.models import OutboxMessage

    def rows(case_id):
        found = db.session.execute(select(User.phone, OutboxMessage.channel).join(
            User, User.id == OutboxMessage.user_id).where(OutboxMessage.case_id == case_id)).all()
        db.session.commit()
        return sorted(tuple(r) for r in found)

    return rows
