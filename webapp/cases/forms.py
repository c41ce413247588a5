"""Forms of the reports area. Fields are few and big; the report form works without JavaScript
(the page script only shrinks photos first and keeps reports written offline)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FileField,
    HiddenField,
    IntegerField,
    MultipleFileField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..params import as_id
from .models import CATEGORIES, DEPARTMENTS, RATINGS

REQUIRED = _l("这一项必须填写。")


class ReportForm(FlaskForm):
    category = RadioField(_l("是什么问题"), choices=list(CATEGORIES.items()),
                          validators=[DataRequired(_l("请选择问题的类别。"))])
    text = TextAreaField(_l("说一说情况"), validators=[DataRequired(REQUIRED), Length(max=2000)])
    photos = MultipleFileField(_l("照片（最多6张）"), render_kw={"accept": "image/*"})
    voice = FileField(_l("语音（60秒以内）"), render_kw={"accept": "audio/*", "capture": ""})
    video = FileField(_l("短视频"), render_kw={"accept": "video/*", "capture": ""})
    location = StringField(_l("地点（可不填）"), validators=[Optional(), Length(max=120)])
    is_public = BooleanField(_l("公开（别人只看到你的姓，看不到全名）"), default=True)
    reporter_phone = StringField(_l("替谁反映（村民手机号，可不填）"), validators=[Optional(), Length(max=16)],
                                 render_kw={"inputmode": "numeric"})
    client_ref = HiddenField()


INTERNAL = _l("内部说明（只给办理人员看，反映人看不到；可不填）")


class NoteForm(FlaskForm):
    """An answer or the outcome: the reporter reads it."""

    note = TextAreaField(_l("答复（反映人会看到）"), validators=[Optional(), Length(max=2000)])


class InternalNoteForm(FlaskForm):
    note = TextAreaField(INTERNAL, validators=[Optional(), Length(max=2000)])


class ReasonForm(FlaskForm):
    note = TextAreaField(_l("原因（只给办理人员看）"), validators=[DataRequired(REQUIRED), Length(max=2000)])


def _member_id(value) -> int:
    return as_id(value) or 0  # "请选择" posts "", which DataRequired then refuses in Chinese


class AssignForm(FlaskForm):
    member = SelectField(_l("交给谁办"), coerce=_member_id, validate_choice=False,
                         validators=[DataRequired(_l("请选择本村服务团队的成员。"))])
    note = TextAreaField(INTERNAL, validators=[Optional(), Length(max=2000)])


class DispatchForm(FlaskForm):
    department = SelectField(_l("分流到"), choices=[("", _l("请选择"))] + list(DEPARTMENTS.items()),
                             validators=[DataRequired(_l("请选择分流到哪个平台。"))])
    note = TextAreaField(INTERNAL, validators=[Optional(), Length(max=2000)])


class RateForm(FlaskForm):
    rating = RadioField(_l("对处理结果"), choices=list(RATINGS.items()),
                        validators=[DataRequired(_l("请选择满意、基本满意或不满意。"))])
    note = TextAreaField(_l("还想说的（可不填）"), validators=[Optional(), Length(max=500)])


class SessionForm(FlaskForm):
    note = TextAreaField(_l("这次调解的情况（只有当事人、调解员和律师能看到）"),
                         validators=[DataRequired(REQUIRED), Length(max=2000)])


class AgreementForm(FlaskForm):
    note = TextAreaField(_l("双方达成的协议，或调解没有成功的原因"), validators=[DataRequired(REQUIRED), Length(max=2000)])


class MediationForm(FlaskForm):
    other_phone = StringField(_l("另一方当事人手机号（可不填）"), validators=[Optional(), Length(max=16)],
                              render_kw={"inputmode": "numeric"})


class DeadlineForm(FlaskForm):
    response_hours = IntegerField(_l("网格员响应期限（小时）"), validators=[
        DataRequired(REQUIRED), NumberRange(1, 240, _l("请填1到240之间的整数。"))])
    village_days = IntegerField(_l("村服务团队处置期限（天）"), validators=[
        DataRequired(REQUIRED), NumberRange(1, 60, _l("请填1到60之间的整数。"))])
    township_days = IntegerField(_l("乡镇处置期限（天）"), validators=[
        DataRequired(REQUIRED), NumberRange(1, 90, _l("请填1到90之间的整数。"))])
