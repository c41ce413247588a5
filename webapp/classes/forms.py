from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FileField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from .models import TOPICS


class LessonForm(FlaskForm):
    topic = SelectField(_l("类别"), choices=list(TOPICS.items()), validators=[InputRequired(_l("请选择课堂类别。"))])
    title = StringField(_l("标题"), validators=[DataRequired(_l("这一项必须填写。")), Length(max=80)])
    body = TextAreaField(_l("正文（短一点，一段一个意思）"), validators=[Optional(), Length(max=6000)])
    minutes = IntegerField(_l("大约学几分钟"), default=5, validators=[InputRequired(_l("请填分钟数。")),
                                                                    NumberRange(1, 60, _l("学习时长请填 1 到 60 分钟。"))])
    picture = FileField(_l("配图（会自动缩小）"), render_kw={"accept": "image/*"})
    audio = FileField(_l("音频（MP3/M4A/OGG，64 kbps 以下）"), render_kw={"accept": "audio/*"})
    video = FileField(_l("小视频（8MB 以内）"), render_kw={"accept": "video/*"})
    active = BooleanField(_l("上线"), default=True)
