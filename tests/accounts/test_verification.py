"""Verifying villagers against the household registry, and party members by the branch."""
from webapp.extensions import db

from ..client import page_text


def test_group_leader_verifies_a_villager_against_the_registry(login, person):
    leader = login("13800000007")
    newcomer = person("13800000011")
    queue = page_text(leader.get("/verify"))
    assert "王小红" in queue
    page = page_text(leader.get(f"/verify/{newcomer.id}"))
    assert "DA-001" in page and "手机号一致" in page
    resident = _candidates(newcomer)[0]
    response = leader.post(f"/verify/{newcomer.id}", {"resident": resident.id})
    assert response.status_code == 303
    db.session.refresh(newcomer)
    assert newcomer.is_verified and newcomer.resident_id == resident.id
    assert newcomer.grid.name == "第一网格"  # placed by the household registry
    assert f"/verify/{newcomer.id}" not in page_text(leader.get("/verify"))
    card = page_text(login("13800000011").get("/me"))
    assert "已认证村民" in card and "身份认证通过" in card  # the trail (留痕) shows it


def _candidates(user):
    from webapp.accounts.queries import registry_candidates

    return registry_candidates(user)


def test_verifying_without_choosing_a_registry_entry_is_refused(login, person):
    leader = login("13800000007")
    newcomer = person("13800000011")
    response = leader.post(f"/verify/{newcomer.id}", {})
    assert response.status_code == 422
    assert "请在户籍名单中选择对应的人" in page_text(response)
    db.session.refresh(newcomer)
    assert not newcomer.is_verified


def test_a_registry_entry_of_another_village_cannot_be_used(login, person):
    from webapp.accounts.models import Resident

    other_village_resident = db.session.query(Resident).filter_by(name="钱德福").one()
    newcomer = person("13800000011")
    response = login("13800000003").post(f"/verify/{newcomer.id}", {"resident": other_village_resident.id})
    assert response.status_code == 422
    db.session.refresh(newcomer)
    assert not newcomer.is_verified


def test_refusing_tells_the_villager_why(login, person):
    newcomer = person("13800000011")
    grid_worker = login("13800000004")
    empty = grid_worker.post(f"/verify/{newcomer.id}/refuse", {"reason": ""})
    assert empty.status_code == 422 and "这一项必须填写" in page_text(empty)
    grid_worker.post(f"/verify/{newcomer.id}/refuse", {"reason": "请带户口本到村委会"})
    home = page_text(login("13800000011").get("/"))
    assert "上次认证未通过：请带户口本到村委会" in home


def test_party_membership_is_claimed_by_the_villager_and_verified_by_the_branch(login, person):
    villager = login("13800000005")
    villager.post("/me/party", {})
    secretary = login("13800000003")
    assert "王大山" in page_text(secretary.get("/verify/party"))
    me = person("13800000005")
    secretary.post(f"/verify/party/{me.id}", {"decision": "approve"})
    db.session.refresh(me)
    assert me.is_party_member
    assert "党员" in page_text(villager.get("/me"))


def test_only_the_party_branch_of_the_village_verifies_party_members(login, person):
    me = person("13800000005")
    login("13800000005").post("/me/party", {})
    assert login("13800000007").post(f"/verify/party/{me.id}", {"decision": "approve"}).status_code == 403
    db.session.refresh(me)
    assert not me.is_party_member


def test_an_unverified_villager_cannot_claim_party_membership(login, person):
    page = login("13800000011")
    response = page.post("/me/party", {})
    assert "请先完成村民身份认证" in page_text(page.get(response.headers["Location"]))
    assert person("13800000011").party_claimed_at is None
