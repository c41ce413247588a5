"""People administration for county, township and village admins."""
from flask import flash, get_flashed_messages, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...auth import (
    admin_regions,
    authorised,
    is_admin_anywhere,
    may_manage_membership,
    may_manage_person,
    may_manage_region,
    require,
    requires,
)
from ...extensions import db
from ...htmx import render
from ...params import as_id, as_page
from ...regions.queries import ancestors, children_of, full_name, region_by_id
from ...sealed import seal, unseal
from ...submit import ButtonForm, press, submit
from .. import bp, services
from ..forms import GrantRoleForm
from ..models import RoleMembership
from ..queries import people_in, user_by_id


def person_for(user_id, may=may_manage_person):
    return authorised(user_by_id(user_id), may)


def _to_person(person):
    return lambda _result: url_for("accounts.admin_person", user_id=person.id)


@bp.route("/admin/people")
@requires(is_admin_anywhere)
def admin_people():
    region = region_by_id(request.args.get("region")) or admin_regions(current_user)[0]
    require(may_manage_region(current_user, region))
    query = request.args.get("q", "")[:32]
    page = request.args.get("page", 1, type=as_page)
    people, more = people_in(region, query, page)
    return render("accounts/admin_people.html", block="people_rows", region=region, query=query,
                  people=people, more=more, page=page, home_of=full_name,
                  may_manage=lambda p: may_manage_person(current_user, p))


def _role_regions(person):
    """Where a role for this person can sensibly be held: their village's ancestors, the
    village, and its groups and grids; only those the admin manages are offered."""
    village = person.village
    return [r for r in ancestors(village) + children_of(village) if may_manage_region(current_user, r)]


def _person_page(person, grant_form=None):
    grant_form = grant_form or GrantRoleForm(formdata=None)
    grant_form.region.choices = [(r.id, f"{r.name}（{r.level_label}）") for r in _role_regions(person)]
    # A reset password comes back once, sealed in the flash, and is never shown again.
    temporary = next((unseal(m) for m in get_flashed_messages(category_filter=["sealed"])), None)
    return render("accounts/admin_person.html", person=person, grant_form=grant_form, form=ButtonForm(),
                  home=full_name(person.home_region), temporary=temporary)


@bp.route("/admin/people/<int:user_id>")
@requires(is_admin_anywhere)
def admin_person(user_id):
    return _person_page(person_for(user_id))


@bp.route("/admin/people/<int:user_id>/roles", methods=["POST"])
@requires(is_admin_anywhere)
def grant_role(user_id):
    person = person_for(user_id)
    return submit(GrantRoleForm(), lambda f: services.grant_role(current_user, person, f.role.data,
                                                                 region_by_id(f.region.data), f.title.data),
                  done=_("角色已授予。"), then=_to_person(person), again=lambda f: _person_page(person, f))


@bp.route("/admin/roles/<int:membership_id>/revoke", methods=["POST"])
@requires(is_admin_anywhere)
def revoke_role(membership_id):
    membership = authorised(db.session.get(RoleMembership, as_id(membership_id) or 0), may_manage_membership)
    person = membership.user
    return press(lambda: services.revoke_role(current_user, membership), done=_("角色已撤销。"),
                 then=_to_person(person))


def _reset_and_seal(person) -> None:
    flash(seal(services.reset_password(current_user, person)), "sealed")


@bp.route("/admin/people/<int:user_id>/password", methods=["POST"])
@requires(is_admin_anywhere)
def reset_password(user_id):
    person = person_for(user_id)
    return press(lambda: _reset_and_seal(person), then=_to_person(person))


@bp.route("/admin/people/<int:user_id>/active", methods=["POST"])
@requires(is_admin_anywhere)
def set_active(user_id):
    person = person_for(user_id)
    return press(lambda: services.set_active(current_user, person, request.form.get("active") == "1"),
                 done=_("账号状态已更新。"), then=_to_person(person))
