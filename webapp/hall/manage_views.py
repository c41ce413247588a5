"""Keeping the hall: the county's admins edit the catalogue; a village's cadres its own items,
its 8+X team and its directory. One form page each for new and edit."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.queries import user_by_phone
from ..accounts.services import normalise_phone
from ..auth import may_keep_guides, may_keep_team, require
from ..htmx import render
from ..regions.models import VILLAGE
from ..regions.queries import region_by_id
from ..service import ServiceError
from ..submit import submit
from . import bp, services
from .forms import EntryForm, GuideForm, MemberForm
from .queries import directory_of, entry_by_id, guide_by_id, guides_for, member_by_id, team_of


def _keeper_region():
    region = region_by_id(request.args.get("region") or request.args.get("village")) or current_user.village
    if region is None:
        abort(404)
    return region


@bp.route("/hall/manage")
@login_required
def manage():
    region = _keeper_region()
    require(may_keep_guides(current_user, region) or may_keep_team(current_user, region))
    own = [g for g in guides_for(region if region.level == VILLAGE else None, include_inactive=True)
           if g.region_id == region.id]
    return render("hall/manage.html", region=region, guides=own,
                  members=team_of(region.id, include_inactive=True) if region.level == VILLAGE else [],
                  entries=directory_of(region.id) if region.level == VILLAGE else [])


# ---- guides ----------------------------------------------------------------------------------

def _guide_page(region, form, guide=None):
    if region.level != VILLAGE:
        form.group.choices = [c for c in form.group.choices if c[0] != "local"]
    return render("hall/guide_form.html", form=form, region=region, guide=guide)


def _guide_values(form) -> dict:
    return {name: field.data for name, field in form._fields.items() if name != "csrf_token"}


@bp.route("/hall/guides/new", methods=["GET", "POST"])
@login_required
def new_guide():
    region = _keeper_region()
    require(may_keep_guides(current_user, region))
    if request.method == "GET":
        return _guide_page(region, GuideForm(formdata=None, group="local" if region.level == VILLAGE else "household"))
    return submit(GuideForm(), lambda f: services.save_guide(current_user, region, _guide_values(f)),
                  done=_("办事指南已保存。"), then=lambda g: url_for("hall.guide", guide_id=g.id),
                  again=lambda f: _guide_page(region, f))


@bp.route("/hall/guides/<int:guide_id>/edit", methods=["GET", "POST"])
@login_required
def edit_guide(guide_id):
    guide = guide_by_id(guide_id) or abort(404)
    require(may_keep_guides(current_user, guide.region))
    if request.method == "GET":
        form = GuideForm(formdata=None, obj=guide)
        form.materials.data = "\n".join(guide.materials)
        return _guide_page(guide.region, form, guide)
    return submit(GuideForm(), lambda f: services.save_guide(current_user, guide.region, _guide_values(f), guide),
                  done=_("办事指南已保存。"), then=lambda g: url_for("hall.guide", guide_id=g.id),
                  again=lambda f: _guide_page(guide.region, f, guide))


# ---- the team and the directory --------------------------------------------------------------

def _member_values(form) -> dict:
    values = {name: field.data for name, field in form._fields.items() if name not in ("csrf_token", "photo")}
    phone = (form.account_phone.data or "").strip()
    values["user"] = user_by_phone(normalise_phone(phone)) if phone else None
    if phone and values["user"] is None:
        raise ServiceError(_("没有找到这个手机号的账号。"), "account_phone")
    return values


def _member_page(village, form, member=None):
    return render("hall/member_form.html", form=form, village=village, member=member)


def _save_member(village, member=None):
    return submit(MemberForm(), lambda f, photo: services.save_member(current_user, village, _member_values(f), photo,
                                                                      member),
                  done=_("服务团队已更新。"), then=lambda _m: url_for("hall.team", village=village.id),
                  again=lambda f: _member_page(village, f, member),
                  prepare=lambda _f: services.prepare_member_photo(request.files.get("photo")))


@bp.route("/hall/team/new", methods=["GET", "POST"])
@login_required
def new_member():
    village = _keeper_region()
    require(may_keep_team(current_user, village))
    if request.method == "GET":
        return _member_page(village, MemberForm(formdata=None))
    return _save_member(village)


@bp.route("/hall/team/<int:member_id>/edit", methods=["GET", "POST"])
@login_required
def edit_member(member_id):
    member = member_by_id(member_id) or abort(404)
    village = region_by_id(member.village_id)
    require(may_keep_team(current_user, village))
    if request.method == "GET":
        form = MemberForm(formdata=None, obj=member)
        form.account_phone.data = member.user.phone if member.user else ""
        return _member_page(village, form, member)
    return _save_member(village, member)


def _entry_page(village, form, entry=None):
    return render("hall/entry_form.html", form=form, village=village, entry=entry)


@bp.route("/hall/directory/new", methods=["GET", "POST"])
@login_required
def new_entry():
    village = _keeper_region()
    require(may_keep_team(current_user, village))
    if request.method == "GET":
        return _entry_page(village, EntryForm(formdata=None))
    return submit(EntryForm(), lambda f: services.save_entry(current_user, village, _guide_values(f)),
                  done=_("便民通讯录已更新。"), then=lambda _e: url_for("hall.team", village=village.id),
                  again=lambda f: _entry_page(village, f))


@bp.route("/hall/directory/<int:entry_id>/edit", methods=["GET", "POST"])
@login_required
def edit_entry(entry_id):
    entry = entry_by_id(entry_id) or abort(404)
    village = region_by_id(entry.village_id)
    require(may_keep_team(current_user, village))
    if request.method == "GET":
        return _entry_page(village, EntryForm(formdata=None, obj=entry), entry)
    return submit(EntryForm(), lambda f: services.save_entry(current_user, village, _guide_values(f), entry),
                  done=_("便民通讯录已更新。"), then=lambda _e: url_for("hall.team", village=village.id),
                  again=lambda f: _entry_page(village, f, entry))
