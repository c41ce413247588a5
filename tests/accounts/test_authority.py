"""Authority follows roles, not residence: an admin manages the people inside their reach and
never a person holding a role above it — tried for every pair of demo people."""
import pytest

from webapp.accounts.models import RoleMembership
from webapp.auth import may_manage_person
from webapp.extensions import db

PHONES = [f"138000000{n:02d}" for n in range(1, 12)]


def phone(n: int) -> str:
    return f"138000000{n:02d}"


# Who each demo person may manage. Everyone but 6 and 10 lives in 东岙村; 1 is the county
# admin, 2 the township's command centre, 3 the village admin, 9 the township's mediator.
MANAGES = {
    phone(1): {phone(n) for n in range(2, 12)},
    phone(3): {phone(n) for n in (4, 5, 7, 8, 11)},
}


@pytest.mark.parametrize("actor", PHONES)
def test_the_permission_for_every_pair_of_demo_people(person, actor):
    allowed = {target for target in PHONES if may_manage_person(person(actor), person(target))}
    assert allowed == MANAGES.get(actor, set())


@pytest.mark.parametrize("actor", PHONES)
def test_refused_pairs_change_nothing_through_any_admin_route(login, person, actor):
    client = login(actor)
    for target in sorted(set(PHONES) - MANAGES.get(actor, set())):
        who = person(target)
        before = (who.password_hash, who.active, len(who.memberships))
        pages = [client.get(f"/admin/people/{who.id}"),
                 client.post(f"/admin/people/{who.id}/password", {}),
                 client.post(f"/admin/people/{who.id}/active", {"active": "0"}),
                 client.post(f"/admin/people/{who.id}/roles", {"role": "cadre", "region": who.village_id})]
        pages += [client.post(f"/admin/roles/{m.id}/revoke", {}) for m in who.memberships]
        assert all(p.status_code == 403 for p in pages), (actor, target, [p.status_code for p in pages])
        db.session.expire_all()
        assert (who.password_hash, who.active, len(who.memberships)) == before


def test_a_village_admin_cannot_take_over_the_county_admin(login, person):
    """The hole found from outside: 13800000003 reset the county admin's password."""
    admin = login("13800000003")
    county_admin = person("13800000001")
    assert admin.get(f"/admin/people/{county_admin.id}").status_code == 403
    assert admin.post(f"/admin/people/{county_admin.id}/password", {}).status_code == 403


def test_a_village_admin_cannot_manage_another_admin_of_the_same_village(login, person, app):
    deputy = person("13800000007")
    db.session.add(RoleMembership(user=deputy, role="admin", region=deputy.village, title="副管理员"))
    db.session.commit()
    admin = login("13800000003")
    assert admin.post(f"/admin/people/{deputy.id}/password", {}).status_code == 403
    assert login("13800000001").get(f"/admin/people/{deputy.id}").status_code == 200


def test_the_people_list_shows_higher_role_holders_without_a_link(login, person):
    from ..client import page_text

    page = page_text(login("13800000003").get("/admin/people"))
    assert "陈建国" in page and f"/admin/people/{person('13800000001').id}\"" not in page
    assert f"/admin/people/{person('13800000005').id}\"" in page
    assert "由上级管理员管理" in page


def test_each_role_is_named_once(login, person):
    """The secretary is party secretary, cadre (书记) and admin: "书记 · 书记" no more, and
    the publish form offers 东岙村 once."""
    from ..client import page_text

    people = page_text(login("13800000001").get(f"/admin/people?region={person('13800000003').village_id}"))
    assert "书记 · 书记" not in people and "书记 · 村管理员" in people
    form = page_text(login("13800000003").get("/notices/new"))
    assert form.count(">东岙村</option>") == 1
