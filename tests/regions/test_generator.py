"""The county generator the benchmarks use, at toy scale."""
from sqlalchemy import func, select

from webapp.accounts.models import Household, User
from webapp.disclosures.models import Disclosure
from webapp.disclosures.queries import listing
from webapp.extensions import db
from webapp.regions.models import Region


def test_generate_county_makes_the_shape_asked_for_and_its_notices_are_searchable(app):
    result = app.test_cli_runner().invoke(args=["generate-county", "--notices", "200", "--villagers", "50",
                                                "--households", "70"])
    assert result.exit_code == 0, result.output
    county = db.session.scalar(select(Region).where(Region.code == "NH"))
    villages = db.session.scalar(select(func.count()).select_from(Region).where(
        Region.level == "village", Region.path.startswith(county.path)))
    assert villages == 363
    assert db.session.scalar(select(func.count()).select_from(Household).where(Household.code.like("NH-%"))) == 70
    assert db.session.scalar(select(func.count()).select_from(User).where(User.phone.like("15%"))) == 50
    ids = list(db.session.scalars(select(Region.id).where(Region.path.startswith(county.path))))
    assert db.session.scalar(select(func.count()).select_from(Disclosure).where(Disclosure.region_id.in_(ids))) == 200
    found = listing(None, ids, query="公示", limit=500)
    assert found and all("公示" in n.title + n.body for n in found)
