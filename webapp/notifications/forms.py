from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, TimeField
from wtforms.validators import InputRequired

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
