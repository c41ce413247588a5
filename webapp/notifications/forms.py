from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import InputRequired, Length

from .broadcasts import RESEND_CHOICES
from .models import HAZARDS
from .preferences import GROUPS

SMS_CHOICES = [("default", _l("重要的才发短信")), ("on", _l("都发短信")), ("off", _l("不发短信"))]


class PreferencesForm(FlaskForm):
    """One SMS choice and one digest box per group of events (fields sms_<group>, digest_<group>),
    and the quiet hours."""

    quiet_from = TimeField(_l("免打扰：从"), validators=[InputRequired(_l("请选择时间。"))])
    quiet_to = TimeField(_l("到"), validators=[InputRequired(_l("请选择时间。"))])


for _group in GROUPS:
    setattr(PreferencesForm, f"sms_{_group}", SelectField(_l("短信"), choices=SMS_CHOICES, default="default"))
    setattr(PreferencesForm, f"digest_{_group}", BooleanField(_l("每天傍晚合成一条短信")))


class BroadcastForm(FlaskForm):
    region = SelectField(_l("发给哪里的所有人"), coerce=int)
    hazard = RadioField(_l("什么紧急情况"), choices=[(k, v) for k, v in HAZARDS.items()],
                        validators=[InputRequired(_l("请选择是什么紧急情况。"))])
    title = StringField(_l("标题"), validators=[InputRequired(_l("这一项必须填写。")), Length(max=40)],
                        render_kw={"placeholder": _l("例如：今晚台风登陆，请勿外出")})
    body = TextAreaField(_l("内容（短信最多300字）"), validators=[InputRequired(_l("这一项必须填写。")), Length(max=300)])
    resend_after = SelectField(_l("多久没看就再发一次短信"), coerce=int, default=30,
                               choices=[(m, _l("%(m)s 分钟", m=m)) for m in RESEND_CHOICES])
