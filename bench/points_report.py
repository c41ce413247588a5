"""The monthly points report at Ninghai scale: the generated county (363 villages, 180,000
villagers, 252,000 households) gets 1,800,000 ledger entries in the last finished month,
then the report job runs in a process of its own, measured for seconds and peak memory.

The job makes every village's report, public notice and villagers' summaries (about 180,000
outbox rows) one village per transaction: the figures are counted by the database grouped
per village, so memory stays that of one village."""
import random
import subprocess
import sys
import time
from datetime import UTC, timedelta

from sqlalchemy import select, text

from webapp.accounts.models import Household, User
from webapp.database import utcnow
from webapp.extensions import db
from webapp.points.models import PointRule
from webapp.points.services import month_of
from webapp.regions.models import Region

from .report import figure

ENTRIES = 1_800_000
KINDS = [("natural", 10), ("conduct", 5), ("conduct", 8), ("special", 50), ("conduct", -5)]


def _rows(county_id, month_start, total):
    """Entries spread over the county's villagers and their village's households."""
    rng = random.Random(11)
    villages = list(db.session.scalars(select(Region.id).where(Region.level == "village",
                                                               Region.path.startswith(_path(county_id)))))
    people = {v: [] for v in villages}
    for user_id, village_id in db.session.execute(select(User.id, User.village_id).where(User.village_id.in_(villages))):
        people[village_id].append(user_id)
    homes = {v: [] for v in villages}
    for hid, village_id in db.session.execute(select(Household.id, Household.village_id)
                                              .where(Household.village_id.in_(villages))):
        homes[village_id].append(hid)
    rule = db.session.scalar(select(PointRule.id))
    seconds = int((month_of(month_start)[1] - month_start).total_seconds()) - 1
    per_village = total // len(villages)
    for index, village_id in enumerate(villages):
        users, households = people[village_id], homes[village_id]
        count = per_village + (1 if index < total % len(villages) else 0)
        batch = []
        for i in range(count):
            slot = rng.randrange(len(users))
            kind, points = KINDS[i % len(KINDS)]
            at = (month_start + timedelta(seconds=rng.randrange(seconds))).astimezone(UTC)
            batch.append((users[slot], households[slot % len(households)], village_id, rule, kind, points, "压测", at))
        yield batch


def _path(county_id) -> str:
    return db.session.get(Region, county_id).path


def seed_ledger(county_id: int, total: int = ENTRIES) -> str:
    """Writes `total` entries into the last finished month; returns the month's start."""
    month_start = month_of(month_of(utcnow())[0] - timedelta(days=1))[0]
    sqlite = db.engine.dialect.name == "sqlite"
    columns = ("user_id", "household_id", "village_id", "rule_id", "kind", "points", "reason", "created_at")
    written, chunk = 0, []
    for batch in _rows(county_id, month_start, total):
        chunk += batch
        if len(chunk) >= 100_000:
            written += _write(chunk, columns, sqlite)
            chunk = []
    written += _write(chunk, columns, sqlite)
    if not sqlite:
        db.session.execute(text("ANALYZE point_entry"))  # as autovacuum would after a load
    db.session.commit()
    return written


def _write(rows, columns, sqlite) -> int:
    if not rows:
        return 0
    connection = db.session.connection()
    if sqlite:
        marks = ", ".join("?" for _ in columns)
        connection.exec_driver_sql(
            f"INSERT INTO point_entry ({', '.join(columns)}) VALUES ({marks})",
            [row[:7] + (row[7].replace(tzinfo=None).isoformat(sep=" "),) for row in rows])
    else:
        cursor = connection.connection.cursor()
        with cursor.copy(f"COPY point_entry ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    db.session.commit()
    return len(rows)


def run(app, label: str) -> None:
    with app.app_context():
        county = db.session.scalar(select(Region.id).where(Region.code == "NH"))
        started = time.perf_counter()
        written = seed_ledger(county)
        print(f"  ledger: {written} entries in {time.perf_counter() - started:.0f} s")
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        instance = app.instance_path
        db.session.remove()
        db.engine.dispose()
    child = subprocess.run([sys.executable, "-m", "bench.points_job", url, instance], capture_output=True, text=True)
    print(child.stderr[-2000:], end="") if child.returncode else None
    result = dict(line.split("=", 1) for line in child.stdout.split() if "=" in line)
    figure(f"points_month_report_county_{label}", float(result.get("seconds", "inf")), "s", "<=", 60)
    figure(f"points_month_report_peak_memory_{label}", float(result.get("peak_mb", "inf")), "MB", "<=", 1024)
    print(f"  reports made: {result.get('reports')}, summaries queued: {result.get('summaries')}")
