"""Requests: asking (for oneself, or a grid worker or cadre for a villager), the request's page
with its timeline, and what its member, the cadres or the township do on it."""
from datetime import datetime

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import media
from ..accounts.queries import user_by_phone
from ..accounts.services import normalise_phone
from ..auth import (
    authorised,
    may_ask,
    may_ask_for_others,
    may_handle_request,
    may_rate_request,
    may_view_request,
    require,
)
from ..htmx import render
from ..i18n import BEIJING
from ..service import ServiceError
from ..submit import submit
from . import bp, services
from .forms import AskForm, DoneForm, NoteForm, RateForm, ScheduleForm
from .models import KINDS, RATINGS
from .queries import guide_by_id, my_requests, request_by_id, requests_to_handle


def _ask_page(form=None):
    guide = guide_by_id(request.args.get("guide"))
    village = current_user.village
    form = form or AskForm(formdata=None, kind=request.args.get("kind") if request.args.get("kind") in KINDS else "ask")
    return render("hall/ask.html", form=form, guide=guide,
                  for_others=village is not None and may_ask_for_others(current_user, village))


def _may_ask_somewhere(user) -> bool:
    village = user.village
    return village is not None and (may_ask(user, village) or may_ask_for_others(user, village))


@bp.route("/hall/ask")
@login_required
def ask_form():
    require(_may_ask_somewhere(current_user))
    return _ask_page()


def _requester(form):
    phone = (form.for_phone.data or "").strip()
    if not phone:
        return current_user
    found = user_by_phone(normalise_phone(phone))
    if found is None or found.village_id != current_user.village_id:
        raise ServiceError(_("没有找到本村这个手机号的村民。"), "for_phone")
    return found


@bp.route("/hall/requests", methods=["POST"])
@login_required
def ask():
    require(_may_ask_somewhere(current_user))
    guide = guide_by_id(request.args.get("guide") or request.form.get("guide"))
    return submit(AskForm(), lambda f: services.ask(current_user, _requester(f), f.kind.data, f.text.data, guide,
                                                    f.address.data),
                  done=_("已送到服务团队，答复后会通知你。"), then=lambda r: url_for("hall.show_request", request_id=r.id),
                  again=_ask_page)


@bp.route("/hall/requests")
@login_required
def requests_page():
    return render("hall/requests.html", mine=my_requests(current_user), to_handle=requests_to_handle(current_user))


def _page(found, **forms):
    forms.setdefault("note_form", NoteForm(formdata=None))
    forms.setdefault("schedule_form", ScheduleForm(formdata=None))
    forms.setdefault("done_form", DoneForm(formdata=None))
    forms.setdefault("rate_form", RateForm(formdata=None))
    return render("hall/request.html", req=found, ratings=RATINGS, may_handle=may_handle_request(current_user, found),
                  may_rate=may_rate_request(current_user, found), **forms)


@bp.route("/hall/requests/<int:request_id>")
@login_required
def show_request(request_id):
    return _page(authorised(request_by_id(request_id), may_view_request))


def _visit_at(form) -> datetime:
    return datetime.combine(form.day.data, form.time.data, BEIJING)


@bp.route("/hall/requests/<int:request_id>/<any(answer, schedule, done, rate):action>", methods=["POST"])
@login_required
def act(request_id, action):
    found = authorised(request_by_id(request_id), may_view_request)
    then = lambda _r: url_for("hall.show_request", request_id=found.id)  # noqa: E731
    if action == "answer":
        return submit(NoteForm(), lambda f: services.answer(current_user, found, f.note.data), then=then,
                      done=_("已答复，村民会收到通知。"), again=lambda f: _page(found, note_form=f))
    if action == "schedule":
        return submit(ScheduleForm(), lambda f: services.schedule(current_user, found, _visit_at(f), f.note.data),
                      then=then, done=_("上门时间已告诉村民。"), again=lambda f: _page(found, schedule_form=f))
    if action == "done":
        return submit(DoneForm(), lambda f, photo: services.record_done(current_user, found, f.note.data, photo),
                      then=then, done=_("已记下，村民会收到通知并评价。"), again=lambda f: _page(found, done_form=f),
                      prepare=lambda _f: services.prepare_photo(request.files.get("photo")))
    return submit(RateForm(), lambda f: services.rate(current_user, found, f.rating.data, f.note.data), then=then,
                  done=_("谢谢你的评价！"), again=lambda f: _page(found, rate_form=f))


@bp.route("/hall/requests/<int:request_id>/photo")
@login_required
def request_photo(request_id):
    found = authorised(request_by_id(request_id), may_view_request)
    if not found.photo_path:
        abort(404)
    return media.send_stored(found.photo_path)
