"""Account forms. Labels are short and plain; every field says what goes in it."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from ..roles import ROLES

REQUIRED = _l("这一项必须填写。")


class LoginForm(FlaskForm):
    phone = StringField(_l("手机号"), validators=[DataRequired(REQUIRED)],
                        render_kw={"inputmode": "numeric", "autocomplete": "username", "maxlength": 16})
    password = PasswordField(_l("密码"), validators=[DataRequired(REQUIRED)],
                             render_kw={"autocomplete": "current-password"})


class SignupForm(FlaskForm):
    phone = StringField(_l("手机号"), validators=[DataRequired(REQUIRED)],
                        render_kw={"inputmode": "numeric", "autocomplete": "tel", "maxlength": 16})
    name = StringField(_l("姓名"), validators=[DataRequired(REQUIRED), Length(max=32)],
                       render_kw={"autocomplete": "name"})
    village = SelectField(_l("所在的村"), coerce=int, validate_choice=False,
                          validators=[DataRequired(_l("请选择你所在的村。"))])
    group = SelectField(_l("所在的村民小组"), coerce=int, validate_choice=False,
                        validators=[DataRequired(_l("请选择你所在的村民小组。"))])
    password = PasswordField(_l("设置密码（至少6位）"), validators=[DataRequired(REQUIRED)],
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("再输一遍密码"), validators=[
        DataRequired(REQUIRED), EqualTo("password", _l("两次输入的密码不一样。"))],
        render_kw={"autocomplete": "new-password"})


class NameForm(FlaskForm):
    name = StringField(_l("姓名"), validators=[DataRequired(REQUIRED), Length(max=32)])


class PasswordForm(FlaskForm):
    current = PasswordField(_l("原密码"), validators=[DataRequired(REQUIRED)],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(_l("新密码（至少6位）"), validators=[DataRequired(REQUIRED)],
                        render_kw={"autocomplete": "new-password"})


class VerifyForm(FlaskForm):
    resident = SelectField(_l("户籍名单中的对应人员"), coerce=int, validate_choice=False,
                           validators=[DataRequired(_l("请在户籍名单中选择对应的人。"))])


class RefuseForm(FlaskForm):
    reason = TextAreaField(_l("不能认证的原因"), validators=[DataRequired(REQUIRED), Length(max=200)])


class RegistrySearchForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField(_l("按姓名查找户籍"), validators=[Optional(), Length(max=32)])


class GrantRoleForm(FlaskForm):
    role = SelectField(_l("角色"), validators=[DataRequired(REQUIRED)],
                       choices=[("", _l("请选择"))] + [(code, role.label) for code, role in ROLES.items()])
    region = SelectField(_l("所在地区"), coerce=int, validate_choice=False,
                         validators=[DataRequired(REQUIRED)])
    title = StringField(_l("职务（可不填，如 书记、会计、医生）"), validators=[Optional(), Length(max=32)])
