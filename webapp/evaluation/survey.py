"""The villagers' quarterly rating of their village party branch and service team (群众测评,
seed 001: "网络群众测评…作为基层党组织绩效考核的重要组成部分").

Each verified villager answers once a quarter for their own village: four questions scored 1–5
and a comment. Who answered (SurveyAnswer) and what was answered (SurveyResponse: a random id,
the day, no person) are two rows, so a cadre — or anyone reading the database — sees that a
villager took part, never what they said. A village's averages are shown only from three
answers up; the comments only to the township and county, never to the village's own cadres."""
import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..audit.services import record
from ..auth import may_answer_survey
from ..database import utcnow
from ..extensions import db
from ..i18n import BEIJING
from ..regions.models import TOWNSHIP, VILLAGE, Region
from ..service import ServiceError
from .models import SurveyAnswer, SurveyResponse
from .periods import quarter_of, quarters_of_year

QUESTIONS = {
    "branch": _l("村党组织联系群众、带头为村民办实事"),
    "speed": _l("村服务团队处理大家反映的问题及时"),
    "result": _l("村服务团队办事的结果让人满意"),
    "openness": _l("村务、财务公开及时、真实"),
}
SCALE = {5: _l("很满意"), 4: _l("满意"), 3: _l("一般"), 2: _l("不满意"), 1: _l("很不满意")}
MIN_SHOWN = 3  # fewer answers than this and a village's averages are not shown: too easy to guess
COMMENT_LENGTH = 200


def has_answered(user, quarter: str) -> bool:
    return bool(user.village_id and db.session.scalar(select(SurveyAnswer.id).where(
        SurveyAnswer.user_id == user.id, SurveyAnswer.village_id == user.village_id,
        SurveyAnswer.quarter == quarter)))


def answer_survey(user, village: Region, scores: dict, comment: str = "", now=None) -> str:
    """Records one villager's answer for this quarter; returns the quarter."""
    now = now or utcnow()
    if not may_answer_survey(user, village):
        raise ServiceError(_l("只有本村已认证的村民才能参加本村的群众测评。"))
    quarter = quarter_of(now)
    cleaned = {}
    for key in QUESTIONS:
        try:
            cleaned[key] = int(scores.get(key))
        except (TypeError, ValueError):
            cleaned[key] = 0
        if cleaned[key] not in SCALE:
            raise ServiceError(_l("每一项都请选一个评价（1 到 5 分）。"), key)
    comment = " ".join((comment or "").split())
    if len(comment) > COMMENT_LENGTH:
        raise ServiceError(_l("意见请写在 %(n)s 个字以内。", n=COMMENT_LENGTH), "comment")
    answer = SurveyAnswer(user_id=user.id, village_id=village.id, quarter=quarter)
    try:
        with db.session.begin_nested():
            db.session.add(answer)
            db.session.flush()
    except IntegrityError:
        raise ServiceError(_l("你这个季度已经参加过测评了，下个季度再来。")) from None
    db.session.add(SurveyResponse(id=secrets.token_hex(16), village_id=village.id, quarter=quarter, scores=cleaned,
                                  comment=comment, day=now.astimezone(BEIJING).date()))
    # The audit says who took part, as the paper ballot's register would; never the answers.
    record(user, "survey.answered", answer, object_type="survey_answer", region=village.id, quarter=quarter)
    return quarter


def survey_results(region: Region, quarters: list[str]) -> dict[int, dict]:
    """Per village of a township (or per township of the county), over the quarters together:
    how many answered and, from MIN_SHOWN answers up, the average of each question and of all
    four."""
    gathered: dict[int, list[dict]] = {}
    for _quarter, unit, scores in _answers(region, quarters):
        gathered.setdefault(unit, []).append(scores)
    return {unit: _summary(answers) for unit, answers in gathered.items()}


def survey_by_quarter(region: Region, quarters: list[str]) -> dict[str, dict[int, dict]]:
    """The same, quarter by quarter, in one read."""
    gathered: dict[str, dict[int, list[dict]]] = {q: {} for q in quarters}
    for quarter, unit, scores in _answers(region, quarters):
        gathered[quarter].setdefault(unit, []).append(scores)
    return {q: {unit: _summary(answers) for unit, answers in units.items()} for q, units in gathered.items()}


def _answers(region: Region, quarters: list[str]) -> list[tuple[str, int, dict]]:
    """(quarter, village or township, scores) of every answer in the region's villages."""
    rows = db.session.execute(
        select(SurveyResponse.quarter, SurveyResponse.village_id, Region.parent_id, SurveyResponse.scores)
        .join(Region, Region.id == SurveyResponse.village_id)
        .where(Region.path.startswith(region.path), Region.level == VILLAGE, SurveyResponse.quarter.in_(quarters))).all()
    # In the county's view each village's answers count for its township.
    return [(q, village if region.level == TOWNSHIP else township, scores) for q, village, township, scores in rows]


def _summary(answers: list[dict]) -> dict:
    summary = {"answers": len(answers)}
    if len(answers) >= MIN_SHOWN:
        for key in QUESTIONS:
            summary[key] = round(sum(a.get(key, 0) for a in answers) / len(answers), 2)
        summary["overall"] = round(sum(summary[k] for k in QUESTIONS) / len(QUESTIONS), 2)
    return summary


def comments_of(village: Region, quarter: str, limit: int = 50) -> list[str]:
    """The comments of a village's quarter, in no meaningful order (by their random ids)."""
    return [c for c in db.session.scalars(select(SurveyResponse.comment).where(
        SurveyResponse.village_id == village.id, SurveyResponse.quarter == quarter, SurveyResponse.comment != "")
        .order_by(SurveyResponse.id).limit(limit))]


def answered_count(village_id: int, quarter: str) -> int:
    return int(db.session.scalar(select(func.count()).select_from(SurveyResponse).where(
        SurveyResponse.village_id == village_id, SurveyResponse.quarter == quarter)) or 0)


def year_quarters(year: str) -> list[str]:
    return quarters_of_year(year)


def current_quarter(now: datetime | None = None) -> str:
    return quarter_of(now or utcnow())
