from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Regexp

REQUIRED = _l("这一项必须填写。")


class RegionForm(FlaskForm):
    level = SelectField(_l("类别"), validators=[DataRequired(REQUIRED)])
    code = StringField(_l("代码（字母、数字或短横线）"), validators=[
        DataRequired(REQUIRED), Length(max=32),
        Regexp(r"^[A-Za-z0-9\-]+$", message=_l("代码只能用字母、数字和短横线。"))])
    name = StringField(_l("名称"), validators=[DataRequired(REQUIRED), Length(max=64)])


class RenameForm(FlaskForm):
    name = StringField(_l("名称"), validators=[DataRequired(REQUIRED), Length(max=64)])
