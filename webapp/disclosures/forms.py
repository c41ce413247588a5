from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    MultipleFileField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from .models import SECTIONS

REQUIRED = _l("这一项必须填写。")


class PublishForm(FlaskForm):
    region = SelectField(_l("以谁的名义发布"), coerce=int, validate_choice=False,
                         validators=[DataRequired(REQUIRED)])
    section = SelectField(_l("类别"), choices=[("", _l("请选择"))] + list(SECTIONS.items()),
                          validators=[DataRequired(_l("请选择公开的类别。"))])
    year = IntegerField(_l("年度"), validators=[Optional(), NumberRange(2000, 2100, _l("年份不对。"))])
    title = StringField(_l("标题"), validators=[DataRequired(REQUIRED), Length(max=120)])
    body = TextAreaField(_l("内容（政策填原文）"), validators=[DataRequired(REQUIRED)])
    interpretation = TextAreaField(_l("政策解读（用大白话讲清楚，政策必填）"), validators=[Optional()])
    files = MultipleFileField(_l("附件（图片或 PDF，最多9个）"), render_kw={"accept": "image/*,application/pdf"})
    members_only = BooleanField(_l("只对本地区村民公开"))


class TextForm(FlaskForm):
    text = TextAreaField(_l("进展"), validators=[DataRequired(REQUIRED), Length(max=2000)])


class CommentForm(FlaskForm):
    body = TextAreaField(_l("评论"), validators=[DataRequired(REQUIRED), Length(max=500)])


class HideForm(FlaskForm):
    reason = StringField(_l("隐藏原因"), validators=[DataRequired(_l("请写明隐藏的原因。")), Length(max=200)])
