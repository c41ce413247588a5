"""The profile card (电子名片): one's own, and fellow villagers'."""
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from ...audit.queries import trail_of
from ...auth import authorised, may_view_person
from ...htmx import render
from ...regions.queries import full_name
from ...submit import ButtonForm, press, submit
from .. import bp, services
from ..forms import NameForm, PasswordForm
from ..queries import user_by_id


def _card_context(person):
    return dict(person=person, home=full_name(person.home_region), trail=trail_of("user", person.id))


def _me_page(name_form=None, password_form=None):
    return render("accounts/me.html", name_form=name_form or NameForm(formdata=None, name=current_user.name),
                  password_form=password_form or PasswordForm(formdata=None), party_form=ButtonForm(),
                  **_card_context(current_user))


def _to_me(_result=None):
    return url_for("accounts.me")


@bp.route("/me")
@login_required
def me():
    return _me_page()


@bp.route("/me/name", methods=["POST"])
@login_required
def rename():
    return submit(NameForm(), lambda f: services.rename_self(current_user, f.name.data), done=_("姓名已保存。"),
                  then=_to_me, again=lambda f: _me_page(name_form=f))


def _change_password(form) -> None:
    services.change_password(current_user, form.current.data, form.new.data)
    login_user(current_user._get_current_object(), remember=True)  # this phone stays in


@bp.route("/me/password", methods=["POST"])
@login_required
def change_password():
    return submit(PasswordForm(), _change_password, done=_("密码已修改，其他手机上的登录已退出。"), then=_to_me,
                  again=lambda f: _me_page(password_form=f))


@bp.route("/me/party", methods=["POST"])
@login_required
def claim_party():
    return press(lambda: services.claim_party_membership(current_user),
                 done=_("党员认证申请已提交，等待村党组织审核。"), then=_to_me)


@bp.route("/people/<int:user_id>")
@login_required
def card(user_id):
    return render("accounts/card.html", **_card_context(authorised(user_by_id(user_id), may_view_person)))
