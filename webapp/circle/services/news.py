"""Local news, safety tips and the entered weather: one table (models/news.py)."""
from flask_babel import lazy_gettext as _l

from ... import media
from ...audit.services import record
from ...auth import may_pin_tips, may_publish_news
from ...database import utcnow
from ...extensions import db
from ...service import ServiceError
from ..models import NEWS, TIP, TIP_KINDS, WEATHER, LocalNews


def publish_news(user, region, title: str, text: str = "", photo=None, tip_kind: str = "", pinned: bool = False,
                 now=None) -> LocalNews:
    """News by a village's cadres or the township; a safety tip (tip_kind) pinned to every home
    page of the region by the township or the county."""
    now = now or utcnow()
    tip = bool(tip_kind)
    allowed = may_pin_tips(user, region) if tip and pinned else (
        may_publish_news(user, region) or (tip and may_pin_tips(user, region)))
    if not allowed:
        raise ServiceError(_l("你不能在这里发布本地新闻或安全提示。"))
    if tip and tip_kind not in TIP_KINDS:
        raise ServiceError(_l("请选择提示类别。"), "tip_kind")
    title = " ".join((title or "").split())
    if not 2 <= len(title) <= 60:
        raise ServiceError(_l("请写下标题（2到60字）。"), "title")
    found = LocalNews(region_id=region.id, author_id=user.id, kind=TIP if tip else NEWS, tip_kind=tip_kind if tip else "",
                      title=title, text=(text or "").strip()[:3000], pinned=bool(pinned and tip), created_at=now)
    db.session.add(found)
    db.session.flush()
    if photo:
        found.photo_path = media.keep(photo).path
    record(user, "circle.news", found, object_type="local_news", region=region.id, kind=found.kind,
           pinned=found.pinned)
    return found


def unpin(user, found: LocalNews) -> None:
    if not may_pin_tips(user, found.region):
        raise ServiceError(_l("只有发布这条提示的乡镇或县可以取消置顶。"))
    found.pinned = False
    record(user, "circle.unpinned", found, object_type="local_news", region=found.region_id)


def enter_weather(user, region, text: str, now=None) -> LocalNews:
    """Today's weather as a village's cadre or the township types it (多云转小雨 18-24℃)."""
    if not may_publish_news(user, region):
        raise ServiceError(_l("只有本村干部或乡镇可以填写天气。"))
    text = " ".join((text or "").split())
    if not 2 <= len(text) <= 60:
        raise ServiceError(_l("请写下天气（2到60字），例如：多云转小雨 18-24℃"), "text")
    found = LocalNews(region_id=region.id, author_id=user.id, kind=WEATHER, title=text, created_at=now or utcnow())
    db.session.add(found)
    db.session.flush()
    record(user, "circle.weather", found, object_type="local_news", region=region.id)
    return found
