"""People administration for county, township and village admins."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...auth import (
    admin_regions,
    is_admin_anywhere,
    may_manage_person,
    may_manage_region,
    require,
    requires,
)
from ...extensions import db
from ...htmx import render
from ...params import as_page
from ...regions.queries import ancestors, children_of, full_name, region_by_id
from ...service import ServiceError, show_on_form
from .. import bp, services
from ..forms import EmptyForm, GrantRoleForm
from ..models import RoleMembership
from ..queries import people_in, user_by_id


@bp.route("/admin/people")
@requires(is_admin_anywhere)
def admin_people():
    region = region_by_id(request.args.get("region")) or admin_regions(current_user)[0]
    require(may_manage_region(current_user, region))
    query = request.args.get("q", "")[:32]
    page = max(1, request.args.get("page", 1, type=as_page))
    people, more = people_in(region, query, page)
    return render("accounts/admin_people.html", block="people_rows", region=region, query=query,
                  people=people, more=more, page=page, home_of=full_name,
                  may_manage=lambda p: may_manage_person(current_user, p))


def _role_regions(person):
    """Where a role for this person can sensibly be held: their village's ancestors, the
    village, and its groups and grids; only those the admin manages are offered."""
    village = person.village
    options = ancestors(village) + children_of(village)
    return [r for r in options if may_manage_region(current_user, r)]


def _person_page(person, grant_form, status=200, temporary=None):
    grant_form.region.choices = [(r.id, f"{r.name}（{r.level_label}）") for r in _role_regions(person)]
    return render("accounts/admin_person.html", person=person, grant_form=grant_form,
                  form=EmptyForm(), home=full_name(person.home_region), status=status,
                  temporary=temporary)


@bp.route("/admin/people/<int:user_id>")
@requires(is_admin_anywhere)
def admin_person(user_id):
    person = user_by_id(user_id) or abort(404)
    require(may_manage_person(current_user, person))
    return _person_page(person, GrantRoleForm(formdata=None))


@bp.route("/admin/people/<int:user_id>/roles", methods=["POST"])
@requires(is_admin_anywhere)
def grant_role(user_id):
    person = user_by_id(user_id) or abort(404)
    require(may_manage_person(current_user, person))
    form = GrantRoleForm()
    if form.validate_on_submit():
        try:
            services.grant_role(current_user, person, form.role.data,
                                region_by_id(form.region.data), form.title.data)
            flash(_("角色已授予。"), "success")
            return redirect(url_for("accounts.admin_person", user_id=person.id))
        except ServiceError as error:
            show_on_form(form, error)
    return _person_page(person, form, 422)


@bp.route("/admin/roles/<int:membership_id>/revoke", methods=["POST"])
@requires(is_admin_anywhere)
def revoke_role(membership_id):
    membership = db.session.get(RoleMembership, membership_id) or abort(404)
    person = membership.user
    require(may_manage_person(current_user, person))
    if EmptyForm().validate_on_submit():
        try:
            services.revoke_role(current_user, membership)
            flash(_("角色已撤销。"), "success")
        except ServiceError as error:
            flash(error.message, "error")
    return redirect(url_for("accounts.admin_person", user_id=person.id))


@bp.route("/admin/people/<int:user_id>/password", methods=["POST"])
@requires(is_admin_anywhere)
def reset_password(user_id):
    person = user_by_id(user_id) or abort(404)
    require(may_manage_person(current_user, person))
    if not EmptyForm().validate_on_submit():
        abort(400)
    # Shown once on this page and never put in the session cookie or a flash message.
    temporary = services.reset_password(current_user, person)
    return _person_page(person, GrantRoleForm(formdata=None), temporary=temporary)


@bp.route("/admin/people/<int:user_id>/active", methods=["POST"])
@requires(is_admin_anywhere)
def set_active(user_id):
    person = user_by_id(user_id) or abort(404)
    require(may_manage_person(current_user, person))
    if EmptyForm().validate_on_submit():
        try:
            services.set_active(current_user, person, request.form.get("active") == "1")
            flash(_("账号状态已更新。"), "success")
        except ServiceError as error:
            flash(error.message, "error")
    return redirect(url_for("accounts.admin_person", user_id=person.id))
