"""The monthly points report of every village (积分月报). The job finds each finished month
that has no report for a village and makes it, one village per transaction: a missed run
catches up, a second run finds nothing to do, and the unique (village, month) stops two
workers racing. All counting is done by the database, grouped per village."""
from datetime import datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ...accounts.models import Household, User
from ...audit.services import record
from ...database import utcnow
from ...disclosures.services import publish_generated_notice
from ...extensions import db
from ...notifications.services import outbox_rows, queue_notifications
from ...regions.models import VILLAGE, Region
from ...transaction import commit
from ..models import KINDS, PointBalance, PointEntry, PointReport, StoreOrder
from ..models.store import REDEEMED
from ..teams import teams_of
from .ledger import BEIJING, month_of

EARNING = tuple(KINDS)


def month_label(start: datetime) -> str:
    return start.astimezone(BEIJING).strftime("%Y-%m")


def month_bounds(label: str) -> tuple[datetime, datetime]:
    year, month = (int(p) for p in label.split("-"))
    return month_of(datetime.combine(datetime(year, month, 1).date(), time(12), BEIJING))


def finished_months(now) -> list[str]:
    """Every month from the ledger's first entry to the last finished one."""
    first = db.session.scalar(select(func.min(PointEntry.created_at)))
    if first is None:
        return []
    this_month, _ = month_of(now)
    months, start = [], month_of(first)[0]
    while start < this_month:
        months.append(month_label(start))
        start = month_of(month_of(start)[1])[0]
    return months


def make_due_reports(now=None, log=None) -> int:
    """A batch runner (an edge, like a job): makes every missing report of every finished
    month, one village per committed change; returns how many it made."""
    now = now or utcnow()
    made = 0
    villages = list(db.session.scalars(select(Region.id).where(Region.level == VILLAGE).order_by(Region.id)))
    for label in finished_months(now):
        done = set(db.session.scalars(select(PointReport.village_id).where(PointReport.month == label)))
        commit()
        for village_id in villages:
            if village_id not in done and make_monthly_report(village_id, label, now) is not None:
                made += 1
            commit()
        if log:
            log(f"{label}: {made} report(s) made so far")
    return made


def _people(village_id, start, end) -> list[list]:
    rows = db.session.execute(
        select(PointEntry.user_id, User.name, func.sum(PointEntry.points).label("points"))
        .join(User, User.id == PointEntry.user_id)
        .where(PointEntry.village_id == village_id, PointEntry.created_at >= start, PointEntry.created_at < end,
               PointEntry.kind.in_(EARNING))
        .group_by(PointEntry.user_id, User.name)).all()
    return sorted(([uid, name, int(points)] for uid, name, points in rows), key=lambda r: (-r[2], r[1], r[0]))


def _households(village_id, start, end) -> list[list]:
    rows = db.session.execute(
        select(PointEntry.household_id, Household.address, func.sum(PointEntry.points))
        .join(Household, Household.id == PointEntry.household_id)
        .where(PointEntry.village_id == village_id, PointEntry.created_at >= start, PointEntry.created_at < end,
               PointEntry.kind.in_(EARNING))
        .group_by(PointEntry.household_id, Household.address)).all()
    return sorted(([hid, address, int(points)] for hid, address, points in rows), key=lambda r: (-r[2], r[1], r[0]))


def _by_kind(village_id, start, end) -> dict[str, int]:
    rows = dict(db.session.execute(
        select(PointEntry.kind, func.sum(PointEntry.points))
        .where(PointEntry.village_id == village_id, PointEntry.created_at >= start, PointEntry.created_at < end,
               PointEntry.kind.in_(EARNING)).group_by(PointEntry.kind)).all())
    return {kind: int(rows.get(kind) or 0) for kind in EARNING}


def _redemptions(village_id, start, end) -> dict[str, int]:
    count, points = db.session.execute(
        select(func.count(), func.coalesce(func.sum(StoreOrder.price), 0))
        .where(StoreOrder.village_id == village_id, StoreOrder.status == REDEEMED,
               StoreOrder.closed_at >= start, StoreOrder.closed_at < end)).one()
    return {"count": int(count), "points": int(points)}


def report_figures(village_id: int, label: str) -> dict:
    start, end = month_bounds(label)
    return {"people": _people(village_id, start, end), "households": _households(village_id, start, end),
            "teams": teams_of(village_id, start, end), "by_kind": _by_kind(village_id, start, end),
            "redemptions": _redemptions(village_id, start, end)}


def _summary_rows(village_id: int, label: str, people: list[list], report_id: int, now) -> list[dict]:
    """One notification per villager of the village with their own month."""
    earned = {uid: (rank, points) for rank, (uid, _name, points) in enumerate(people, start=1)}
    villagers = db.session.execute(
        select(User.id, PointBalance.balance).outerjoin(PointBalance, PointBalance.user_id == User.id)
        .where(User.village_id == village_id, User.active.is_(True), User.verified_at.is_not(None))).all()
    month = int(label[5:])
    rows = []
    for user_id, balance in villagers:
        if user_id in earned:
            rank, points = earned[user_id]
            title = _l("%(m)s月积分：你得了 %(p)s 分，全村第 %(r)s 名，现有 %(b)s 分。", m=month, p=points, r=rank,
                       b=balance or 0)
        else:
            title = _l("%(m)s月积分：你这个月没有得分，现有 %(b)s 分。", m=month, b=balance or 0)
        rows += outbox_rows([user_id], "points.monthly", str(title), url=f"/points/reports/{report_id}", now=now)
    return rows


def make_monthly_report(village_id: int, label: str, now=None) -> PointReport | None:
    """The report of one village for one finished month, its public notice and every
    villager's summary, in one transaction; None when it already exists."""
    now = now or utcnow()
    if db.session.scalar(select(PointReport.id).where(PointReport.village_id == village_id,
                                                      PointReport.month == label)):
        return None
    figures = report_figures(village_id, label)
    report = PointReport(village_id=village_id, month=label, created_at=now, figures=figures)
    try:
        with db.session.begin_nested():
            db.session.add(report)
            db.session.flush()
    except IntegrityError:  # another worker made it a moment ago
        return None
    if not figures["people"] and not figures["redemptions"]["count"]:
        # A village that did not use points that month: the report is kept (so the job is
        # done with it), but no empty notice goes up and nobody is told "0".
        record(None, "points.report_made", report, object_type="point_report", region=village_id, month=label,
               people=0)
        return report
    year, month = label.split("-")
    top = "、".join(f"{name}（{points}分）" for _uid, name, points in figures["people"][:10])
    body = str(_l("%(y)s年%(m)s月本村积分排行前十名：%(top)s。全村得分 %(total)s 分，热心超市兑换 %(n)s 件。"
                  "完整排行、户排行和网格团队积分见：/points/reports/%(id)s", y=year, m=int(month), top=top or "—",
                  total=sum(figures["by_kind"].values()), n=figures["redemptions"]["count"], id=report.id))
    notice = publish_generated_notice(village_id, section="village",
                                      title=str(_l("%(y)s年%(m)s月积分榜", y=year, m=int(month))), body=body, now=now)
    report.disclosure_id = notice.id
    queue_notifications(_summary_rows(village_id, label, figures["people"], report.id, now))
    record(None, "points.report_made", report, object_type="point_report", region=village_id, month=label,
           people=len(figures["people"]))
    return report
