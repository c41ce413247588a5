"""The profile card (电子名片): one's own, and fellow villagers'."""
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from ...audit.queries import trail_of
from ...auth import may_view_person, require
from ...htmx import render
from ...regions.queries import full_name
from ...service import ServiceError, show_on_form
from .. import bp, services
from ..forms import EmptyForm, NameForm, PasswordForm
from ..queries import user_by_id


def _card_context(person):
    return dict(person=person, home=full_name(person.home_region), trail=trail_of("user", person.id))


@bp.route("/me")
@login_required
def me():
    return render("accounts/me.html", name_form=NameForm(name=current_user.name),
                  password_form=PasswordForm(), party_form=EmptyForm(), **_card_context(current_user))


@bp.route("/me/name", methods=["POST"])
@login_required
def rename():
    form = NameForm()
    if form.validate_on_submit():
        try:
            services.rename_self(current_user, form.name.data)
            flash(_("姓名已保存。"), "success")
            return redirect(url_for("accounts.me"))
        except ServiceError as error:
            show_on_form(form, error)
    return render("accounts/me.html", name_form=form, password_form=PasswordForm(),
                  party_form=EmptyForm(), status=422, **_card_context(current_user))


@bp.route("/me/password", methods=["POST"])
@login_required
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current.data, form.new.data)
            login_user(current_user._get_current_object(), remember=True)  # this phone stays in
            flash(_("密码已修改。"), "success")
            return redirect(url_for("accounts.me"))
        except ServiceError as error:
            show_on_form(form, error)
    return render("accounts/me.html", name_form=NameForm(name=current_user.name), password_form=form,
                  party_form=EmptyForm(), status=422, **_card_context(current_user))


@bp.route("/me/party", methods=["POST"])
@login_required
def claim_party():
    if EmptyForm().validate_on_submit():
        try:
            services.claim_party_membership(current_user)
            flash(_("党员认证申请已提交，等待村党组织审核。"), "success")
        except ServiceError as error:
            flash(error.message, "error")
    return redirect(url_for("accounts.me"))


@bp.route("/people/<int:user_id>")
@login_required
def card(user_id):
    person = user_by_id(user_id) or abort(404)
    require(may_view_person(current_user, person))
    return render("accounts/card.html", **_card_context(person))
