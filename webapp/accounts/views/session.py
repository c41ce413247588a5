"""Login, logout and sign-up."""
from flask import redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ...extensions import limiter
from ...htmx import render
from ...page_cache import cached_page
from ...params import as_id
from ...regions.models import GROUP
from ...regions.queries import children_of, region_by_id, villages_by_township
from ...submit import press, submit
from ...urls import local_path
from .. import bp, services
from ..forms import LoginForm, SignupForm


def _refused(response) -> bool:
    return response.status_code == 422


def _phone_tried() -> str:
    return "phone:" + services.normalise_phone(request.form.get("phone", ""))


def _home(_result=None):
    return url_for("shell.home")


@bp.route("/login", methods=["GET", "POST"])
@cached_page
@limiter.limit("10 per minute", methods=["POST"], deduct_when=_refused)
@limiter.limit("20 per hour", methods=["POST"], key_func=_phone_tried, deduct_when=_refused)
def login():
    if current_user.is_authenticated:
        return redirect(_home(), 303)
    if request.method == "GET":
        return render("accounts/login.html", form=LoginForm(formdata=None))
    return submit(LoginForm(), lambda f: login_user(services.authenticate(f.phone.data, f.password.data),
                                                    remember=True),
                  then=lambda _: local_path(request.args.get("next")) or _home(),
                  again=lambda f: render("accounts/login.html", form=f))


def _log_out() -> None:
    if current_user.is_authenticated:
        services.log_out(current_user)  # ends this account's sessions everywhere
    logout_user()


@bp.route("/logout", methods=["POST"])
def logout():
    return press(_log_out, done=_("你已退出登录。"), then=lambda _: url_for("accounts.login"))


def _fill_home_choices(form: SignupForm):
    """Villages grouped by township for the template; the chosen village's groups."""
    grouped = villages_by_township()
    form.village.choices = [(v.id, v.name) for _t, villages in grouped for v in villages]
    form.village.grouped = grouped
    village = region_by_id(form.village.data)
    groups = children_of(village, GROUP) if village else []
    form.group.choices = [(0, _("请先选村") if not village else _("请选择"))] + [(g.id, g.name) for g in groups]
    return village


def _signup_page(form):
    _fill_home_choices(form)
    return render("accounts/signup.html", form=form)


def _sign_up(form) -> None:
    login_user(services.sign_up(form.phone.data, form.name.data, form.password.data,
                                region_by_id(form.village.data), region_by_id(form.group.data)), remember=True)


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(_home(), 303)
    if request.method == "GET":
        return _signup_page(SignupForm(formdata=None))
    form = SignupForm()
    _fill_home_choices(form)
    return submit(form, _sign_up, done=_("注册成功。请联系村民小组长或网格员完成身份认证。"), then=_home,
                  again=_signup_page)


@bp.route("/signup/groups")
def signup_groups():
    """The group options of the chosen village (htmx swaps them into the form)."""
    form = SignupForm(formdata=None, village=request.args.get("village", type=as_id))
    _fill_home_choices(form)
    return render("accounts/signup.html", block="group_field", form=form)
