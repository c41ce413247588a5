"""Admins manage people and roles, only inside their own region."""
from webapp.accounts.models import RoleMembership
from webapp.extensions import db
from webapp.regions.queries import region_by_code

from ..client import page_text


def test_village_admin_grants_and_revokes_a_role_in_the_village(login, person):
    admin = login("13800000003")
    villager = person("13800000005")
    grid = region_by_code("QS-DX-DA-W2")
    response = admin.post(f"/admin/people/{villager.id}/roles",
                          {"role": "grid_worker", "region": grid.id, "title": "网格员"})
    assert response.status_code == 303
    membership = db.session.query(RoleMembership).filter_by(user_id=villager.id).one()
    assert membership.role == "grid_worker" and membership.region_id == grid.id
    admin.post(f"/admin/roles/{membership.id}/revoke", {})
    assert db.session.query(RoleMembership).filter_by(user_id=villager.id).count() == 0


def test_village_admin_cannot_grant_a_role_in_the_township(login, person):
    admin = login("13800000003")
    villager = person("13800000005")
    response = admin.post(f"/admin/people/{villager.id}/roles",
                          {"role": "township_staff", "region": region_by_code("QS-DX").id})
    assert response.status_code == 422
    assert "不能在这个地区授予这个角色" in page_text(response)
    assert db.session.query(RoleMembership).filter_by(user_id=villager.id).count() == 0


def test_a_role_must_fit_the_level_of_its_region(login, person):
    response = login("13800000001").post(
        f"/admin/people/{person('13800000005').id}/roles",
        {"role": "grid_worker", "region": region_by_code("QS-DX-DA").id})
    assert response.status_code == 422


def test_village_admin_cannot_manage_people_of_another_village(login, person):
    admin = login("13800000003")
    other = person("13800000006")
    assert admin.get(f"/admin/people/{other.id}").status_code == 403
    assert admin.post(f"/admin/people/{other.id}/password", {}).status_code == 403
    assert admin.get(f"/admin/people?region={region_by_code('QS-DX-XL').id}").status_code == 403


def test_a_reset_password_is_shown_once_and_works(login, person, client):
    admin = login("13800000003")
    villager = person("13800000005")
    reset = admin.post(f"/admin/people/{villager.id}/password", {})
    assert reset.status_code == 303
    page = page_text(admin.get(reset.headers["Location"]))
    import re

    temporary = re.search(r'<p class="big-code">(\d{8})</p>', page).group(1)
    assert client.post("/login", {"phone": "13800000005", "password": temporary}).status_code == 303
    # shown once: the sealed password is gone from the next page, and never in a cookie as text
    again = page_text(admin.get(reset.headers["Location"]))
    assert temporary not in again
    assert all(temporary not in c.value for c in admin.http._cookies.values())


def test_county_admin_sees_the_whole_tree(login):
    admin = login("13800000001")
    page = page_text(admin.get("/admin/regions", follow_redirects=True))
    assert "东溪镇" in page and "南山乡" in page


def test_admin_adds_a_group_to_the_village_and_bad_input_changes_nothing(login):
    admin = login("13800000003")
    village = region_by_code("QS-DX-DA")
    bad = admin.post(f"/admin/regions/{village.id}/children", {"level": "group", "code": "含 空格", "name": "第三组"})
    assert bad.status_code == 422 and "代码只能用字母、数字和短横线" in page_text(bad)
    clash = admin.post(f"/admin/regions/{village.id}/children", {"level": "group", "code": "QS-DX-DA-G1", "name": "第三组"})
    assert clash.status_code == 422 and "代码已被使用" in page_text(clash)
    wrong_level = admin.post(f"/admin/regions/{village.id}/children", {"level": "township", "code": "X1", "name": "镇"})
    assert wrong_level.status_code == 422
    assert region_by_code("X1") is None
    good = admin.post(f"/admin/regions/{village.id}/children", {"level": "group", "code": "QS-DX-DA-G3", "name": "第三村民小组"})
    assert good.status_code == 303
    group = region_by_code("QS-DX-DA-G3")
    assert group.parent_id == village.id and village.contains(group)
