"""为村课堂: the lessons by topic with my progress, one lesson, finishing it; publishing; the
party branch's study record."""
from datetime import datetime, time

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import media
from ..auth import (
    authorised,
    lesson_regions,
    may_learn,
    may_publish_lessons,
    may_see_party_study,
    require,
    signed_in,
)
from ..htmx import render
from ..i18n import BEIJING
from ..regions.queries import region_by_id
from ..submit import ButtonForm, press, submit
from . import bp, services
from .forms import LessonForm
from .models import TOPICS
from .queries import finished_by, lesson_by_id, lessons_for, party_study


@bp.route("/classes")
def index():
    topic = request.args.get("topic") if request.args.get("topic") in TOPICS else ""
    village = current_user.village if signed_in(current_user) else None
    lessons = lessons_for(village, topic)
    done = finished_by(current_user.id) if signed_in(current_user) else set()
    publish_here = list(dict.fromkeys(lesson_regions(current_user)))
    return render("classes/index.html", lessons=lessons, topic=topic, topics=TOPICS, done=done,
                  publish_here=publish_here or None,
                  party_village=village if village is not None and may_see_party_study(current_user, village) else None)


@bp.route("/classes/<int:lesson_id>")
def lesson(lesson_id):
    found = lesson_by_id(lesson_id)
    if found is None or not found.active and not may_publish_lessons(current_user, found.region):
        abort(404)
    return render("classes/lesson.html", lesson=found, button_form=ButtonForm(),
                  finished=signed_in(current_user) and found.id in finished_by(current_user.id),
                  may_edit=may_publish_lessons(current_user, found.region))


@bp.route("/classes/<int:lesson_id>/<any(photo, audio, video):kind>")
def lesson_media(lesson_id, kind):
    found = lesson_by_id(lesson_id) or abort(404)
    path = {"photo": found.picture_path, "audio": found.audio_path, "video": found.video_path}[kind]
    mime = {"photo": "image/jpeg", "audio": found.audio_mime, "video": found.video_mime}[kind]
    return media.send_stored(path, mimetype=mime or "application/octet-stream", public=True)


@bp.route("/classes/<int:lesson_id>/done", methods=["POST"])
@login_required
def finish(lesson_id):
    found = authorised(lesson_by_id(lesson_id), may_learn)
    return press(lambda: services.finish_lesson(current_user, found),
                 done=_("学完了！"), then=lambda _r: url_for("classes.lesson", lesson_id=found.id))


def _region():
    return region_by_id(request.args.get("region")) or current_user.village or abort(404)


def _form_page(region, form, found=None):
    return render("classes/lesson_form.html", form=form, region=region, lesson=found)


def _values(form) -> dict:
    return {name: f.data for name, f in form._fields.items() if name not in ("csrf_token", "picture", "audio", "video")}


@bp.route("/classes/new", methods=["GET", "POST"])
@login_required
def new_lesson():
    region = _region()
    require(may_publish_lessons(current_user, region))
    if request.method == "GET":
        return _form_page(region, LessonForm(formdata=None))
    return submit(LessonForm(), lambda f, files: services.save_lesson(current_user, region, _values(f), files),
                  done=_("课堂内容已发布。"), then=lambda found: url_for("classes.lesson", lesson_id=found.id),
                  again=lambda f: _form_page(region, f), prepare=lambda _f: services.prepare_media(request.files))


@bp.route("/classes/<int:lesson_id>/edit", methods=["GET", "POST"])
@login_required
def edit_lesson(lesson_id):
    found = lesson_by_id(lesson_id) or abort(404)
    require(may_publish_lessons(current_user, found.region))
    if request.method == "GET":
        return _form_page(found.region, LessonForm(formdata=None, obj=found), found)
    return submit(LessonForm(), lambda f, files: services.save_lesson(current_user, found.region, _values(f), files,
                                                                      found),
                  done=_("已保存。"), then=lambda _l: url_for("classes.lesson", lesson_id=found.id),
                  again=lambda f: _form_page(found.region, f, found), prepare=lambda _f: services.prepare_media(request.files))


@bp.route("/classes/party")
@login_required
def party():
    village = region_by_id(request.args.get("village")) or current_user.village or abort(404)
    require(may_see_party_study(current_user, village))
    year = datetime.now(BEIJING).year
    return render("classes/party.html", village=village, year=year,
                  rows=party_study(village.id, datetime.combine(datetime(year, 1, 1).date(), time.min, BEIJING)))
