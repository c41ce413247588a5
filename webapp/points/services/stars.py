"""Yearly village service stars (村庄服务明星): the year's points suggest candidates, the
village cadres choose, and the choice is published as a notice of the village."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...audit.services import record
from ...auth import may_run_points
from ...database import utcnow
from ...disclosures.services import publish_disclosure
from ...extensions import db
from ...service import ServiceError
from ..models import ServiceStar

MAX_STARS = 10


def choose_service_stars(actor, village, year: int, candidates: list[tuple], chosen_ids: list[int],
                         now=None) -> list[ServiceStar]:
    """`candidates` are (user_id, name, points) from the year's ledger; only they may be chosen."""
    if not may_run_points(actor, village):
        raise ServiceError(_l("你不能评选这个村的服务明星。"))
    if db.session.scalar(select(ServiceStar.id).where(ServiceStar.village_id == village.id,
                                                      ServiceStar.year == year)):
        raise ServiceError(_l("%(y)s年的服务明星已经公布过了。", y=year))
    by_id = {uid: (name, points) for uid, name, points in candidates}
    chosen = [uid for uid in dict.fromkeys(chosen_ids) if uid in by_id]
    if not chosen:
        raise ServiceError(_l("请从候选人中至少选一位。"), "people")
    if len(chosen) > MAX_STARS:
        raise ServiceError(_l("每年最多评选 %(n)s 位服务明星。", n=MAX_STARS), "people")
    now = now or utcnow()
    names = "、".join(f"{by_id[uid][0]}（{by_id[uid][1]}分）" for uid in chosen)
    stars = [ServiceStar(village_id=village.id, year=year, user_id=uid, points=by_id[uid][1], chosen_by_id=actor.id,
                         chosen_at=now) for uid in chosen]
    db.session.add_all(stars)
    record(actor, "points.stars_chosen", None, object_type="village", object_id=village.id, region=village.id,
           year=year, people=chosen)
    # The notice is published in the same change as the stars.
    notice = publish_disclosure(actor, village, section="village", title=str(_l("%(y)s年度村庄服务明星", y=year)),
                                body=str(_l("经村两委评选，%(y)s年度村庄服务明星是：%(names)s。感谢他们为村里的付出！",
                                            y=year, names=names)), year=year, now=now)
    for star in stars:
        star.disclosure_id = notice.id
    return stars
