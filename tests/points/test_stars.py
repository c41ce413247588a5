"""Yearly village service stars: candidates from the year's points, chosen by the cadres,
published as a notice of the village, once a year."""
import pytest
from sqlalchemy import select

from webapp.disclosures.models import Disclosure
from webapp.extensions import db
from webapp.points import services
from webapp.points.models import PointEntry, ServiceStar
from webapp.points.queries import year_candidates
from webapp.points.services import BEIJING
from webapp.service import ServiceError


def demo_year() -> int:
    """The year of the demo's points from last month (January runs see last year's)."""
    at = db.session.scalar(select(PointEntry.created_at).where(PointEntry.points == 50))
    return at.astimezone(BEIJING).year


def test_cadres_choose_from_the_candidates_and_the_choice_is_published(person):
    secretary = person("13800000003")
    village, year = secretary.village, demo_year()
    candidates = year_candidates(village.id, year)
    names = [name for _uid, name, _points in candidates]
    assert names[0] == "吴芳" and "王小红" not in names  # 60 points; the unverified have none
    outsider = person("13800000006").id
    with pytest.raises(ServiceError, match="至少选一位"):
        services.choose_service_stars(secretary, village, year, candidates, [outsider])
    with pytest.raises(ServiceError, match="你不能评选"):
        services.choose_service_stars(person("13800000007"), village, year, candidates, [candidates[0][0]])
    stars = services.choose_service_stars(secretary, village, year, candidates, [candidates[0][0], candidates[1][0]])
    assert len(stars) == 2
    notice = db.session.get(Disclosure, stars[0].disclosure_id)
    assert notice.title == f"{year}年度村庄服务明星" and "吴芳" in notice.body
    with pytest.raises(ServiceError, match="已经公布过了"):
        services.choose_service_stars(secretary, village, year, candidates, [candidates[2][0]])
    assert len(db.session.scalars(select(ServiceStar)).all()) == 2


def test_the_stars_page_and_the_village_page(login):
    secretary = login("13800000003")
    page = secretary.get(f"/points/stars?year={demo_year()}").text
    assert "吴芳" in page
    assert secretary.post("/points/stars", {"year": demo_year()}).status_code == 422
    villager = login("13800000005")
    assert villager.get("/points/stars").status_code == 403
    assert "还没有评选" in villager.get("/points/village").text
