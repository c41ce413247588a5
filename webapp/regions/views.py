"""Region administration: see a region, its children and people; add and rename regions."""
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.queries import contacts, count_people
from ..audit.queries import trail_of
from ..auth import ROLES, admin_regions, is_admin_anywhere, may_manage_region, require, requires
from ..htmx import render
from ..service import ServiceError, show_on_form
from . import bp, services
from .forms import RegionForm, RenameForm
from .models import CHILD_LEVELS, LEVEL_LABELS
from .queries import ancestors, child_counts, children_of, region_by_id


@bp.route("/admin/regions")
@requires(is_admin_anywhere)
def admin_home():
    return redirect(url_for("regions.admin_region", region_id=admin_regions(current_user)[0].id))


def _region_page(region, add_form, rename_form, status=200):
    add_form.level.choices = [(lvl, str(LEVEL_LABELS[lvl])) for lvl in CHILD_LEVELS[region.level]]
    managed_ancestors = [r for r in ancestors(region)[:-1] if may_manage_region(current_user, r)]
    return render("regions/admin_region.html", region=region, children=children_of(region),
                  counts=child_counts(region), people=count_people(region),
                  staff=contacts([region], tuple(ROLES)), breadcrumbs=managed_ancestors,
                  add_form=add_form, rename_form=rename_form, trail=trail_of("region", region.id),
                  status=status)


@bp.route("/admin/regions/<int:region_id>")
@requires(is_admin_anywhere)
def admin_region(region_id):
    region = region_by_id(region_id) or abort(404)
    require(may_manage_region(current_user, region))
    return _region_page(region, RegionForm(formdata=None), RenameForm(formdata=None, name=region.name))


@bp.route("/admin/regions/<int:region_id>/children", methods=["POST"])
@requires(is_admin_anywhere)
def add_child(region_id):
    region = region_by_id(region_id) or abort(404)
    require(may_manage_region(current_user, region))
    form = RegionForm()
    form.level.choices = [(lvl, "") for lvl in CHILD_LEVELS[region.level]]
    if form.validate_on_submit():
        try:
            child = services.create_region(current_user, region, form.level.data,
                                           form.code.data, form.name.data)
            flash(_("已添加：%(name)s", name=child.name), "success")
            return redirect(url_for("regions.admin_region", region_id=region.id))
        except ServiceError as error:
            show_on_form(form, error)
    return _region_page(region, form, RenameForm(formdata=None, name=region.name), 422)


@bp.route("/admin/regions/<int:region_id>/name", methods=["POST"])
@requires(is_admin_anywhere)
def rename(region_id):
    region = region_by_id(region_id) or abort(404)
    require(may_manage_region(current_user, region))
    form = RenameForm()
    if form.validate_on_submit():
        try:
            services.rename_region(current_user, region, form.name.data)
            flash(_("名称已保存。"), "success")
            return redirect(url_for("regions.admin_region", region_id=region.id))
        except ServiceError as error:
            show_on_form(form, error)
    return _region_page(region, RegionForm(formdata=None), form, 422)
