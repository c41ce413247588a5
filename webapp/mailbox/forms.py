from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FileField, TextAreaField
from wtforms.validators import DataRequired, Length

REQUIRED = _l("这一项必须填写。")


class LetterForm(FlaskForm):
    body = TextAreaField(_l("想对书记说的话"), validators=[DataRequired(REQUIRED), Length(max=2000)])
    photo = FileField(_l("照片（可不加）"), render_kw={"accept": "image/*"})
    voice = FileField(_l("语音（可不加）"), render_kw={"accept": "audio/*", "capture": ""})
    is_private = BooleanField(_l("不公开（只有书记和村干部能看到）"))


class AnswerForm(FlaskForm):
    answer = TextAreaField(_l("回复"), validators=[DataRequired(REQUIRED), Length(max=2000)])
