"""Forms of the village circle: big fields, few of them; each works without JavaScript."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FileField,
    HiddenField,
    IntegerField,
    MultipleFileField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from .models import CATEGORIES, DECISIONS, REASONS, TIP_KINDS

REQUIRED = _l("这一项必须填写。")


class PostForm(FlaskForm):
    category = RadioField(_l("发什么"), choices=list(CATEGORIES.items()), default="life",
                          validators=[InputRequired(_l("请选择类别。"))])
    text = TextAreaField(_l("说点什么"), validators=[Optional(), Length(max=2000)])
    photos = MultipleFileField(_l("照片（最多9张）"), render_kw={"accept": "image/*"})
    video = FileField(_l("短视频（25MB以内）"), render_kw={"accept": "video/*"})
    poster = FileField(_l("视频封面（可不传）"), render_kw={"accept": "image/*"})
    price = StringField(_l("价格（卖农产品时填）"), validators=[Optional(), Length(max=20)])
    unit = StringField(_l("单位（如：斤）"), validators=[Optional(), Length(max=10)])
    how_to_buy = StringField(_l("怎么买（电话或微信号）"), validators=[Optional(), Length(max=60)])
    client_ref = HiddenField()


class CommentForm(FlaskForm):
    text = TextAreaField(_l("写评论"), validators=[DataRequired(REQUIRED), Length(max=500)])
    parent = HiddenField()


class ReportForm(FlaskForm):
    reason = RadioField(_l("为什么举报"), choices=list(REASONS.items()), validators=[InputRequired(_l("请选择举报原因。"))])
    note = StringField(_l("补充说明（可不填）"), validators=[Optional(), Length(max=200)])


class DecideForm(FlaskForm):
    decision = RadioField(_l("处理"), choices=list(DECISIONS.items()),
                          validators=[InputRequired(_l("请选择保留、隐藏还是删除。"))])
    reason = StringField(_l("原因（作者会看到）"), validators=[Optional(), Length(max=200)])


class AppealForm(FlaskForm):
    text = TextAreaField(_l("申诉理由（只能申诉一次）"), validators=[DataRequired(REQUIRED), Length(max=500)])


class MuteForm(FlaskForm):
    days = IntegerField(_l("暂停发言几天"), default=7, validators=[InputRequired(REQUIRED), NumberRange(1, 90)])
    reason = StringField(_l("原因（本人会看到）"), validators=[DataRequired(REQUIRED), Length(max=200)])


class OfferForm(FlaskForm):
    offer = StringField(_l("我卖什么、能帮什么（写在名片上）"), validators=[Optional(), Length(max=120)])


class ActivityForm(FlaskForm):
    title = StringField(_l("活动名称"), validators=[DataRequired(REQUIRED), Length(max=60)])
    place = StringField(_l("地点"), validators=[DataRequired(REQUIRED), Length(max=80)])
    starts_at = DateTimeLocalField(_l("开始时间"), format="%Y-%m-%dT%H:%M",
                                   validators=[InputRequired(_l("请选择开始时间。"))])
    signup_until = DateTimeLocalField(_l("报名截止（不填：开始前1小时）"), format="%Y-%m-%dT%H:%M", validators=[Optional()])
    capacity = IntegerField(_l("人数上限"), default=30, validators=[InputRequired(REQUIRED), NumberRange(1, 2000)])
    text = TextAreaField(_l("说明"), validators=[Optional(), Length(max=2000)])


class CallOffForm(FlaskForm):
    reason = StringField(_l("原因（报名的人会收到短信）"), validators=[DataRequired(REQUIRED), Length(min=2, max=200)])


class NewsForm(FlaskForm):
    title = StringField(_l("标题"), validators=[DataRequired(REQUIRED), Length(max=60)])
    text = TextAreaField(_l("内容"), validators=[Optional(), Length(max=3000)])
    photo = FileField(_l("照片（可不传）"), render_kw={"accept": "image/*"})
    tip_kind = SelectField(_l("是安全提示吗"), choices=[("", _l("不是，是本地新闻"))] + list(TIP_KINDS.items()),
                           validators=[Optional()])
    pinned = BooleanField(_l("置顶在辖区每个村民的首页（乡镇、县）"))


class WeatherForm(FlaskForm):
    text = StringField(_l("今天的天气"), validators=[DataRequired(REQUIRED), Length(max=60)],
                       render_kw={"placeholder": _l("例如：多云转小雨 18-24℃")})


class WordsForm(FlaskForm):
    words = FileField(_l("敏感词文件（文本文件，每行一个词）"))
