from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

REQUIRED = _l("这一项必须填写。")


class DrawForm(FlaskForm):
    title = StringField(_l("抽谁、为了什么"), validators=[DataRequired(REQUIRED), Length(max=80)],
                        render_kw={"placeholder": _l("例如：村道硬化议事会村民代表")})
    seats = IntegerField(_l("抽几个人"), validators=[InputRequired(REQUIRED), NumberRange(1, 50, _l("请填 1 到 50。"))],
                         render_kw={"inputmode": "numeric"})
    witness_1 = SelectField(_l("见证人一"), coerce=int)
    role_1 = StringField(_l("见证人一的身份"), default=_l("村党组织书记"), validators=[Length(max=32)])
    witness_2 = SelectField(_l("见证人二"), coerce=int)
    role_2 = StringField(_l("见证人二的身份"), default=_l("村务监督委员会委员"), validators=[Length(max=32)])
    witness_3 = SelectField(_l("见证人三"), coerce=int)
    role_3 = StringField(_l("见证人三的身份"), default=_l("村民代表"), validators=[Length(max=32)])


class CommitForm(FlaskForm):
    # The phone hashes the secret and sends only the hash; without JavaScript the secret is sent
    # once, hashed by the server and not kept.
    secret = StringField(_l("你的密语（至少16个字，自己记好，抽签时要再输一次）"),
                         validators=[Optional(), Length(max=200)], render_kw={"autocomplete": "off"})
    commitment = HiddenField()


class RevealForm(FlaskForm):
    secret = StringField(_l("你的密语"), validators=[DataRequired(REQUIRED), Length(max=200)],
                         render_kw={"autocomplete": "off"})


class NumberForm(FlaskForm):
    number = StringField(_l("公开的随机数（例如下一期福利彩票开奖号码）"),
                         validators=[DataRequired(REQUIRED), Length(max=64)])
