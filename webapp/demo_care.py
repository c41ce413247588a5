"""The demo county's classes and registry of vulnerable people, through the same services: the
county's lessons in the four topics (one of 东岙村's own), a few finished; in 东岙村 a civil-affairs
cadre (孙建华), four people in the registry with their carers and visits, one visit overdue."""
from datetime import timedelta

from .accounts.models import RoleMembership
from .accounts.queries import user_by_phone
from .care import services as care
from .care.sweep import sweep_care
from .classes import services as classes
from .database import utcnow
from .demo_media import demo_photo
from .extensions import db
from .regions.queries import region_by_code
from .transaction import commit

LESSONS = [
    ("agri", "杨梅采摘后怎么修剪", 6, "#7a9a3a",
     "采完杨梅后一个月内修剪最好。\n\n一、剪掉病枝、枯枝和太密的枝条，让树膛通风透光。\n二、树高控制在3米以内，方便明年采摘。\n"
     "三、剪口大的要涂保护剂，防止病菌进去。\n\n修剪后施一次有机肥，每株20到30斤。"),
    ("law", "老人的赡养费，子女怎么分", 5, "#3b6ea8",
     "赡养父母是每个子女的义务，不分儿女、不分出嫁没出嫁。\n\n子女之间可以签赡养协议，按各自经济条件分担；"
     "协议不能免除谁的赡养义务。\n\n谈不拢的，可以找村调解员调解，也可以拨打12348或申请法律援助。"),
    ("health", "高血压：每天要做的三件事", 4, "#b3261e",
     "一、按时吃药，不要自己停药。\n二、少吃盐，一个人一天不超过一啤酒瓶盖（约5克）。\n"
     "三、每周量几次血压，记下来，到村卫生室复诊时给医生看。\n\n头痛、头晕、手脚发麻时，马上找村医或拨打120。"),
    ("party", "学习新修订的《中国共产党农村基层组织工作条例》", 10, "#a15c00",
     "条例明确了村党组织在乡村治理中的领导地位。\n\n一、村党组织书记通过法定程序担任村委会主任。\n"
     "二、村级重大事项实行“四议两公开”。\n三、党员要在村务监督、议事协商中带头。\n\n请党员学完后在支部学习会上交流体会。"),
    ("party", "“四议两公开”怎么做", 6, "#a15c00",
     "四议：村党组织提议、村两委商议、党员大会审议、村民（代表）会议决议。\n两公开：决议公开、实施结果公开。\n\n"
     "在“村里”上，议题、投票、决议和落实都在“村里议事”中公开可查。"),
]
REGISTRY = [  # name, category, needs, address, every, carers, last visit days ago
    ("陈阿婆", "elderly_alone", "独居，85岁，腿脚不便；子女在宁波打工。需要每周看看，帮忙买药。", "后山路6号", 7,
     ["13800000004", "13800000007"], 3),
    ("小宇", "left_behind_child", "9岁，父母在外务工，跟爷爷奶奶住。学习上需要帮助。", "前岸路11号", 14, ["13800000007"], 5),
    ("周大伯", "disabled", "二级肢体残疾，轮椅出行。申请了护理补贴。", "溪边路2号", 30, ["13800000004"], 12),
    ("吴家", "low_income", "低保户，四口人，男主人生病。需要跟进医疗救助。", "后山路20号", 7, ["13800000004"], 11),
]


def load_demo_classes() -> None:
    from .accounts.services import claim_party_membership, decide_party_membership

    county, village = region_by_code("QS"), region_by_code("QS-DX-DA")
    admin, secretary = user_by_phone("13800000001"), user_by_phone("13800000003")
    secretary.party_verified_at = utcnow()  # the branch's secretary, on the party's own register
    for phone in ("13800000007", "13800000023", "13800000009"):  # members the branch verified here
        member = user_by_phone(phone)
        claim_party_membership(member)
        decide_party_membership(secretary, member, True)
    lessons = []
    for topic, title, minutes, colour, body in LESSONS:
        picture = classes.prepare_media({"picture": demo_photo(colour)})
        lessons.append(classes.save_lesson(admin, county, dict(topic=topic, title=title, minutes=minutes, body=body,
                                                               active=True), picture))
    lessons.append(classes.save_lesson(secretary, village, dict(
        topic="agri", title="东岙村垃圾分类：四个桶怎么分", minutes=3, active=True,
        body="绿桶：厨余垃圾（剩饭菜、果皮）。\n灰桶：其他垃圾。\n蓝桶：可回收物（纸板、塑料瓶）。\n红桶：有害垃圾（电池、药品）。"),
        classes.prepare_media({"picture": demo_photo("#2e8b57")})))
    commit()
    for phone, done in (("13800000005", lessons[:3]), ("13800000003", lessons[3:5]), ("13800000007", lessons[3:4])):
        for lesson in done:
            classes.finish_lesson(user_by_phone(phone), lesson)
    commit()


def load_demo_care() -> None:
    now = utcnow()
    village = region_by_code("QS-DX-DA")
    keeper = user_by_phone("13800000023")  # 孙建华, village committee director: also civil affairs
    db.session.add(RoleMembership(user_id=keeper.id, role="civil_affairs", region_id=village.id, title="民政专干"))
    commit()
    for name, category, needs, address, every, carers, last in REGISTRY:
        person = care.save_person(keeper, village, dict(name=name, category=category, needs=needs, address=address,
                                                        visit_every_days=every, carers="\n".join(carers), active=True),
                                  now=now - timedelta(days=last + every))
        care.record_visit(user_by_phone(carers[0]), person, "上门看了，身体还可以，帮忙打扫了屋子，药还够一周。",
                          now=now - timedelta(days=last))
    commit()
    sweep_care(now)  # 吴家's weekly visit is four days late: the civil-affairs cadre is told
