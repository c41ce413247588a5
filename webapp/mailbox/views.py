"""The mailbox page of a village, one letter, writing and answering."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import media
from ..auth import (
    authorised,
    may_answer_letter,
    may_answer_letters,
    may_read_mailbox,
    may_view_letter,
    may_view_mailbox_overview,
    may_write_to,
    overview_regions,
    require,
    requires,
    sees_private_letters,
)
from ..htmx import render
from ..params import as_id
from ..regions.queries import region_by_id, villages_within
from ..submit import submit
from . import bp, services
from .forms import AnswerForm, LetterForm
from .queries import answer_figures, letter_by_id, letters_of


def letter_for(letter_id, may=may_view_letter):
    return authorised(letter_by_id(letter_id), may)


def _mailbox_page(village, form=None):
    letters = letters_of(village.id, current_user, show_private=sees_private_letters(current_user, village),
                         before_id=request.args.get("before", type=as_id))
    return render("mailbox/index.html", block="letters", village=village, letters=letters,
                  form=form or LetterForm(formdata=None), figures=answer_figures(village.id),
                  may_write=may_write_to(current_user, village))


@bp.route("/mailbox")
@login_required
def index():
    village = region_by_id(request.args.get("village")) or current_user.village
    if village.level != "village":
        abort(404)
    require(may_read_mailbox(current_user, village))
    return _mailbox_page(village)


@bp.route("/mailbox", methods=["POST"])
@login_required
def write():
    return submit(LetterForm(), lambda f, files: services.write_letter(current_user, f.body.data, f.is_private.data,
                                                                       *files),
                  done=_("信已送到书记信箱，回复后会通知你。"), then=lambda letter: url_for("mailbox.show", letter_id=letter.id),
                  again=lambda f: _mailbox_page(current_user.village, f),
                  prepare=lambda _f: services.prepare_attachments(request.files.get("photo"), request.files.get("voice")))


@bp.route("/mailbox/overview")
@requires(may_view_mailbox_overview)
def overview():
    """Each village's answer rate and median answer time, for the township and county."""
    villages = villages_within(overview_regions(current_user))
    return render("mailbox/overview.html", rows=[(v, answer_figures(v.id)) for v in villages])


def _letter_page(letter, form=None):
    return render("mailbox/show.html", letter=letter, form=form or AnswerForm(formdata=None, answer=letter.answer),
                  may_answer=may_answer_letters(current_user, letter.village))


@bp.route("/mailbox/<int:letter_id>")
@login_required
def show(letter_id):
    return _letter_page(letter_for(letter_id))


@bp.route("/mailbox/<int:letter_id>/answer", methods=["POST"])
@login_required
def answer(letter_id):
    letter = letter_for(letter_id, may_answer_letter)
    return submit(AnswerForm(), lambda f: services.answer_letter(current_user, letter, f.answer.data),
                  done=_("已回复，写信人会收到通知。"), then=lambda _: url_for("mailbox.show", letter_id=letter.id),
                  again=lambda f: _letter_page(letter, f))


@bp.route("/mailbox/<int:letter_id>/<any(photo, voice):kind>")
@login_required
def attachment(letter_id, kind):
    letter = letter_for(letter_id)
    path = letter.photo_path if kind == "photo" else letter.voice_path
    return media.send_stored(path, "image/jpeg" if kind == "photo" else letter.voice_mime)
