"""The demo county's last twelve weeks of reports, through the same services the grid worker,
the village, the township and the county use, day by day with the deadline sweep running as
the worker would — so the league tables, the dashboards and their trends have history to show:
东岙村's first grid answers in time, its second grid has no grid worker (its cases miss the
grid's 24 hours and go to the village), 西岭村 has no team at all (the township ends up doing
its work), and 南山乡 none either (the county does). Then the villagers' survey for this
quarter and the last, and the tables the worker would have made."""
import heapq
import random
from datetime import timedelta

from flask import current_app

from .accounts.queries import user_by_phone
from .cases import services
from .cases.sweep import sweep_overdue
from .database import utcnow
from .evaluation.services import make_due_tables
from .evaluation.survey import answer_survey
from .i18n import BEIJING
from .transaction import commit

DAYS = 84
# (phone, village's handling): who reports, and who would act on it at which step.
REPORTERS = [("13800000005", "grid"), ("13800000007", "grid"), ("13800000021", "grid"), ("13800000009", "grid"),
             ("13800000008", "no_grid"), ("13800000022", "no_grid"), ("13800000006", "township"),
             ("13800000010", "county")]
TEXTS = {
    "infrastructure": ["后山路有一段路面塌了个坑", "村委会门口的下水道堵了", "溪边路的护栏松了", "前岸路的自来水管漏水"],
    "environment": ["河边有人倒建筑垃圾", "公厕好几天没人打扫", "垃圾分类点的桶坏了", "村道边的杂草长到路中间了"],
    "hazard": ["老屋的墙有裂缝，怕下雨倒", "山脚的电线垂得很低", "池塘边没有警示牌"],
    "other": ["低保申请不知道要准备什么", "老人医保卡丢了怎么补办", "孩子上学的校车时间改了，没人说一声"],
}
NOTES = ["已现场查看并处理。", "已联系相关人员，今天处理完毕。", "已修好，请大家注意安全。", "已答复，材料清单发给您了。"]


def _plan(rng, reporter, kind, at):
    """The steps of one report: (when, what) pairs; what the services would be called with."""
    grid_worker, secretary, township, county = (user_by_phone(p) for p in (
        "13800000004", "13800000003", "13800000002", "13800000001"))
    note = rng.choice(NOTES)
    if kind == "grid" and rng.random() < 0.85:  # answered by the grid worker in time
        done = at + timedelta(hours=rng.randint(1, 18))
        steps = [(done, lambda c, t: services.answer_case(grid_worker, c, note, now=t))]
    elif kind == "grid":  # handed to the village team, resolved there in a few days
        done = at + timedelta(hours=rng.randint(2, 20)) + timedelta(days=rng.randint(1, 4))
        steps = [(at + timedelta(hours=2), lambda c, t: services.hand_to_village(grid_worker, c, "需要村里处理。", now=t)),
                 (done, lambda c, t: services.resolve_case(secretary, c, note, now=t))]
    elif kind == "no_grid":  # misses the grid's 24 hours, resolved by the village
        done = at + timedelta(days=rng.randint(2, 5), hours=3)
        steps = [(done, lambda c, t: services.resolve_case(secretary, c, note, now=t))]
    elif kind == "township":  # misses the grid's and the village's deadlines
        done = at + timedelta(days=7, hours=rng.randint(1, 30))
        steps = [(done, lambda c, t: services.resolve_case(township, c, note, now=t))]
    else:  # and the township's: the county resolves it
        done = at + timedelta(days=17, hours=rng.randint(1, 30))
        steps = [(done, lambda c, t: services.resolve_case(county, c, note, now=t))]
    roll = rng.random()
    if roll < 0.85:
        rating = ("satisfied" if roll < 0.55 or kind == "grid" and roll < 0.7 else "unsatisfied" if roll > 0.78
                  else "basic")
        steps.append((done + timedelta(hours=rng.randint(2, 30)),
                      lambda c, t: services.rate_case(reporter, c, rating, now=t)))
    return steps


def _history(now) -> int:
    rng, pending, made, order = random.Random(2026), [], 0, 0
    start = (now - timedelta(days=DAYS)).astimezone(BEIJING).replace(hour=9, minute=0, second=0, microsecond=0)
    for day in range(DAYS - 1):
        morning = start + timedelta(days=day)
        for phone, kind in REPORTERS:
            if rng.random() < (0.45 if kind in ("grid", "no_grid") else 0.3):
                category = rng.choice(list(TEXTS))
                at = morning + timedelta(minutes=rng.randint(0, 600))
                reporter = user_by_phone(phone)
                case, _ = services.report_case(reporter, category=category, text=rng.choice(TEXTS[category]), now=at)
                made += 1
                for when, step in _plan(rng, reporter, kind, at):
                    if when < now - timedelta(hours=1):
                        order += 1
                        heapq.heappush(pending, (when, order, case.id, step))
        until = morning + timedelta(days=1)
        while pending and pending[0][0] < until:
            when, _order, case_id, step = heapq.heappop(pending)
            from .cases.models import Case
            from .extensions import db

            step(db.session.get(Case, case_id), when)
        commit()
        sweep_overdue(until)
    return made


def _survey(now) -> None:
    """东岙村's villagers for this quarter and the last; 西岭村's one villager (too few to show)."""
    from .regions.queries import region_by_code

    rng = random.Random(4)
    dongao, xiling = region_by_code("QS-DX-DA"), region_by_code("QS-DX-XL")
    comments = ["路灯的事办得快，点个赞。", "希望村务公开再细一点，每笔钱都写清楚。", "", "", "网格员很负责。", ""]
    for when in (now - timedelta(days=92), now):
        for phone in ("13800000005", "13800000007", "13800000009", "13800000021", "13800000022", "13800000008"):
            scores = {key: rng.choice((3, 4, 4, 5, 5)) for key in ("branch", "speed", "result", "openness")}
            answer_survey(user_by_phone(phone), dongao, scores, rng.choice(comments), now=when)
        commit()
    answer_survey(user_by_phone("13800000006"), xiling, dict(branch=3, speed=2, result=3, openness=3), now=now)
    commit()


def _read_by_now(now) -> None:
    """The weeks past were read as they came: a newcomer's inbox starts with today's messages
    unread, not 99+ about last month."""
    from sqlalchemy import update

    from .extensions import db
    from .notifications.models import Notification
    from .notifications.services import deliver_pending

    deliver_pending()
    db.session.execute(update(Notification).where(Notification.read_at.is_(None)).values(read_at=now))
    commit()


def load_demo_evaluation() -> None:
    now = utcnow()
    made = _history(now)
    _survey(now)
    _read_by_now(now)
    tables = make_due_tables(now)
    current_app.logger.info("demo evaluation loaded: %s past reports, %s league tables", made, tables)
