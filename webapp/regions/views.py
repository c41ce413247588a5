"""Region administration: see a region, its children and people; add and rename regions."""
from flask import redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.queries import contacts, count_people
from ..audit.queries import trail_of
from ..auth import ROLES, admin_regions, authorised, is_admin_anywhere, may_manage_region, requires
from ..htmx import render
from ..submit import submit
from . import bp, services
from .forms import RegionForm, RenameForm
from .models import CHILD_LEVELS, LEVEL_LABELS
from .queries import ancestors, child_counts, children_of, region_by_id


def region_for(region_id):
    return authorised(region_by_id(region_id), may_manage_region)


def _region_page(region, add_form=None, rename_form=None):
    add_form = add_form or RegionForm(formdata=None)
    add_form.level.choices = [(lvl, str(LEVEL_LABELS[lvl])) for lvl in CHILD_LEVELS[region.level]]
    return render("regions/admin_region.html", region=region, children=children_of(region),
                  counts=child_counts(region), people=count_people(region),
                  staff=contacts([region], tuple(ROLES)), add_form=add_form,
                  breadcrumbs=[r for r in ancestors(region)[:-1] if may_manage_region(current_user, r)],
                  rename_form=rename_form or RenameForm(formdata=None, name=region.name),
                  trail=trail_of("region", region.id))


def _to_region(region):
    return lambda _result: url_for("regions.admin_region", region_id=region.id)


@bp.route("/admin/regions")
@requires(is_admin_anywhere)
def admin_home():
    return redirect(url_for("regions.admin_region", region_id=admin_regions(current_user)[0].id))


@bp.route("/admin/regions/<int:region_id>")
@requires(is_admin_anywhere)
def admin_region(region_id):
    return _region_page(region_for(region_id))


@bp.route("/admin/regions/<int:region_id>/children", methods=["POST"])
@requires(is_admin_anywhere)
def add_child(region_id):
    region = region_for(region_id)
    form = RegionForm()
    form.level.choices = [(lvl, "") for lvl in CHILD_LEVELS[region.level]]
    return submit(form, lambda f: services.create_region(current_user, region, f.level.data, f.code.data, f.name.data),
                  done=lambda child: _("已添加：%(name)s", name=child.name), then=_to_region(region), again=lambda f: _region_page(region, add_form=f))


@bp.route("/admin/regions/<int:region_id>/name", methods=["POST"])
@requires(is_admin_anywhere)
def rename(region_id):
    region = region_for(region_id)
    return submit(RenameForm(), lambda f: services.rename_region(current_user, region, f.name.data),
                  done=_("名称已保存。"), then=_to_region(region), again=lambda f: _region_page(region, rename_form=f))
