"""Publishing lessons and finishing them. A lesson's picture is resized like a report's photo;
its audio must be at most 64 kbit/s, its video at most 8 MB (media.py): light on data."""
from flask_babel import lazy_gettext as _l

from .. import media, signals
from ..audit.services import record
from ..auth import may_learn, may_publish_lessons
from ..database import insert_if_new, utcnow
from ..extensions import db
from ..service import ServiceError
from .models import TOPICS, Lesson, LessonDone


def prepare_media(files) -> dict:
    """The lesson's picture, audio and video, checked (and the picture resized) before the write."""
    return {"picture": media.prepare_photo(files.get("picture"), "classes", "picture"),
            "audio": media.prepare_lesson_audio(files.get("audio"), "classes"),
            "video": media.prepare_lesson_video(files.get("video"), "classes")}


def save_lesson(actor, region, values: dict, prepared: dict | None = None, lesson: Lesson | None = None) -> Lesson:
    if not may_publish_lessons(actor, region) or (lesson is not None and lesson.region_id != region.id):
        raise ServiceError(_l("你不能在这里发布课堂内容。"))
    if values.get("topic") not in TOPICS:
        raise ServiceError(_l("请选择课堂类别。"), "topic")
    title = " ".join((values.get("title") or "").split())
    if not 2 <= len(title) <= 80:
        raise ServiceError(_l("请写下标题（2到80字）。"), "title")
    body = (values.get("body") or "").strip()
    if len(body) > 6000:
        raise ServiceError(_l("正文请控制在6000字以内：短一点，村民更愿意看完。"), "body")
    try:
        minutes = int(values.get("minutes") or 5)
    except (TypeError, ValueError):
        minutes = 0
    if not 1 <= minutes <= 60:
        raise ServiceError(_l("学习时长请填 1 到 60 分钟。"), "minutes")
    new = lesson is None
    lesson = lesson or Lesson(region_id=region.id, created_by_id=actor.id, published_at=utcnow())
    lesson.topic, lesson.title, lesson.body, lesson.minutes = values["topic"], title, body, minutes
    lesson.active = bool(values.get("active", True))
    db.session.add(lesson)
    db.session.flush()
    prepared = prepared or {}
    if prepared.get("picture"):
        lesson.picture_path = media.keep(prepared["picture"]).path
    if prepared.get("audio"):
        kept = media.keep(prepared["audio"])
        lesson.audio_path, lesson.audio_mime = kept.path, kept.mime
    if prepared.get("video"):
        kept = media.keep(prepared["video"])
        lesson.video_path, lesson.video_mime = kept.path, kept.mime
    record(actor, "lesson.published" if new else "lesson.changed", lesson, object_type="lesson", region=region.id,
           title=title)
    return lesson


def finish_lesson(user, lesson: Lesson, now=None) -> bool:
    """The person finished the lesson: once (a second press changes nothing). Points follow
    through the points area's rule "lesson", where the county has one."""
    if not may_learn(user, lesson):
        raise ServiceError(_l("这节课已经下线了。"))
    now = now or utcnow()
    added = db.session.execute(insert_if_new(LessonDone, {"lesson_id": lesson.id, "user_id": user.id, "at": now})).first()
    if added is None:
        return False
    record(user, "lesson.finished", lesson, object_type="lesson", region=user.village_id)
    signals.send_after_commit(signals.lesson_finished, lesson, person_id=user.id, now=now)
    return True
