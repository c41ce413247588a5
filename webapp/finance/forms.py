from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, FileField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from .models import CATEGORIES, KINDS, REGISTERS

REQUIRED = _l("这一项必须填写。")


class LineForm(FlaskForm):
    kind = SelectField(_l("收支"), choices=list(KINDS.items()), validators=[DataRequired(REQUIRED)])
    category = SelectField(_l("类别"), choices=[(c, c) for k in CATEGORIES for c in CATEGORIES[k]],
                           validators=[DataRequired(REQUIRED)])
    amount = StringField(_l("金额（元）"), validators=[DataRequired(REQUIRED), Length(max=20)],
                         render_kw={"inputmode": "decimal"})
    occurred_on = DateField(_l("日期"), validators=[DataRequired(_l("请填写日期。"))])
    counterpart = StringField(_l("对方"), validators=[Optional(), Length(max=60)])
    summary = StringField(_l("摘要"), validators=[Optional(), Length(max=120)])
    receipt = FileField(_l("收据照片（可不加）"), render_kw={"accept": "image/*", "capture": "environment"})


class ImportForm(FlaskForm):
    file = FileField(_l("会计的表格（XLSX 或 CSV）"), render_kw={"accept": ".xlsx,.csv"},
                     validators=[DataRequired(_l("请选择文件。"))])


class PeriodForm(FlaskForm):
    year = IntegerField(_l("年"), validators=[DataRequired(REQUIRED), NumberRange(2000, 2100)])
    span = SelectField(_l("按"), choices=[("quarter", _l("季度")), ("month", _l("月"))])
    number = IntegerField(_l("第几季度 / 几月"), validators=[DataRequired(REQUIRED), NumberRange(1, 12)])


class RegisterForm(FlaskForm):
    register = SelectField(_l("登记簿"), choices=list(REGISTERS.items()))
    name = StringField(_l("名称"), validators=[DataRequired(REQUIRED), Length(max=60)])
    category = StringField(_l("类别"), validators=[Optional(), Length(max=30)])
    quantity = StringField(_l("数量或面积"), validators=[Optional(), Length(max=30)])
    value = StringField(_l("价值（元）"), validators=[Optional(), Length(max=20)], render_kw={"inputmode": "decimal"})
    location = StringField(_l("位置"), validators=[Optional(), Length(max=60)])
