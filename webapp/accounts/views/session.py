"""Login, logout and sign-up."""
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ...extensions import limiter
from ...htmx import render
from ...params import as_id
from ...regions.models import GROUP
from ...regions.queries import children_of, region_by_id, villages_by_township
from ...service import ServiceError, show_on_form
from ...urls import local_path
from .. import bp, services
from ..forms import EmptyForm, LoginForm, SignupForm


def _refused(response) -> bool:
    return response.status_code == 422


def _phone_tried() -> str:
    return "phone:" + services.normalise_phone(request.form.get("phone", ""))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"], deduct_when=_refused)
@limiter.limit("20 per hour", methods=["POST"], key_func=_phone_tried, deduct_when=_refused)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("shell.home"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.phone.data, form.password.data)
        except ServiceError as error:
            show_on_form(form, error)
        else:
            login_user(user, remember=True)
            return redirect(local_path(request.args.get("next")) or url_for("shell.home"))
    return render("accounts/login.html", form=form, status=422 if form.errors or form.form_errors else 200)


@bp.route("/logout", methods=["POST"])
def logout():
    if EmptyForm().validate_on_submit():
        if current_user.is_authenticated:
            services.log_out(current_user)  # ends this account's sessions everywhere
        logout_user()
        flash(_("你已退出登录。"), "info")
    return redirect(url_for("accounts.login"))


def _fill_home_choices(form: SignupForm):
    """Villages grouped by township for the template; the chosen village's groups."""
    grouped = villages_by_township()
    form.village.choices = [(v.id, v.name) for _t, villages in grouped for v in villages]
    form.village.grouped = grouped
    village = region_by_id(form.village.data)
    groups = children_of(village, GROUP) if village else []
    form.group.choices = [(0, _("请先选村") if not village else _("请选择"))] + [(g.id, g.name) for g in groups]
    return village


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("shell.home"))
    form = SignupForm()
    village = _fill_home_choices(form)
    if form.validate_on_submit():
        try:
            user = services.sign_up(form.phone.data, form.name.data, form.password.data,
                                    village, region_by_id(form.group.data))
        except ServiceError as error:
            show_on_form(form, error)
        else:
            login_user(user, remember=True)
            flash(_("注册成功。请联系村民小组长或网格员完成身份认证。"), "success")
            return redirect(url_for("shell.home"))
    failed = request.method == "POST"
    return render("accounts/signup.html", form=form, status=422 if failed else 200)


@bp.route("/signup/groups")
def signup_groups():
    """The group options of the chosen village (htmx swaps them into the form)."""
    form = SignupForm(formdata=None, village=request.args.get("village", type=as_id))
    _fill_home_choices(form)
    return render("accounts/signup.html", block="group_field", form=form)
