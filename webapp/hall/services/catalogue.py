"""Keeping the catalogue of guides, the 8+X team and the directory: the county's admins and a
village's cadres, each in their own region; every change audited."""
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l

from ... import media
from ...audit.services import record
from ...auth import may_keep_guides, may_keep_team
from ...database import utcnow
from ...extensions import db
from ...regions.models import VILLAGE
from ...service import ServiceError
from ..models import GROUPS, SPECIALTIES, DirectoryEntry, ServiceGuide, TeamMember

GUIDE_TEXTS = ("purpose", "who", "place", "hours", "phone", "fees", "duration", "online_name")


def _text(value, most: int, field: str, required=False, what=None) -> str:
    value = " ".join((value or "").split()) if field not in ("purpose", "who") else (value or "").strip()
    if required and not value:
        raise ServiceError(what or _l("这一项必须填写。"), field)
    if len(value) > most:
        raise ServiceError(_l("请写在 %(n)s 个字以内。", n=most), field)
    return value


def _phone(value, field="phone") -> str:
    value = "".join(ch for ch in (value or "") if ch.isdigit() or ch == "-")
    if value and not 3 <= len(value.replace("-", "")) <= 15:
        raise ServiceError(_l("电话号码不对，请只写数字（可以带区号和-）。"), field)
    return value


def _url(value) -> str:
    value = (value or "").strip()
    if value and (urlsplit(value).scheme not in ("https", "http") or not urlsplit(value).netloc or len(value) > 300):
        raise ServiceError(_l("网上办理的网址要以 https:// 开头。"), "online_url")
    return value


def save_guide(actor, region, values: dict, guide: ServiceGuide | None = None) -> ServiceGuide:
    """A new guide for the region, or changes to one; `values` as the form gives them."""
    if not may_keep_guides(actor, region) or (guide is not None and guide.region_id != region.id):
        raise ServiceError(_l("你不能修改这里的办事指南。"))
    group = values.get("group") or ""
    if group not in GROUPS or (group == "local" and region.level != VILLAGE):
        raise ServiceError(_l("请选择事项类别。"), "group")
    specialty = values.get("specialty") or ""
    if specialty and specialty not in SPECIALTIES:
        raise ServiceError(_l("请选择由谁来答复。"), "specialty")
    materials = [" ".join(line.split()) for line in (values.get("materials") or "").splitlines() if line.strip()]
    if len(materials) > 30 or any(len(line) > 80 for line in materials):
        raise ServiceError(_l("材料清单最多30项，每项80个字以内。"), "materials")
    guide = guide or ServiceGuide(region_id=region.id)
    guide.group, guide.specialty, guide.materials = group, specialty, materials
    guide.title = _text(values.get("title"), 60, "title", required=True, what=_l("请写下事项名称。"))
    for field, most in zip(GUIDE_TEXTS, (1000, 1000, 120, 80, 20, 80, 80, 40), strict=True):
        setattr(guide, field, _phone(values.get(field)) if field == "phone" else _text(values.get(field), most, field))
    guide.online_url = _url(values.get("online_url"))
    guide.active = bool(values.get("active", True))
    guide.updated_at = utcnow()
    db.session.add(guide)
    db.session.flush()
    record(actor, "hall.guide_saved", guide, object_type="service_guide", region=region.id, title=guide.title)
    return guide


def prepare_member_photo(file) -> media.Prepared | None:
    return media.prepare_photo(file, "hall", "photo")


def save_member(actor, village, values: dict, photo=None, member: TeamMember | None = None) -> TeamMember:
    if not may_keep_team(actor, village) or (member is not None and member.village_id != village.id):
        raise ServiceError(_l("只有本村干部可以维护服务团队。"))
    if values.get("specialty") not in SPECIALTIES:
        raise ServiceError(_l("请选择专长。"), "specialty")
    member = member or TeamMember(village_id=village.id)
    member.name = _text(values.get("name"), 40, "name", required=True, what=_l("请写下姓名。"))
    member.title = _text(values.get("title"), 40, "title")
    member.specialty = values["specialty"]
    member.phone = _phone(values.get("phone"))
    member.hours = _text(values.get("hours"), 80, "hours")
    member.phone_public = bool(values.get("phone_public"))
    member.active = bool(values.get("active", True))
    user = values.get("user")
    member.user_id = user.id if user is not None and user.village_id == village.id else None
    db.session.add(member)
    db.session.flush()
    if photo:
        kept = media.keep(photo)
        member.photo_path = kept.small_path or kept.path  # a face in a list: the small size
    record(actor, "hall.member_saved", member, object_type="team_member", region=village.id, name=member.name)
    return member


def save_entry(actor, village, values: dict, entry: DirectoryEntry | None = None) -> DirectoryEntry:
    if not may_keep_team(actor, village) or (entry is not None and entry.village_id != village.id):
        raise ServiceError(_l("只有本村干部可以维护便民通讯录。"))
    entry = entry or DirectoryEntry(village_id=village.id)
    entry.name = _text(values.get("name"), 60, "name", required=True, what=_l("请写下名称。"))
    entry.phone = _phone(values.get("phone"))
    if not entry.phone:
        raise ServiceError(_l("请写下电话号码。"), "phone")
    entry.hours = _text(values.get("hours"), 80, "hours")
    entry.note = _text(values.get("note"), 200, "note")
    entry.is_public = bool(values.get("is_public"))
    db.session.add(entry)
    db.session.flush()
    record(actor, "hall.entry_saved", entry, object_type="directory_entry", region=village.id, name=entry.name)
    return entry
