"""The hall as a villager meets it: guides by group and by any word, a guide's checklist and
tap-to-call, the team and directory with phone numbers for the village's verified villagers;
keeping the catalogue (the county) and the village's items and team (its cadres)."""
import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.hall.models import ServiceGuide, TeamMember
from webapp.regions.queries import region_by_code

from ..client import page_text


def guide_id(title) -> int:
    return db.session.scalar(select(ServiceGuide.id).where(ServiceGuide.title == title))


def test_a_visitor_reads_the_catalogue_and_a_guide(client):
    page = page_text(client.get("/hall"))
    for group in ("户籍", "社保", "医保", "民政救助", "农业", "法律"):
        assert group in page
    guide = page_text(client.get(f"/hall/guides/{guide_id('住院医疗费用报销')}"))
    assert "出院小结" in guide and 'type="checkbox"' in guide and 'href="tel:0574-65155555"' in guide
    assert "https://www.zjzwfw.gov.cn/" in guide and "登录后可以在线问" in guide


@pytest.mark.parametrize("query, found, not_found", [
    ("户口迁移", "户口迁入", "住院医疗费用报销"),
    ("怎么报销住院费", "住院医疗费用报销", "户口迁入"),
    ("低保", "最低生活保障申请", "身份证补领"),
])
def test_search_by_any_word(client, query, found, not_found):
    page = page_text(client.get(f"/hall?q={query}"))
    assert found in page and not_found not in page


def test_a_village_s_own_item_shows_in_that_village_only(login):
    assert "村集体房屋租用申请" in page_text(login("13800000005").get("/hall"))
    assert "村集体房屋租用申请" not in page_text(login("13800000006").get("/hall"))


def test_team_phones_go_to_the_village_s_verified_villagers_unless_public(login, client):
    village = region_by_code("QS-DX-DA").id
    private = db.session.scalar(select(TeamMember).where(TeamMember.name == "黄律师")).phone
    public = db.session.scalar(select(TeamMember).where(TeamMember.name == "钱勇")).phone
    member_view = page_text(login("13800000005").get("/hall/team"))
    assert f"tel:{private}" in member_view and f"tel:{public}" in member_view
    for outsider in (client, login("13800000006"), login("13800000011")):
        page = page_text(outsider.get(f"/hall/team?village={village}"))
        assert f"tel:{public}" in page and f"tel:{private}" not in page
        assert "0574-65108888" not in page  # the village office's night number is not public


def test_the_county_keeps_the_catalogue_and_a_village_its_items(login):
    county = region_by_code("QS").id
    admin = login("13800000001")
    created = admin.post(f"/hall/guides/new?region={county}", {
        "group": "tax", "title": "个体户定额核定", "materials": "身份证\n营业执照", "online_url": "https://etax.example.cn/",
        "active": "y"})
    assert created.status_code == 303
    assert "营业执照" in page_text(admin.get(created.headers["Location"]))
    secretary = login("13800000003")
    assert secretary.get(f"/hall/guides/new?region={county}").status_code == 403
    refused = admin.post(f"/hall/guides/new?region={county}", {"group": "tax", "title": "坏链接", "online_url": "javascript:alert(1)"})
    assert refused.status_code == 422 and "https://" in page_text(refused)
    assert db.session.scalar(select(ServiceGuide.id).where(ServiceGuide.title == "坏链接")) is None


@pytest.mark.parametrize("phone", ["13800000005", "13800000004", "13800000006", "13800000002"])
def test_only_the_village_s_cadres_keep_its_team_and_directory(login, phone):
    village = region_by_code("QS-DX-DA").id
    client = login(phone)
    assert client.get(f"/hall/team/new?village={village}").status_code == 403
    assert client.post(f"/hall/directory/new?village={village}", {"name": "假号码", "phone": "110"}).status_code == 403


def test_the_secretary_adds_a_volunteer_with_a_photo(login):
    from webapp.demo import demo_photo

    village = region_by_code("QS-DX-DA").id
    secretary = login("13800000003")
    done = secretary.post(f"/hall/team/new?village={village}", {"name": "小林", "specialty": "volunteer",
                                                                "phone": "13900002000", "active": "y",
                                                                "photo": demo_photo("#336699")},
                          content_type="multipart/form-data")
    assert done.status_code == 303
    member = db.session.scalar(select(TeamMember).where(TeamMember.name == "小林"))
    assert member.photo_path and secretary.get(f"/hall/team/{member.id}/photo").status_code == 200
