from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

REQUIRED = _l("这一项必须填写。")


class ProcedureForm(FlaskForm):
    name = StringField(_l("事项名称"), validators=[DataRequired(REQUIRED), Length(max=60)])
    basis = TextAreaField(_l("依据（可不填）"), validators=[Optional(), Length(max=2000)])
    steps = TextAreaField(_l("步骤：每行一步，名称｜谁决定｜天数"), validators=[DataRequired(REQUIRED)])


class MatterForm(FlaskForm):
    title = StringField(_l("事项标题"), validators=[DataRequired(REQUIRED), Length(max=120)])


class StepForm(FlaskForm):
    note = TextAreaField(_l("这一步的结果"), validators=[DataRequired(REQUIRED), Length(max=2000)])
