from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    FileField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

REQUIRED = _l("这一项必须填写。")


class DrawForm(FlaskForm):
    title = StringField(_l("抽谁、为了什么"), validators=[DataRequired(REQUIRED), Length(max=80)],
                        render_kw={"placeholder": _l("例如：村道硬化议事会村民代表")})
    seats = IntegerField(_l("抽几个人"), validators=[InputRequired(REQUIRED), NumberRange(1, 50, _l("请填 1 到 50。"))],
                         render_kw={"inputmode": "numeric"})
    witness_1 = SelectField(_l("见证人一"), coerce=int)
    role_1 = StringField(_l("见证人一的身份"), default=_l("村党组织书记"), validators=[Length(max=32)])
    witness_2 = SelectField(_l("见证人二"), coerce=int)
    role_2 = StringField(_l("见证人二的身份"), default=_l("村务监督委员会委员"), validators=[Length(max=32)])
    witness_3 = SelectField(_l("见证人三"), coerce=int)
    role_3 = StringField(_l("见证人三的身份"), default=_l("村民代表"), validators=[Length(max=32)])


class CommitForm(FlaskForm):
    # The phone hashes the secret and sends only the hash; without JavaScript the secret is sent
    # once, hashed by the server and not kept.
    secret = StringField(_l("你的密语（至少16个字，自己记好，抽签时要再输一次）"),
                         validators=[Optional(), Length(max=200)], render_kw={"autocomplete": "off"})
    commitment = HiddenField()


class RevealForm(FlaskForm):
    secret = StringField(_l("你的密语"), validators=[DataRequired(REQUIRED), Length(max=200)],
                         render_kw={"autocomplete": "off"})


class NumberForm(FlaskForm):
    number = StringField(_l("公开的随机数（例如下一期福利彩票开奖号码）"),
                         validators=[DataRequired(REQUIRED), Length(max=64)])


class TopicForm(FlaskForm):
    title = StringField(_l("议题（一句话说清楚）"), validators=[DataRequired(REQUIRED), Length(max=80)],
                        render_kw={"placeholder": _l("例如：村口到学校的路要装路灯")})
    body = TextAreaField(_l("说明（可不写）"), validators=[Length(max=2000)])
    photo = FileField(_l("照片（可不加）"), render_kw={"accept": "image/*"})
    voice = FileField(_l("语音（可不加）"), render_kw={"accept": "audio/*", "capture": ""})


class AnswerForm(FlaskForm):
    answer = TextAreaField(_l("答复"), validators=[DataRequired(REQUIRED), Length(max=2000)])


class MergeForm(FlaskForm):
    into = SelectField(_l("和哪个议题是同一件事"), coerce=int)


class ThresholdForm(FlaskForm):
    threshold = IntegerField(_l("多少人支持可以进入筛选"), validators=[InputRequired(REQUIRED),
                                                               NumberRange(1, 1000, _l("请填 1 到 1000。"))],
                             render_kw={"inputmode": "numeric"})


class ScreeningForm(FlaskForm):
    topics = SelectMultipleField(_l("参加筛选的议题"), coerce=int, widget=ListWidget(prefix_label=False),
                                 option_widget=CheckboxInput())
    chosen = IntegerField(_l("选出几个议题"), default=1, validators=[InputRequired(REQUIRED),
                                                             NumberRange(1, 20, _l("请填 1 到 20。"))],
                          render_kw={"inputmode": "numeric"})
    days = IntegerField(_l("投票几天"), default=7, validators=[InputRequired(REQUIRED),
                                                          NumberRange(1, 30, _l("请填 1 到 30。"))],
                        render_kw={"inputmode": "numeric"})


# ---- meetings ---------------------------------------------------------------------------------

INVITEE_KIND_LABELS = [("affected", _l("利益相关村民")), ("expert", _l("专家")), ("organisation", _l("社会组织")),
                       ("township", _l("乡镇联络员")), ("representative", _l("村民代表"))]


class MeetingForm(FlaskForm):
    title = StringField(_l("议事会名称"), validators=[DataRequired(REQUIRED), Length(max=80)])
    starts_at = DateTimeLocalField(_l("时间"), format="%Y-%m-%dT%H:%M",
                                   validators=[InputRequired(_l("请选择时间。"))])
    place = StringField(_l("地点"), validators=[DataRequired(REQUIRED), Length(max=80)],
                        render_kw={"placeholder": _l("例如：村委会二楼会议室")})
    agenda = TextAreaField(_l("议程（一行一项）"), validators=[DataRequired(REQUIRED), Length(max=2000)])
    draw = SelectField(_l("村民代表（来自哪次抽签）"), coerce=int)


class OpinionForm(FlaskForm):
    kind = RadioField(_l("这是"), choices=[("opinion", _l("意见")), ("question", _l("提问"))], default="opinion")
    agenda_item = SelectField(_l("关于哪项议程"), coerce=int)
    text = TextAreaField(_l("你的意见或问题"), validators=[Length(max=2000)])
    voice = FileField(_l("语音（可不加）"), render_kw={"accept": "audio/*", "capture": ""})


class SpeechForm(FlaskForm):
    speaker = StringField(_l("发言人"), validators=[DataRequired(REQUIRED), Length(max=40)])
    agenda_item = SelectField(_l("议程"), coerce=int)
    text = TextAreaField(_l("发言要点"), validators=[DataRequired(REQUIRED), Length(max=2000)])


class MinutesForm(FlaskForm):
    agenda_item = SelectField(_l("议程"), coerce=int)
    text = TextAreaField(_l("会议记录"), validators=[DataRequired(REQUIRED), Length(max=2000)])


class InviteForm(FlaskForm):
    person = SelectField(_l("本村村民（外来人员请选“不是本村的”并写名字）"), coerce=int)
    name = StringField(_l("名字和单位"), validators=[Length(max=40)])
    kind = SelectField(_l("身份"), choices=INVITEE_KIND_LABELS)
    note = StringField(_l("备注（可不写）"), validators=[Length(max=80)])


class DocumentForm(FlaskForm):
    name = StringField(_l("材料名称"), validators=[DataRequired(REQUIRED), Length(max=80)])
    file = FileField(_l("文件（照片或PDF）"), render_kw={"accept": "image/*,application/pdf"})


class AttendanceForm(FlaskForm):
    person = SelectField(_l("到会的村民"), coerce=int)


class DecisionForm(FlaskForm):
    question = StringField(_l("表决事项"), validators=[DataRequired(REQUIRED), Length(max=80)])
    options = TextAreaField(_l("选项（一行一个）"), default=_l("同意\n不同意"),
                            validators=[DataRequired(REQUIRED), Length(max=1000)])
    days = IntegerField(_l("投票几天"), default=3, validators=[InputRequired(REQUIRED),
                                                          NumberRange(1, 30, _l("请填 1 到 30。"))],
                        render_kw={"inputmode": "numeric"})


class ResolutionForm(FlaskForm):
    text = TextAreaField(_l("决议内容"), validators=[DataRequired(REQUIRED), Length(max=2000)])


class TaskForm(FlaskForm):
    title = StringField(_l("落实任务"), validators=[DataRequired(REQUIRED), Length(max=80)])
    owner = SelectField(_l("负责人"), coerce=int)
    due_on = DateField(_l("期限"), validators=[InputRequired(_l("请选择日期。"))])


class ProgressForm(FlaskForm):
    text = TextAreaField(_l("进展"), validators=[DataRequired(REQUIRED), Length(max=2000)])
    progress = IntegerField(_l("完成了百分之几"), validators=[InputRequired(REQUIRED),
                                                        NumberRange(0, 100, _l("请填 0 到 100。"))],
                            render_kw={"inputmode": "numeric"})
    photo = FileField(_l("照片（可不加）"), render_kw={"accept": "image/*"})


class FeedbackForm(FlaskForm):
    text = TextAreaField(_l("你对落实情况的看法"), validators=[DataRequired(REQUIRED), Length(max=500)])
