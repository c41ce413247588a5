from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from .models import CATEGORIES

REQUIRED = _l("这一项必须填写。")


class PersonForm(FlaskForm):
    name = StringField(_l("姓名"), validators=[DataRequired(REQUIRED), Length(max=40)])
    category = SelectField(_l("类别"), choices=list(CATEGORIES.items()), validators=[InputRequired(REQUIRED)])
    needs = TextAreaField(_l("需要什么帮助"), validators=[Optional(), Length(max=2000)])
    address = StringField(_l("住址"), validators=[Optional(), Length(max=120)])
    phone = StringField(_l("联系电话"), validators=[Optional(), Length(max=20)], render_kw={"inputmode": "tel"})
    visit_every_days = IntegerField(_l("多少天走访一次"), default=7,
                                    validators=[InputRequired(_l("请填天数。")),
                                                NumberRange(1, 90, _l("走访间隔请填 1 到 90 天。"))])
    carers = TextAreaField(_l("负责走访的人（手机号，一行一个）"), validators=[DataRequired(REQUIRED), Length(max=400)])
    active = BooleanField(_l("在册"), default=True)


class VisitForm(FlaskForm):
    note = TextAreaField(_l("走访情况（身体、生活、有什么困难）"), validators=[DataRequired(REQUIRED), Length(max=2000)])
