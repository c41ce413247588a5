"""Awarding, reversing and rebuilding points. Every write is an audited ledger entry."""
from datetime import datetime, time
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from ...audit.services import record
from ...auth import may_award_points
from ...database import utcnow
from ...extensions import db
from ...jobs import deliver_after_commit
from ...notifications.services import cut, notify
from ...page_versions import declared
from ...service import ServiceError
from ..models import PointBalance, PointEntry, PointRule

BEIJING = ZoneInfo("Asia/Shanghai")


def rules_for(village) -> list[PointRule]:
    """The county's catalogue, with the village's own versions in place of the same codes."""
    county_id = village.ancestor_ids[0]
    rules = list(db.session.scalars(select(PointRule).where(
        PointRule.county_id == county_id, PointRule.active.is_(True),
        (PointRule.village_id.is_(None)) | (PointRule.village_id == village.id)).order_by(PointRule.id)))
    by_code: dict[str, PointRule] = {}
    for rule in rules:
        if rule.code not in by_code or rule.village_id is not None:
            by_code[rule.code] = rule
    return list(by_code.values())


def month_of(now: datetime) -> tuple[datetime, datetime]:
    """The Beijing calendar month holding `now`, as [start, end)."""
    first = now.astimezone(BEIJING).date().replace(day=1)
    following = first.replace(year=first.year + (first.month == 12), month=first.month % 12 + 1)
    return datetime.combine(first, time.min, BEIJING), datetime.combine(following, time.min, BEIJING)


def add_to_balance(user_id: int, points: int) -> None:
    with declared():  # beside its ledger entry, which bumps the pages that show the balance
        changed = db.session.execute(update(PointBalance).where(PointBalance.user_id == user_id)
                                     .values(balance=PointBalance.balance + points)).rowcount
    if not changed:
        db.session.add(PointBalance(user_id=user_id, balance=points))
        db.session.flush()


def check_award(actor, person, rule: PointRule, now, auto: bool) -> None:
    if rule not in rules_for(person.village):
        raise ServiceError(_l("这条积分规则不适用于这位村民所在的村。"), "rule")
    if not person.is_verified:
        raise ServiceError(_l("%(name)s还没有认证身份，认证后才能获得积分。", name=person.name), "people")
    if not auto and not may_award_points(actor, person, rule):
        raise ServiceError(_l("你不能给这位村民记这条积分。"), "rule")
    if rule.monthly_cap and rule.points > 0:
        start, end = month_of(now)
        this_month = db.session.scalar(select(func.coalesce(func.sum(PointEntry.points), 0)).where(
            PointEntry.user_id == person.id, PointEntry.rule_id == rule.id,
            PointEntry.created_at >= start, PointEntry.created_at < end))
        if this_month + rule.points > rule.monthly_cap:
            raise ServiceError(_l("%(name)s本月这一项已达上限（%(cap)s分）。", name=person.name, cap=rule.monthly_cap),
                               "people")


def write_entry(actor, person, rule: PointRule, reason: str, now, source_ref=None) -> PointEntry:
    entry = PointEntry(user_id=person.id, household_id=person.resident.household_id if person.resident else None,
                       village_id=person.village_id, rule_id=rule.id, kind=rule.kind, points=rule.points,
                       reason=(reason or rule.name)[:200], created_at=now,
                       created_by_id=getattr(actor, "id", None), source_ref=source_ref)
    db.session.add(entry)
    add_to_balance(person.id, rule.points)
    record(actor, "points.awarded", entry, object_type="point_entry", region=person.village_id,
           user=person.id, rule=rule.code, points=rule.points)
    return entry


def tell_awarded(entry: PointEntry, what: str, now) -> None:
    """The person hears of the points: in the app, by SMS only if they asked for it (the
    积分 group's choice), or in the evening's digest."""
    notify([entry.user_id], "points.awarded", str(_l("你获得 %(n)s 分：%(what)s", n=entry.points, what=cut(what, 30))),
           url="/points", now=now)
    deliver_after_commit()


def award_points(actor, people: list, rule: PointRule, reason: str = "", now=None) -> list[PointEntry]:
    """Award a rule to one person or many at once (a whole group after an inspection): all
    of them, or — if any may not have it — none, with each problem named."""
    now = now or utcnow()
    if rule is None:
        raise ServiceError(_l("请选择积分规则。"), "rule")
    people = list(dict.fromkeys(people))
    if not people:
        raise ServiceError(_l("请选择要记分的村民。"), "people")
    problems = []
    for person in people:
        try:
            check_award(actor, person, rule, now, auto=False)
        except ServiceError as error:
            problems.append(str(error.message))
    if problems:
        raise ServiceError("；".join(problems), "people")
    entries = [write_entry(actor, person, rule, reason, now) for person in people]
    for entry in entries:
        tell_awarded(entry, reason or rule.name, now)
    return entries


def award_automatically(person, rule_code: str, source_ref: str, now=None) -> PointEntry | None:
    """Points earned by taking part (a confirmed report …). The same source never pays twice;
    a person the rule cannot reach (not verified, over the cap) simply gets nothing."""
    now = now or utcnow()
    rule = next((r for r in rules_for(person.village) if r.code == rule_code and r.awarded_by == "auto"), None)
    if rule is None or db.session.scalar(select(PointEntry.id).where(PointEntry.source_ref == source_ref)):
        return None
    try:
        check_award(None, person, rule, now, auto=True)
    except ServiceError:
        return None
    entry = write_entry(None, person, rule, "", now, source_ref=source_ref)
    tell_awarded(entry, rule.name, now)
    return entry


def reverse_entry(actor, entry: PointEntry, reason: str, now=None) -> PointEntry:
    """A correction: a new entry with the opposite points. The original stays as it was."""
    from ...accounts.models import User

    person = db.session.get(User, entry.user_id)
    if not may_award_points(actor, person, entry.rule):
        raise ServiceError(_l("你不能更正这条积分。"))
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_l("请写明更正的原因。"), "reason")
    if entry.reverses_id is not None or db.session.scalar(
            select(PointEntry.id).where(PointEntry.reverses_id == entry.id)):
        raise ServiceError(_l("这条积分已经更正过了。"))
    correction = PointEntry(user_id=entry.user_id, household_id=entry.household_id, village_id=entry.village_id,
                            rule_id=entry.rule_id, kind=entry.kind, points=-entry.points, reason=reason[:200],
                            created_at=now or utcnow(), created_by_id=actor.id, reverses_id=entry.id)
    db.session.add(correction)
    add_to_balance(entry.user_id, -entry.points)
    record(actor, "points.reversed", correction, object_type="point_entry", region=entry.village_id,
           reverses=entry.id, reason=reason)
    return correction


def rebuild_balances() -> list[tuple[int, int, int]]:
    """Recompute every cached balance from the ledger; returns (user, cached, ledger) where
    they differed, and leaves the cache equal to the ledger."""
    sums = dict(db.session.execute(select(PointEntry.user_id, func.sum(PointEntry.points))
                                   .group_by(PointEntry.user_id)).all())
    cached = dict(db.session.execute(select(PointBalance.user_id, PointBalance.balance)).all())
    differences = []
    for user_id in set(sums) | set(cached):
        actual, kept = int(sums.get(user_id, 0)), cached.get(user_id)
        if kept != actual:
            differences.append((user_id, kept if kept is not None else 0, actual))
            if kept is None:
                db.session.add(PointBalance(user_id=user_id, balance=actual))
            else:
                db.session.execute(update(PointBalance).where(PointBalance.user_id == user_id).values(balance=actual))
    return differences
