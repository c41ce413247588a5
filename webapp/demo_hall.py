"""The demo county's services hall, through the same services a county and a village use: the
county's catalogue of guides in the eight groups, 东岙村's own item, its 8+X team with two
volunteers and its directory, and requests in every state (waiting, a visit scheduled, done and
rated, one that went up to the cadres after the doctor let a day pass)."""
from datetime import timedelta

from .accounts.queries import user_by_phone
from .database import utcnow
from .hall import services
from .hall.sweep import sweep_requests
from .regions.queries import region_by_code
from .transaction import commit

ZLB = ("浙里办", "https://www.zjzwfw.gov.cn/")
GUIDES = [
    ("household", "户口迁入（投靠亲属）", "把户口迁到本村亲属的户上，如结婚、投靠父母子女。", "与本村户主有直系亲属关系的人",
     ["户口本（双方）", "身份证", "结婚证或出生医学证明等关系证明", "迁入地户主同意书"], "镇派出所户籍窗口",
     "工作日 8:30-11:30，13:30-17:00", "0574-65110110", "免费", "材料齐全当场办结", ZLB, ""),
    ("household", "身份证补领（丢失）", "身份证丢了，补办一张新的。", "本县户籍居民", ["户口本", "近期免冠照片（可现场拍）"],
     "镇派出所户籍窗口", "工作日 8:30-17:00", "0574-65110110", "20元", "20个工作日", ZLB, ""),
    ("property", "农村宅基地建房审批", "在宅基地上新建、翻建住房前要审批。", "本村集体经济组织成员",
     ["户口本", "身份证", "宅基地使用权证或村里出具的证明", "建房设计图", "四邻签字"], "镇自然资源所",
     "工作日 8:30-17:00", "0574-65115001", "免费", "20个工作日", ("", ""), ""),
    ("social_insurance", "城乡居民养老保险参保", "60岁以后按月领养老金。每年缴一次费。", "16周岁以上、未参加职工养老保险的居民",
     ["身份证", "户口本"], "村便民服务中心或镇社保所", "工作日 8:30-17:00", "0574-65112233", "每年300元起，多缴多得",
     "当场办结", ZLB, ""),
    ("social_insurance", "领取养老金资格认证", "每年认证一次，确认本人健在，养老金继续发放。", "正在领取养老金的老人",
     ["身份证"], "手机上刷脸认证；不会的请网格员上门帮忙", "全天", "0574-65112233", "免费", "当场", ZLB, "grid"),
    ("tax", "农产品销售开票（代开发票）", "卖农产品给单位，对方要发票时代开。", "自产自销农产品的农户",
     ["身份证", "买卖合同或收购单", "银行卡"], "镇便民服务中心税务窗口", "工作日 9:00-16:30", "12366", "免税", "当场",
     ("浙江税务", "https://etax.zhejiang.chinatax.gov.cn/"), ""),
    ("medical_insurance", "住院医疗费用报销", "在县外住院回来后报销医保。", "参加城乡居民医保的村民",
     ["身份证", "医保卡", "出院小结", "住院发票", "费用明细清单"], "县医保服务中心或镇便民服务中心", "工作日 8:30-17:00",
     "0574-65155555", "免费", "10个工作日", ZLB, ""),
    ("medical_insurance", "慢性病门诊认定", "高血压、糖尿病等慢性病，认定后门诊买药报销更多。", "参保村民，已确诊慢性病",
     ["身份证", "医保卡", "二级以上医院诊断证明", "近半年病历"], "村卫生室先登记，镇卫生院审核", "工作日", "0574-65155555",
     "免费", "15个工作日", ("", ""), ""),
    ("relief", "最低生活保障申请", "家庭收入低于当地低保标准的，每月领救助金。", "本县户籍、家庭人均收入低于低保标准的家庭",
     ["户口本", "全家身份证", "收入证明", "银行卡"], "村委会受理，镇民政办审核", "工作日", "0574-65113344", "免费",
     "30个工作日（含公示7天）", ZLB, ""),
    ("relief", "残疾人两项补贴", "困难残疾人生活补贴和重度残疾人护理补贴。", "持残疾人证的困难或重度残疾人",
     ["残疾人证", "身份证", "户口本", "银行卡"], "村委会或镇民政办", "工作日", "0574-65113344", "免费", "当月审核，次月发放",
     ZLB, ""),
    ("farming", "耕地地力保护补贴", "种粮农户每年按亩领补贴，打到一卡通上。", "承包耕地并种植的农户",
     ["身份证", "承包经营权证", "一卡通"], "村委会统一申报", "每年3月至4月", "0574-65116688", "免费", "6月前发放",
     ("", ""), ""),
    ("farming", "农作物病虫害咨询", "庄稼、果树生病了，拍照问农技员。", "所有村民", ["病虫害照片", "种植品种和面积"],
     "村农技服务点或在线问", "随时", "0574-65116688", "免费", "一般当天答复", ("", ""), ""),
    ("legal", "法律援助申请", "经济困难、打不起官司的，可以申请免费律师。", "经济困难的公民，或老年人、残疾人等特殊群体",
     ["身份证", "经济困难说明", "案件相关材料"], "县法律援助中心，或先问村法律顾问", "工作日", "12348", "免费",
     "7个工作日内决定", ("", ""), ""),
    ("legal", "家庭纠纷法律咨询", "赡养、继承、离婚、土地承包纠纷，先问问法律顾问。", "所有村民", ["相关材料（有就带上）"],
     "村公共法律服务点每月第一个周三，或在线问", "每月第一个周三 9:00-11:00", "12348", "免费", "当场答复", ("", ""), ""),
]
TEAM = [  # name, title, specialty, phone, public, hours, account
    ("林海峰", "联村干部（东溪镇）", "liaison", "13800000002", True, "每周二、四在村", "13800000002"),
    ("张卫东", "村党组织书记", "cadre", "13800000003", True, "工作日 8:30-17:00", "13800000003"),
    ("李秀梅", "第一网格网格员", "grid", "13800000004", False, "随时", "13800000004"),
    ("钱勇", "联片民警", "police", "13800000022", True, "每周一在村警务室", "13800000022"),
    ("赵丽", "村医", "doctor", "13800000021", True, "村卫生室 8:00-17:00", "13800000021"),
    ("陈老师", "东岙小学教师", "teacher", "13900001001", False, "放学后", None),
    ("吴农技", "镇农技员", "agri", "13900001002", False, "工作日", None),
    ("黄律师", "村法律顾问", "legal", "13900001003", False, "每月第一个周三在村", None),
    ("王阿姨", "志愿者（老年协会）", "volunteer", "13900001004", False, "上午", None),
    ("小周", "志愿者（返乡青年）", "volunteer", "13900001005", False, "周末", None),
]
DIRECTORY = [("村卫生室", "0574-65100120", "8:00-17:00", "赵丽医生", True), ("东溪镇派出所", "0574-65110110", "24小时", "",
              True), ("自来水抢修", "0574-65109600", "24小时", "停水、爆管", True),
             ("供电所（停电报修）", "95598", "24小时", "", True), ("镇上班车（东岙—东溪）", "0574-65101234",
                                                          "6:30-18:00 每小时一班", "", True),
             ("村委会值班", "0574-65108888", "工作日", "", False)]


def load_demo_hall() -> None:
    county, village = region_by_code("QS"), region_by_code("QS-DX-DA")
    admin, secretary = user_by_phone("13800000001"), user_by_phone("13800000003")
    guides = {}
    for (group, title, purpose, who, materials, place, hours, phone, fees, duration, (online, url),
         specialty) in GUIDES:
        values = dict(group=group, title=title, purpose=purpose, who=who, materials="\n".join(materials), place=place,
                      hours=hours, phone=phone, fees=fees, duration=duration, online_name=online, online_url=url,
                      specialty=specialty, active=True)
        guides[title] = services.save_guide(admin, county, values)
    guides["local"] = services.save_guide(secretary, village, dict(
        group="local", title="村集体房屋租用申请", purpose="租用村集体的闲置房屋开店、办作坊。", who="本村村民优先",
        materials="身份证\n经营用途说明", place="村委会", hours="工作日", phone="0574-65108888", fees="按村里公示的租金",
        duration="村两委会议后答复", active=True))
    for position, (name, title, specialty, phone, public, hours, account) in enumerate(TEAM):
        services.save_member(secretary, village, dict(
            name=name, title=title, specialty=specialty, phone=phone, phone_public=public, hours=hours, active=True,
            user=user_by_phone(account) if account else None)).position = position
    for position, (name, phone, hours, note, public) in enumerate(DIRECTORY):
        services.save_entry(secretary, village, dict(name=name, phone=phone, hours=hours, note=note,
                                                     is_public=public)).position = position
    commit()
    _requests(guides)


def _requests(guides) -> None:
    now = utcnow()
    villager, leader, grid = (user_by_phone(p) for p in ("13800000005", "13800000007", "13800000004"))
    doctor, police, secretary = (user_by_phone(p) for p in ("13800000021", "13800000022", "13800000003"))
    # Done and rated: the pension check at home, by the grid worker.
    check = services.ask(villager, villager, "visit", "我腿脚不方便，手机刷脸总是不成功，想请人上门帮忙做养老金认证。",
                         guides["领取养老金资格认证"], "前岸路1号", now=now - timedelta(days=6))
    services.schedule(grid, check, now - timedelta(days=5), "上午十点到", now=now - timedelta(days=6, hours=-2))
    services.record_done(grid, check, "已上门帮王大山用手机完成认证，教会了下次怎么做。", now=now - timedelta(days=5))
    services.rate(villager, check, "satisfied", "很耐心，谢谢！", now=now - timedelta(days=5, hours=-3))
    # Answered online: the slow-illness question, by the doctor.
    chronic = services.ask(leader, leader, "ask", "我有高血压好几年了，慢性病门诊怎么认定？", guides["慢性病门诊认定"],
                           now=now - timedelta(days=3))
    services.answer(doctor, chronic, "带上身份证、医保卡和县医院的诊断证明，先到村卫生室登记，我帮你报上去。",
                    now=now - timedelta(days=3, hours=-4))
    # A visit scheduled: the identity card, by the community policeman.
    card = services.ask(grid, user_by_phone("13800000009"), "visit", "郑国平老人身份证丢了，行动不便，想请民警上门拍照补办。",
                        guides["身份证补领（丢失）"], "溪边路4号", now=now - timedelta(days=1))
    services.schedule(police, card, now + timedelta(days=2), "带相机上门拍照", now=now - timedelta(hours=20))
    # Waiting: a question for the legal adviser (no account: it is with the village's cadres).
    services.ask(villager, villager, "ask", "儿子在外地打工，老人的赡养费该怎么分？", guides["家庭纠纷法律咨询"],
                 now=now - timedelta(hours=3))
    # The doctor let a day pass: the sweep sent it to the cadres.
    services.ask(leader, leader, "visit", "老伴卧床，想请医生上门看看褥疮。", guides["慢性病门诊认定"], "前岸路3号",
                 now=now - timedelta(hours=30))
    commit()
    sweep_requests(now)
