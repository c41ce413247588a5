"""Forms of the services hall: few, big fields; each works without JavaScript."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FileField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from .models import GROUPS, KINDS, RATINGS, SPECIALTIES

REQUIRED = _l("这一项必须填写。")


class AskForm(FlaskForm):
    kind = RadioField(_l("想怎么办"), choices=list(KINDS.items()), default="ask",
                      validators=[InputRequired(_l("请选择在线咨询还是上门服务。"))])
    text = TextAreaField(_l("想问什么、想办什么"), validators=[DataRequired(REQUIRED), Length(max=1000)])
    address = StringField(_l("上门地址（上门服务要填）"), validators=[Optional(), Length(max=120)])
    for_phone = StringField(_l("替谁提出（村民手机号，可不填）"), validators=[Optional(), Length(max=16)],
                            render_kw={"inputmode": "numeric"})


class NoteForm(FlaskForm):
    note = TextAreaField(_l("答复（村民会看到）"), validators=[DataRequired(REQUIRED), Length(max=2000)])


class ScheduleForm(FlaskForm):
    day = DateField(_l("上门日期"), validators=[InputRequired(_l("请选择日期。"))])
    time = TimeField(_l("大约几点"), validators=[InputRequired(_l("请选择时间。"))])
    note = StringField(_l("说明（可不填）"), validators=[Optional(), Length(max=500)])


class DoneForm(FlaskForm):
    note = TextAreaField(_l("办了什么（村民会看到）"), validators=[DataRequired(REQUIRED), Length(max=2000)])
    photo = FileField(_l("照片（可不传）"), render_kw={"accept": "image/*"})


class RateForm(FlaskForm):
    rating = RadioField(_l("这次服务怎么样"), choices=list(RATINGS.items()),
                        validators=[InputRequired(_l("请选择满意、基本满意或不满意。"))])
    note = StringField(_l("还想说的（可不填）"), validators=[Optional(), Length(max=500)])


class GuideForm(FlaskForm):
    group = SelectField(_l("类别"), choices=list(GROUPS.items()), validators=[InputRequired(REQUIRED)])
    title = StringField(_l("事项名称"), validators=[DataRequired(REQUIRED), Length(max=60)])
    purpose = TextAreaField(_l("办什么用"), validators=[Optional(), Length(max=1000)])
    who = TextAreaField(_l("谁可以办"), validators=[Optional(), Length(max=1000)])
    materials = TextAreaField(_l("要带的材料（一行一项）"), validators=[Optional(), Length(max=3000)])
    place = StringField(_l("在哪里办"), validators=[Optional(), Length(max=120)])
    hours = StringField(_l("办理时间"), validators=[Optional(), Length(max=80)])
    phone = StringField(_l("咨询电话"), validators=[Optional(), Length(max=20)], render_kw={"inputmode": "tel"})
    fees = StringField(_l("收费"), validators=[Optional(), Length(max=80)])
    duration = StringField(_l("多久办好"), validators=[Optional(), Length(max=80)])
    online_name = StringField(_l("网上办理的平台（如：浙里办）"), validators=[Optional(), Length(max=40)])
    online_url = StringField(_l("网上办理的网址"), validators=[Optional(), Length(max=300)],
                             render_kw={"inputmode": "url", "placeholder": "https://"})
    specialty = SelectField(_l("谁来答复（不选：按类别）"), choices=[("", _l("按类别"))] + list(SPECIALTIES.items()),
                            validators=[Optional()])
    active = BooleanField(_l("在办事大厅里显示"), default=True)


class MemberForm(FlaskForm):
    name = StringField(_l("姓名"), validators=[DataRequired(REQUIRED), Length(max=40)])
    title = StringField(_l("职务（如：联片民警）"), validators=[Optional(), Length(max=40)])
    specialty = SelectField(_l("专长（请求按专长分给他）"), choices=list(SPECIALTIES.items()),
                            validators=[InputRequired(REQUIRED)])
    phone = StringField(_l("电话"), validators=[Optional(), Length(max=20)], render_kw={"inputmode": "tel"})
    phone_public = BooleanField(_l("电话对所有人公开（不勾：只给本村认证村民看）"))
    hours = StringField(_l("服务时间"), validators=[Optional(), Length(max=80)])
    account_phone = StringField(_l("他在“村里”的账号手机号（有账号才能在线接单）"), validators=[Optional(), Length(max=16)],
                                render_kw={"inputmode": "numeric"})
    photo = FileField(_l("照片（可不传）"), render_kw={"accept": "image/*"})
    active = BooleanField(_l("在团队里"), default=True)


class EntryForm(FlaskForm):
    name = StringField(_l("名称（如：村卫生室）"), validators=[DataRequired(REQUIRED), Length(max=60)])
    phone = StringField(_l("电话"), validators=[DataRequired(REQUIRED), Length(max=20)], render_kw={"inputmode": "tel"})
    hours = StringField(_l("时间"), validators=[Optional(), Length(max=80)])
    note = StringField(_l("说明"), validators=[Optional(), Length(max=200)])
    is_public = BooleanField(_l("对所有人公开（不勾：只给本村认证村民看）"))
