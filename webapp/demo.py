"""The demo county 青山县, loaded through the same importers a real county uses."""
from sqlalchemy import func, select

from . import media
from .accounts.imports import import_households, import_people
from .demo_media import demo_photo  # noqa: F401  (tests and other parts take it from here)
from .extensions import db
from .regions.imports import import_regions
from .regions.models import Region
from .transaction import commit

DEMO_PASSWORD = "demo1234"

REGIONS = """code,name,level,parent_code
QS,青山县,county,
QS-DX,东溪镇,township,QS
QS-NS,南山乡,township,QS
QS-DX-DA,东岙村,village,QS-DX
QS-DX-DA-G1,第一村民小组,group,QS-DX-DA
QS-DX-DA-G2,第二村民小组,group,QS-DX-DA
QS-DX-DA-W1,第一网格,grid,QS-DX-DA
QS-DX-DA-W2,第二网格,grid,QS-DX-DA
QS-DX-XL,西岭村,village,QS-DX
QS-DX-XL-G1,第一村民小组,group,QS-DX-XL
QS-DX-XL-G2,第二村民小组,group,QS-DX-XL
QS-DX-XL-W1,第一网格,grid,QS-DX-XL
QS-NS-SX,石溪村,village,QS-NS
QS-NS-SX-G1,第一村民小组,group,QS-NS-SX
QS-NS-SX-W1,第一网格,grid,QS-NS-SX
"""

HOUSEHOLDS = """household_code,village_code,group_code,grid_code,address,name,relation,phone,id_last4,gender,birth_year
DA-001,QS-DX-DA,QS-DX-DA-G1,QS-DX-DA-W1,东岙村前岸路1号,王大山,户主,13800000005,0415,男,1962
DA-001,QS-DX-DA,QS-DX-DA-G1,QS-DX-DA-W1,东岙村前岸路1号,刘秀英,配偶,,2210,女,1964
DA-001,QS-DX-DA,QS-DX-DA-G1,QS-DX-DA-W1,东岙村前岸路1号,王小红,子女,13800000011,0032,女,1990
DA-002,QS-DX-DA,QS-DX-DA-G1,QS-DX-DA-W1,东岙村前岸路3号,周明,户主,13800000007,1178,男,1971
DA-003,QS-DX-DA,QS-DX-DA-G1,QS-DX-DA-W1,东岙村前岸路5号,李秀梅,户主,13800000004,3306,女,1983
DA-004,QS-DX-DA,QS-DX-DA-G2,QS-DX-DA-W2,东岙村后山路2号,张卫东,户主,13800000003,5521,男,1975
DA-005,QS-DX-DA,QS-DX-DA-G2,QS-DX-DA-W2,东岙村后山路8号,吴芳,户主,13800000008,7090,女,1979
DA-006,QS-DX-DA,QS-DX-DA-G2,QS-DX-DA-W2,东岙村后山路9号,陈建国,户主,13800000001,2046,男,1968
DA-007,QS-DX-DA,QS-DX-DA-G2,QS-DX-DA-W2,东岙村后山路12号,林海峰,户主,13800000002,8813,男,1985
DA-008,QS-DX-DA,QS-DX-DA-G1,QS-DX-DA-W1,东岙村溪边路4号,郑国平,户主,13800000009,6657,男,1958
DA-009,QS-DX-DA,QS-DX-DA-G1,QS-DX-DA-W1,东岙村溪边路6号,王阿婆,户主,,0101,女,1940
DA-010,QS-DX-DA,QS-DX-DA-G1,QS-DX-DA-W1,东岙村溪边路8号,赵丽,户主,13800000021,4508,女,1988
DA-011,QS-DX-DA,QS-DX-DA-G2,QS-DX-DA-W2,东岙村前岸路9号,钱勇,户主,13800000022,6612,男,1986
DA-012,QS-DX-DA,QS-DX-DA-G2,QS-DX-DA-W2,东岙村后山路15号,孙建华,户主,13800000023,1937,男,1969
XL-001,QS-DX-XL,QS-DX-XL-G1,QS-DX-XL-W1,西岭村上坪1号,赵春花,户主,13800000006,4402,女,1966
XL-002,QS-DX-XL,QS-DX-XL-G2,QS-DX-XL-W1,西岭村下坪7号,钱德福,户主,,9123,男,1955
SX-001,QS-NS-SX,QS-NS-SX-G1,QS-NS-SX-W1,石溪村溪口3号,孙桂兰,户主,13800000010,3390,女,1961
"""

PEOPLE = """phone,name,village_code,group_code,role,role_region_code,title,household_code
13800000001,陈建国,QS-DX-DA,QS-DX-DA-G2,admin,QS,县级管理员,DA-006
13800000002,林海峰,QS-DX-DA,QS-DX-DA-G2,township_staff,QS-DX,综合指挥室,DA-007
13800000003,张卫东,QS-DX-DA,QS-DX-DA-G2,party_secretary,QS-DX-DA,书记,DA-004
13800000003,张卫东,QS-DX-DA,QS-DX-DA-G2,cadre,QS-DX-DA,书记,DA-004
13800000003,张卫东,QS-DX-DA,QS-DX-DA-G2,admin,QS-DX-DA,村管理员,DA-004
13800000004,李秀梅,QS-DX-DA,QS-DX-DA-G1,grid_worker,QS-DX-DA-W1,网格员,DA-003
13800000005,王大山,QS-DX-DA,QS-DX-DA-G1,,,,DA-001
13800000006,赵春花,QS-DX-XL,QS-DX-XL-G1,,,,XL-001
13800000007,周明,QS-DX-DA,QS-DX-DA-G1,group_leader,QS-DX-DA-G1,组长,DA-002
13800000008,吴芳,QS-DX-DA,QS-DX-DA-G2,shopkeeper,QS-DX-DA,热心超市,DA-005
13800000009,郑国平,QS-DX-DA,QS-DX-DA-G1,mediator,QS-DX,调解员,DA-008
13800000010,孙桂兰,QS-NS-SX,QS-NS-SX-G1,,,,SX-001
13800000011,王小红,QS-DX-DA,QS-DX-DA-G1,,,,
13800000021,赵丽,QS-DX-DA,QS-DX-DA-G1,service_member,QS-DX-DA,村医,DA-010
13800000022,钱勇,QS-DX-DA,QS-DX-DA-G2,service_member,QS-DX-DA,联片民警,DA-011
13800000023,孙建华,QS-DX-DA,QS-DX-DA-G2,cadre,QS-DX-DA,村委会主任,DA-012
"""

LOGINS = [
    ("13800000001", "县级管理员，青山县"),
    ("13800000002", "乡镇综合指挥室，东溪镇"),
    ("13800000003", "村党组织书记、村管理员，东岙村"),
    ("13800000004", "网格员，东岙村第一网格"),
    ("13800000005", "已认证村民，东岙村第一网格第一组"),
    ("13800000006", "已认证村民，西岭村"),
    ("13800000007", "村民小组长，东岙村第一组"),
    ("13800000008", "热心超市店员，东岙村"),
    ("13800000009", "调解员，东溪镇"),
    ("13800000010", "已认证村民，南山乡石溪村"),
    ("13800000011", "未认证村民，东岙村"),
    ("13800000021", "服务团队：村医，东岙村"),
    ("13800000022", "服务团队：联片民警，东岙村"),
    ("13800000023", "村委会主任、民政专干（关爱对象名册），东岙村"),
]


def database_is_empty() -> bool:
    return not db.session.scalar(select(func.count()).select_from(Region))


def _demo_photo(name: str):
    """A small picture for the demo report, made here so that no binary is committed."""
    import io

    from PIL import Image, ImageDraw
    from werkzeug.datastructures import FileStorage

    image = Image.new("RGB", (800, 600), (120, 160, 120))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 380, 800, 600], fill=(90, 90, 100))   # the stream
    draw.rectangle([100, 300, 700, 380], fill=(150, 150, 150))  # the bridge deck
    for x in range(120, 700, 80):
        draw.line([x, 300, x, 220], fill=(60, 60, 60), width=8)   # the rail posts
    draw.line([120, 220, 420, 220], fill=(60, 60, 60), width=8)   # the rail, broken at 420
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    out.seek(0)
    return FileStorage(out, filename=name, content_type="image/jpeg")


def load_demo_cases() -> None:
    """A few reports at different steps of the ladder, so every page has something to show."""
    from datetime import timedelta

    from .accounts.queries import user_by_phone
    from .cases import services
    from .cases.sweep import sweep_overdue
    from .database import utcnow
    from .notifications.services import deliver_pending

    now = utcnow()
    villager, unverified, xiling = (user_by_phone(p) for p in ("13800000005", "13800000011", "13800000006"))
    grid_worker, secretary = user_by_phone("13800000004"), user_by_phone("13800000003")
    services.report_case(villager, category="hazard", is_public=False, now=now - timedelta(hours=2),
                         text="村口石桥的护栏断了一截，晚上路过很危险，孩子上学要走这里。",
                         location="村口石桥", files=media.prepare_report_files([_demo_photo("bridge.jpg")], None, None))
    bins, _ = services.report_case(villager, category="environment", now=now - timedelta(days=3),
                                   text="前岸路的垃圾桶满了两天没人清运。", location="前岸路")
    services.answer_case(grid_worker, bins, "已联系保洁员，今天下午清运完毕。", now=now - timedelta(days=3) + timedelta(hours=5))
    services.rate_case(villager, bins, "satisfied", "很快，谢谢！", now=now - timedelta(days=2))
    lamp, _ = services.report_case(villager, category="infrastructure", now=now - timedelta(days=2),
                                   text="溪边路第三根路灯不亮了。", location="溪边路")
    services.hand_to_village(grid_worker, lamp, "需要电工，转村里处理。", now=now - timedelta(days=2) + timedelta(hours=3))
    services.assign_case(secretary, lamp, user_by_phone("13800000023").id, "请联系电工，周五前修好。",
                         now=now - timedelta(days=1))
    services.report_case(unverified, category="dispute", now=now - timedelta(hours=20),
                         text="邻居在我家门口的通道上堆柴火，出入不方便，说了几次不听。")
    services.report_case(xiling, category="hazard", is_public=False, now=now - timedelta(hours=1),
                         text="上坪的山坡有落石，路边需要立警示牌。")
    # One the grid worker let pass: the sweep sends it to the village team, and the township's
    # overdue list (超期清单) has a row to show.
    services.report_case(xiling, category="infrastructure", now=now - timedelta(hours=40),
                         text="上坪的水渠堵了，一下雨水就漫到路上。", location="上坪水渠")
    sweep_overdue(now)
    deliver_pending()


def load_demo_notices() -> None:
    """Notices at every level, one major matter with its progress, one members-only per village."""
    from datetime import timedelta

    from .accounts.queries import user_by_phone
    from .database import utcnow
    from .disclosures import services
    from .regions.queries import region_by_code

    now = utcnow()
    county_admin, township, secretary = (user_by_phone(p) for p in ("13800000001", "13800000002", "13800000003"))
    villager, xiling = user_by_phone("13800000005"), user_by_phone("13800000006")
    county, dongxi, dongao = (region_by_code(c) for c in ("QS", "QS-DX", "QS-DX-DA"))
    services.publish_disclosure(county_admin, county, section="village", now=now - timedelta(days=20),
                                title="青山县关于开展2026年度村级“三务公开”检查的通知",
                                body="各乡镇：请于12月底前完成本辖区村级党务、村务、财务公开情况自查。")
    services.publish_disclosure(township, dongxi, section="village", now=now - timedelta(days=10),
                                title="东溪镇冬季防火安全提醒",
                                body="入冬以来天干物燥，请各村加强巡查，不在山林边焚烧秸秆。")
    road = services.publish_disclosure(secretary, dongao, section="major", now=now - timedelta(days=30),
                                       title="东岙村前岸路硬化工程",
                                       body="工程预算38.6万元，由村民代表会议表决通过，计划年底前完工。")
    services.add_progress(secretary, road, "已完成招投标，中标单位：青山县路桥公司。", now=now - timedelta(days=25))
    services.add_progress(secretary, road, "路基完成，开始浇筑路面。", now=now - timedelta(days=5))
    services.publish_disclosure(secretary, dongao, section="party", now=now - timedelta(days=7),
                                title="东岙村党支部11月主题党日活动安排",
                                body="11月28日上午9点在村委会二楼开展主题党日活动，请全体党员参加。")
    services.publish_disclosure(
        county_admin, county, section="policy", now=now - timedelta(days=15),
        title="青山县城乡居民基本医疗保险2027年度参保缴费通知",
        body="根据省医保局有关文件精神，2027年度城乡居民基本医疗保险个人缴费标准为每人每年400元，"
             "集中缴费期为2026年9月1日至12月31日……",
        interpretation="简单说：明年看病能报销的医保，每人每年交400元，今年12月31日前交。"
                       "可以在手机上交，也可以找村里的网格员帮忙。低保户、特困人员由政府代缴，不用自己交。")
    members = services.publish_disclosure(
        secretary, dongao, section="finance", members_only=True, now=now - timedelta(days=3),
        title="东岙村2026年第三季度财务收支公开",
        body="本季度收入合计12.35万元，支出合计9.868万元，明细见附件和村务公开栏。",
        files=services.prepare_files([_demo_photo("receipt.jpg")]))
    services.add_comment(villager, members, "路灯维修的支出在哪一项？", now=now - timedelta(days=2))
    services.add_comment(secretary, members, "在“公共设施维护”一项，共1,260元。", now=now - timedelta(days=2))
    xl_secretary_stand_in = county_admin  # 西岭村 has no cadre in the demo; the notice comes from the county's set-up
    from .disclosures.models import Disclosure
    from .extensions import db

    xiling_notice = Disclosure(region_id=region_by_code("QS-DX-XL").id, section="finance", year=now.year,
                               title="西岭村2026年第三季度财务收支公开", body="收入合计6.1万元，支出合计5.4万元。",
                               members_only=True, author_id=xl_secretary_stand_in.id,
                               published_at=now - timedelta(days=4))
    db.session.add(xiling_notice)
    commit()
    services.add_comment(xiling, xiling_notice, "支出明细能再细一点吗？", now=now - timedelta(days=1))


def load_demo_letters() -> None:
    from datetime import timedelta

    from .accounts.queries import user_by_phone
    from .database import utcnow
    from .mailbox import services

    now = utcnow()
    villager, newcomer, xiling = (user_by_phone(p) for p in ("13800000005", "13800000011", "13800000006"))
    public = services.write_letter(villager, "村口能不能装一盏路灯？晚上老人出门看不清路。",
                                   now=now - timedelta(days=6))
    services.answer_letter(user_by_phone("13800000003"), public,
                           "已列入今年村级项目，12月前装好，谢谢提议。", now=now - timedelta(days=5))
    services.write_letter(newcomer, "我家户口迁入的手续办到哪一步了？", is_private=True,
                          now=now - timedelta(days=1))
    services.write_letter(xiling, "西岭村的低保名单能不能公示一下？", is_private=True,
                          now=now - timedelta(hours=5))


DEMO_LEDGER = """日期,收支,类别,金额,对方,摘要
2026-07-05,收入,发包及上交收入,"36,000.00",王海林,鱼塘承包费（2026年度）
2026-07-20,收入,补助收入,50000,东溪镇财政所,村道硬化上级补助
2026-08-02,支出,公益支出,1260.00,东溪电器店,溪边路路灯维修
2026-08-15,支出,管理费用,3480.50,青山印务,党务村务公开栏制作
2026-09-10,收入,经营收入,37500,东岙农家乐合作社,村集体房屋租金
2026-09-28,支出,公益支出,"93,459.50",青山县路桥公司,前岸路硬化工程首期款
"""


def load_demo_finances() -> None:
    from .accounts.queries import user_by_phone
    from .finance import services
    from .regions.queries import region_by_code

    secretary, village = user_by_phone("13800000003"), region_by_code("QS-DX-DA")
    token, preview = services.preview_import(secretary, village, DEMO_LEDGER.encode(), "demo.csv")
    assert preview.ok, preview.errors
    services.confirm_import(secretary, village, token)
    from datetime import date

    services.add_line(secretary, village, kind="expense", category="公益支出", amount="480",
                      occurred_on=date(2026, 9, 15), counterpart="青山五金店", summary="石桥护栏临时加固材料",
                      receipt=services.prepare_receipt(_demo_photo("receipt.jpg")))
    services.publish_period(secretary, village, 2026, "quarter", 3)
    services.add_register_item(secretary, village, register="asset", name="村委会办公楼", category="房屋",
                               quantity="三层 420平方米", value="860000", location="村委会")
    services.add_register_item(secretary, village, register="resource", name="后山集体林地",
                               category="林地", quantity="126亩", location="后山")


def load_demo_powers() -> None:
    from datetime import timedelta

    from .accounts.queries import user_by_phone
    from .database import utcnow
    from .powers import services
    from .regions.queries import region_by_code

    now = utcnow()
    secretary = user_by_phone("13800000003")
    homestead = services.create_procedure(
        secretary, region_by_code("QS-DX-DA"), "农村宅基地审批",
        "村民申请｜申请户｜0\n村民小组讨论公示｜村民小组会议｜7\n村两委审查｜村两委会议｜10\n"
        "乡镇审批｜东溪镇人民政府｜20\n放样验收｜村委会和乡镇国土所｜15",
        basis="依据《土地管理法》和青山县农村宅基地管理办法。")
    matter = services.start_matter(secretary, homestead, "王大山户宅基地申请", now=now - timedelta(days=12))
    services.complete_step(secretary, matter, "申请材料齐全，已受理。", now=now - timedelta(days=12))
    services.complete_step(secretary, matter, "第一村民小组会议同意，公示7天无异议。", now=now - timedelta(days=4))


def load_demo_points() -> None:
    from datetime import timedelta

    from .accounts.queries import user_by_phone
    from .database import utcnow
    from .extensions import db
    from .points import services
    from .points.models import PointRule
    from .regions.queries import region_by_code

    county, dongao = region_by_code("QS"), region_by_code("QS-DX-DA")
    catalogue = [
        ("base", "村民基础分", "natural", 10, 10, "cadre"),
        ("sorting", "垃圾分类检查合格", "conduct", 5, 20, "group_leader"),
        ("volunteer", "参加志愿服务", "conduct", 10, 30, "cadre"),
        ("clutter", "房前屋后乱堆乱放", "conduct", -5, None, "cadre"),
        ("brave", "见义勇为", "special", 50, None, "cadre"),
        ("hazard_confirmed", "反映安全隐患属实", "conduct", 5, 20, "auto"),
        ("feedback", "评价办理结果", "natural", 1, 5, "auto"),
        ("meeting", "参加议事会", "conduct", 5, 20, "auto"),
        ("lesson", "学完一节为村课堂", "conduct", 2, 10, "auto"),
        ("activity", "参加村里的活动", "conduct", 3, 15, "auto"),
    ]
    db.session.add_all(PointRule(county_id=county.id, code=c, name=n, kind=k, points=p, monthly_cap=cap,
                                 awarded_by=by) for c, n, k, p, cap, by in catalogue)
    db.session.add(PointRule(county_id=county.id, village_id=dongao.id, code="sorting",
                             name="垃圾分类检查合格（东岙村）", kind="conduct", points=8, monthly_cap=24,
                             awarded_by="group_leader"))
    commit()
    rules = {r.code: r for r in services.rules_for(dongao)}
    villager, secretary, leader = (user_by_phone(p) for p in ("13800000005", "13800000003", "13800000007"))
    now = utcnow()
    last_month = services.month_of(now)[0] - timedelta(days=12)
    gridder, shopkeeper = user_by_phone("13800000004"), user_by_phone("13800000008")
    services.award_points(secretary, [villager, leader, gridder, shopkeeper, secretary], rules["base"], "月度基础分",
                          now=last_month)
    services.award_points(secretary, [villager, gridder], rules["volunteer"], "清理溪边垃圾", now=last_month)
    services.award_points(secretary, [shopkeeper], rules["brave"], "扑灭山脚火情", now=last_month)
    services.award_points(leader, [villager, leader], rules["sorting"], "第一组垃圾分类检查", now=last_month)
    services.make_due_reports(now)
    services.award_points(secretary, [villager], rules["volunteer"], "参加石桥护栏抢修")
    services.award_points(leader, [villager, leader], rules["sorting"], "本月第一组垃圾分类检查")
    load_demo_store(secretary, villager, dongao)


def load_demo_store(secretary, villager, village) -> None:
    from .points import services

    goods = [("毛巾", 15, 20, "#5b8fd6"), ("酱油一瓶", 20, 12, "#8a5a2b"), ("洗衣粉", 30, 10, "#3aa17e"),
             ("食用油5升", 80, 4, "#e0b43c")]
    items = [services.save_store_item(secretary, village, name, price, stock, services.prepare_item_photo(demo_photo(colour)))
             for name, price, stock, colour in goods]
    services.order_item(villager, items[0])
    services.claim_good_deed(villager, "帮独居的王奶奶挑了一个月的水", services.prepare_claim_photo(demo_photo("#c0504d")))


def load_demo() -> list:
    """Load the demo county; returns the import reports (all must be ok)."""
    passwords = {phone: DEMO_PASSWORD for phone, _ in LOGINS}
    reports = [
        import_regions(REGIONS.encode(), filename="demo:regions"),
        import_households(HOUSEHOLDS.encode(), filename="demo:households"),
        import_people(PEOPLE.encode(), filename="demo:people", passwords=passwords),
    ]
    for report in reports:
        if not report.ok:
            raise RuntimeError(f"demo data rejected: {report.errors}")
    commit()
    # Each part is a change of its own, committed like a command's: the later parts (the
    # monthly report, the outbox delivery) read what the earlier ones wrote.
    from .demo_care import load_demo_care, load_demo_classes
    from .demo_circle import load_demo_circle
    from .demo_deliberation import load_demo_deliberation
    from .demo_evaluation import load_demo_evaluation
    from .demo_hall import load_demo_hall

    # The past weeks first: what the other parts add today comes after them, as it would.
    for part in (load_demo_evaluation, load_demo_cases, load_demo_notices, load_demo_letters, load_demo_finances,
                 load_demo_powers, load_demo_points, load_demo_deliberation, load_demo_hall, load_demo_classes,
                 load_demo_care, load_demo_circle):
        part()
        commit()
    return reports
