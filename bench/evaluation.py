"""Evaluation at county scale (363 villages, 18 townships): a year of reports (about 38,000,
made directly in the tables as the sweep bench does), then the worker's catch-up of every
weekly, monthly and yearly league table of the year, a rerun that finds nothing to do, and the
dashboards: made afresh (after any change in the county, as a county admin meets them) and
served under load beside the references (bench/load.py, where an unchanged county's
dashboard is a kept page), their p95 with ten connections and their compressed weight."""
import random
import time
from datetime import timedelta

import brotli
from sqlalchemy import func, insert, select

from webapp.accounts.models import RoleMembership, User
from webapp.cases.models import Case, DeadlineMiss
from webapp.database import utcnow
from webapp.evaluation.models import LeagueTable
from webapp.evaluation.services import make_due_tables
from webapp.extensions import db
from webapp.regions.models import Region
from webapp.transaction import commit

from . import load
from .report import figure, p95

WEEKS = 52
PER_VILLAGE_PER_WEEK = 2


def add_a_year_of_cases(county: Region, now) -> int:
    """Reports spread over the year in every village of the county, most answered in time,
    some late (a deadline miss each), most rated."""
    rng = random.Random(11)
    reporters = dict(db.session.execute(
        select(User.village_id, func.min(User.id)).join(Region, Region.id == User.village_id)
        .where(Region.path.startswith(county.path)).group_by(User.village_id)).all())
    rows = []
    for village_id, reporter_id in reporters.items():
        for _ in range(WEEKS * PER_VILLAGE_PER_WEEK):
            created = now - timedelta(days=rng.uniform(1, WEEKS * 7))
            late = rng.random() < 0.12
            level = rng.choices(("grid", "village", "township", "county"), (60, 30, 8, 2))[0]
            rating = rng.choices(("satisfied", "basic", "unsatisfied", ""), (55, 20, 5, 20))[0]
            rows.append(dict(reporter_id=reporter_id, village_id=village_id, category="infrastructure",
                             text="压测：路面坑洼", location="", is_public=True, level=level,
                             status="closed" if rating else "resolved", created_at=created,
                             responded_at=created + timedelta(hours=rng.uniform(1, 60 if late else 20)),
                             resolved_at=created + timedelta(days=rng.uniform(0.2, 6)), resolved_level=level,
                             rating=rating, department="", reopen_count=0, missed_count=int(late), version=1))
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(Case), rows[start:start + 5000])
    commit()
    late = db.session.execute(select(Case.id, Case.village_id, Case.created_at).where(
        Case.missed_count == 1, Case.text == "压测：路面坑洼")).all()
    db.session.execute(insert(DeadlineMiss), [
        dict(case_id=cid, level="grid", team_region_id=vid, due_at=at + timedelta(hours=24),
             recorded_at=at + timedelta(hours=24)) for cid, vid, at in late])
    commit()
    return len(rows)


def a_county_admin(county: Region) -> User:
    admin = db.session.scalar(select(User).join(RoleMembership, RoleMembership.user_id == User.id)
                              .where(RoleMembership.role == "admin", RoleMembership.region_id == county.id))
    if admin is None:
        admin = db.session.scalar(select(User).join(Region, Region.id == User.village_id)
                                  .where(Region.path.startswith(county.path)))
        db.session.add(RoleMembership(user_id=admin.id, role="admin", region_id=county.id))
    from webapp.accounts.services import hash_password

    admin.password_hash = hash_password("x")
    commit()
    return admin


def run(app, label: str) -> None:
    with app.app_context():
        county = db.session.scalar(select(Region).where(Region.level == "county").order_by(Region.id.desc()))
        now = utcnow()
        made = add_a_year_of_cases(county, now)
        print(f"  {label}: {made} reports over {WEEKS} weeks in {county.name}")
        started = time.perf_counter()
        tables = make_due_tables(now)
        catch_up = time.perf_counter() - started
        started = time.perf_counter()
        again = make_due_tables(now)
        rerun = time.perf_counter() - started
        print(f"  {label}: {tables} league tables made, {again} on the rerun")
        township = db.session.scalar(select(Region).where(Region.parent_id == county.id).order_by(Region.id))
        table = db.session.scalar(select(LeagueTable.id).where(LeagueTable.region_id == county.id,
                                                               LeagueTable.period == "month")
                                  .order_by(LeagueTable.label.desc()))
        admin = a_county_admin(county)
        phone, instance = admin.phone, app.instance_path
        database_url = app.config["SQLALCHEMY_DATABASE_URI"]
        pages = ["/evaluation/dashboard", f"/evaluation/dashboard?region={township.id}", f"/evaluation/tables/{table}"]
        client = app.test_client()
        from .county import _login

        _login(client, phone)
        sizes = [len(client.get(page, headers={"Accept-Encoding": "br"}).data) for page in pages]
        assert all(size > 1000 for size in sizes), sizes
        # Made afresh each time (a new address is never a kept page): what a county admin waits
        # for after any change in the county, which unkeeps the dashboard.
        fresh = []
        for n in range(60):
            started = time.perf_counter()
            assert client.get(f"{pages[n % 2]}{'&' if '?' in pages[n % 2] else '?'}fresh={n}").status_code == 200
            fresh.append((time.perf_counter() - started) * 1000)
    figure(f"dashboard_made_afresh_p95_county_{label}", round(p95(fresh[10:]), 1), "ms", "<=", 50)
    figure(f"league_tables_year_catch_up_county_{label}", round(catch_up, 1), "s", "<=", 120)
    figure(f"league_tables_rerun_county_{label}", round(rerun, 2), "s", "<=", 2)
    figure(f"chart_pages_max_compressed_county_{label}", round(max(sizes) / 1024, 2), "KB", "<=", 14)
    _ = brotli  # the sizes above are brotli-compressed bytes
    if load.available():
        load.run(instance, database_url, phone, "x", pages, f"dashboard_{label}")
