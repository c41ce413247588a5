"""A county at Ninghai scale for benchmarks: 18 townships, 363 villages with groups and grids,
252,000 households, 180,000 villagers with accounts, and public notices at every level.

Rows go in by bulk insert (COPY on PostgreSQL); the search words of the notices come from a
pool of texts segmented once each, plus the words of the village's name."""
import random
from datetime import timedelta

from sqlalchemy import func, select, text

from ..accounts.models import Household, Resident, User
from ..database import insert_rows, utcnow
from ..disclosures.models import Disclosure, SearchToken
from ..disclosures.search import words
from ..extensions import db
from ..transaction import commit
from .models import Region

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华海燕德福春花"
TOPICS = [
    ("村务公开", "village", "{place}关于{thing}的公示", "经村民代表会议讨论，{place}{thing}方案如下，公示七天，如有异议请向村监委会反映。"),
    ("财务公开", "finance", "{place}{month}月财务收支公开", "本月收入{a}元，支出{b}元，主要用于{thing}，明细见公开栏。"),
    ("党务公开", "party", "{place}党支部{month}月主题党日安排", "本月主题党日围绕{thing}开展，请全体党员按时参加。"),
    ("重大事项", "major", "{place}{thing}工程进展", "{thing}工程已完成{a}%，预计{month}月底完工，资金使用情况按季度公开。"),
]
THINGS = ["村道硬化", "路灯安装", "垃圾分类", "农房改造", "饮用水改造", "文化礼堂建设", "土地流转",
          "低保评议", "医保缴费", "防汛检查", "河道清淤", "集体林地承包", "农家书屋", "养老服务站"]


def _fake_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _regions(county_code: str, townships: int, villages: int) -> list[Region]:
    county = Region(code=county_code, name="宁海样县", level="county", path="")
    db.session.add(county)
    db.session.flush()
    county.path = f"/{county.id}/"
    created = []
    per_township = [villages // townships + (1 if i < villages % townships else 0) for i in range(townships)]
    for t, count in enumerate(per_township, start=1):
        township = Region(code=f"{county_code}-T{t:02d}", name=f"第{t}镇", level="township", parent=county)
        db.session.add(township)
        db.session.flush()
        township.path = f"{county.path}{township.id}/"
        for v in range(1, count + 1):
            village = Region(code=f"{township.code}-V{v:02d}", name=f"{t}镇{v}村", level="village", parent=township)
            db.session.add(village)
            db.session.flush()
            village.path = f"{township.path}{village.id}/"
            kids = []
            for kind, letter, label, n in (("group", "G", "组", 4), ("grid", "W", "网格", 2)):
                for k in range(1, n + 1):
                    child = Region(code=f"{village.code}-{letter}{k}", name=f"第{k}{label}",
                                   level=kind, parent=village)
                    kids.append(child)
            db.session.add_all(kids)
            db.session.flush()
            for child in kids:
                child.path = f"{village.path}{child.id}/"
            created.append((village, [k for k in kids if k.level == "group"], [k for k in kids if k.level == "grid"]))
    db.session.flush()
    return county, created


def generate_county(*, townships=18, villages=363, households=252_000, villagers=180_000,
                    notices=100_000, seed=7, county_code="NH", log=print) -> dict:
    if db.session.scalar(select(func.count()).select_from(Region).where(Region.code == county_code)):
        raise RuntimeError(f"county {county_code} already exists")
    rng = random.Random(seed)
    county, village_list = _regions(county_code, townships, villages)
    commit()
    log(f"regions: 1 county, {townships} townships, {len(village_list)} villages")

    password = "pbkdf2:sha256:1000$bench$" + "0" * 64  # no one logs in as these
    household_rows, resident_rows, user_rows = [], [], []
    n = len(village_list)
    hid = (db.session.scalar(select(func.max(Household.id))) or 0)
    for index, (village, groups, grids) in enumerate(village_list):
        per_village = households // n + (1 if index < households % n else 0)
        people_per_village = villagers // n + (1 if index < villagers % n else 0)
        for h in range(per_village):
            hid += 1
            group, grid = groups[h % len(groups)], grids[h % len(grids)]
            household_rows.append(dict(id=hid, code=f"{village.code}-H{h:05d}", village_id=village.id,
                                       group_id=group.id, grid_id=grid.id, address=f"{village.name}{h}号"))
            resident_rows.append(dict(household_id=hid, name=_fake_name(rng), relation="户主", phone="", id_last4=""))
        for p in range(people_per_village):
            group, grid = groups[p % len(groups)], grids[p % len(grids)]
            user_rows.append(dict(phone=f"15{index:03d}{p:06d}", name=_fake_name(rng), password_hash=password,
                                  village_id=village.id, group_id=group.id, grid_id=grid.id,
                                  created_at=utcnow(), active=True, verified_at=utcnow(),
                                  verification_note=""))
        if len(household_rows) > 20_000:
            insert_rows(Household.__table__, household_rows)
            insert_rows(Resident.__table__, resident_rows)
            insert_rows(User.__table__, user_rows)
            commit()
            household_rows, resident_rows, user_rows = [], [], []
    insert_rows(Household.__table__, household_rows)
    insert_rows(Resident.__table__, resident_rows)
    insert_rows(User.__table__, user_rows)
    commit()
    log(f"people: {households} households, {villagers} villagers")

    author = db.session.scalar(select(User.id).where(User.phone.like("15%")))
    topic_words = {}
    all_regions = [county.id] + [v.parent_id for v, _, _ in village_list] + [v.id for v, _, _ in village_list]
    village_names = {v.id: v.name for v, _, _ in village_list}
    start_id = (db.session.scalar(select(func.max(Disclosure.id))) or 0) + 1
    now = utcnow()
    notice_rows, token_rows = [], []
    for n in range(notices):
        # Most notices are a village's; some its township's or the county's.
        region_id = rng.choice(all_regions) if rng.random() < 0.1 else rng.choice(village_list)[0].id
        label, section, title_t, body_t = rng.choice(TOPICS)
        thing, month = rng.choice(THINGS), rng.randint(1, 12)
        place = village_names.get(region_id, "本镇")
        fill = dict(place=place, thing=thing, month=month, a=rng.randint(10, 99), b=rng.randint(10, 99))
        title, body = title_t.format(**fill), body_t.format(**fill)
        key = (title_t, body_t, thing)
        if key not in topic_words:
            topic_words[key] = words(title_t.format(**{**fill, "place": ""}) + " " + body_t.format(**{**fill, "place": ""}))
        notice_id = start_id + n
        notice_rows.append(dict(id=notice_id, region_id=region_id, section=section, year=2026, title=title,
                                body=body, interpretation="", members_only=False, author_id=author,
                                published_at=now - timedelta(minutes=notices - n), read_count=0, like_count=0))
        for word in topic_words[key] | words(place):
            token_rows.append(dict(token=word, disclosure_id=notice_id))
        if len(notice_rows) >= 10_000:
            insert_rows(Disclosure.__table__, notice_rows)
            insert_rows(SearchToken.__table__, token_rows)
            commit()
            notice_rows, token_rows = [], []
    insert_rows(Disclosure.__table__, notice_rows)
    insert_rows(SearchToken.__table__, token_rows)
    commit()
    log(f"notices: {notices}")
    if db.engine.dialect.name == "postgresql":  # ids were given: move the sequences past them
        for table in ("household", "disclosure"):
            db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                    f"(SELECT max(id) FROM {table}))"))
        commit()
    if db.engine.dialect.name == "postgresql":
        # Fresh statistics after the bulk load, as autovacuum would give them a little later:
        # without them the planner guesses, and the first measurements say more about that.
        db.session.execute(text("ANALYZE"))
        commit()
    return {"county": county.id, "villages": [v.id for v, _, _ in village_list]}
