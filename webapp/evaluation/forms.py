from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, Length

from .survey import COMMENT_LENGTH, QUESTIONS, SCALE


class SurveyForm(FlaskForm):
    """One 1–5 choice per question (fields q_<key>), and a comment."""

    comment = TextAreaField(_l("还想说的话（可以不写，村干部看不到）"), validators=[Length(max=COMMENT_LENGTH)])


for _key, _question in QUESTIONS.items():
    setattr(SurveyForm, f"q_{_key}", RadioField(_question, choices=[(str(n), label) for n, label in SCALE.items()],
                                                validators=[InputRequired(_l("请选一个评价。"))]))
