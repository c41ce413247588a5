"""Forms of the points area. Most are laid out by hand in their templates (checkbox lists of
villagers, one rule select per claim); the messages all show at the top (`problems()`)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FileField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from ..params import as_id, as_year

REQUIRED = _l("这一项必须填写。")


def _id_or_zero(value) -> int:
    return as_id(value) or 0


def _ids(values) -> list[int]:
    return [i for i in map(as_id, values or []) if i]


class PeopleField(SelectMultipleField):
    """Ids of people ticked in a list; anything that is not an id is dropped, not an error."""

    def process_formdata(self, valuelist):
        self.data = _ids(valuelist)

    def pre_validate(self, form):
        pass


class AwardForm(FlaskForm):
    rule = SelectField(_l("积分规则"), coerce=_id_or_zero, validate_choice=False,
                       validators=[DataRequired(_l("请选择积分规则。"))])
    people = PeopleField(_l("村民"))
    reason = StringField(_l("说明（可不填）"), validators=[Optional(), Length(max=200)])


class ReasonForm(FlaskForm):
    reason = StringField(_l("原因"), validators=[Optional(), Length(max=200)])


class ClaimForm(FlaskForm):
    text = TextAreaField(_l("做了什么好事"), validators=[Optional(), Length(max=500)])
    photo = FileField(_l("照片"))


class ApproveForm(FlaskForm):
    rule = SelectField(_l("按哪条规则记分"), coerce=_id_or_zero, validate_choice=False)


class StoreItemForm(FlaskForm):
    name = StringField(_l("商品名称"), validators=[Optional(), Length(max=60)])
    price = StringField(_l("兑换所需积分"), validators=[Optional(), Length(max=12)])
    stock = StringField(_l("库存（件）"), validators=[Optional(), Length(max=12)])
    photo = FileField(_l("图片（可不传）"))


class RestockForm(FlaskForm):
    added = StringField(_l("补货"), validators=[Optional(), Length(max=12)])
    active = BooleanField(_l("在架"), false_values=("", "0", "false"))


class CodeForm(FlaskForm):
    code = HiddenField(_l("兑换码（8位数字）"), validators=[Optional(), Length(max=20)])


class StarsForm(FlaskForm):
    year = HiddenField(_l("年度"))
    people = PeopleField(_l("候选人"))

    def chosen_year(self):
        try:
            return as_year(self.year.data)
        except (TypeError, ValueError):
            return None
