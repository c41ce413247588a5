"""The mailbox page of a village, one letter, writing and answering."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth import holds, may_answer_letters, may_view_letter, require, requires
from ..cases import media
from ..htmx import render
from ..params import as_id
from ..regions.queries import children_of, region_by_id
from ..service import ServiceError, show_on_form
from . import bp, services
from .forms import AnswerForm, LetterForm
from .queries import answer_figures, letter_by_id, letters_of


def _mailbox_page(village, form, status=200):
    may_answer = may_answer_letters(current_user, village)
    letters = letters_of(village.id, current_user,
                         show_private=may_answer or holds(current_user, ("township_staff", "admin"), village),
                         before_id=request.args.get("before", type=as_id))
    return render("mailbox/index.html", block="letters", village=village, letters=letters, form=form,
                  figures=answer_figures(village.id), may_write=village.id == current_user.village_id,
                  status=status)


@bp.route("/mailbox")
@login_required
def index():
    village = region_by_id(request.args.get("village")) or current_user.village
    if village.level != "village":
        abort(404)
    require(village.id == current_user.village_id or holds(current_user, ("township_staff", "admin"), village)
            or may_answer_letters(current_user, village))
    return _mailbox_page(village, LetterForm(formdata=None))


@bp.route("/mailbox", methods=["POST"])
@login_required
def write():
    form = LetterForm()
    if form.validate_on_submit():
        try:
            letter = services.write_letter(current_user, form.body.data, form.is_private.data,
                                           request.files.get("photo"), request.files.get("voice"))
            flash(_("信已送到书记信箱，回复后会通知你。"), "success")
            return redirect(url_for("mailbox.show", letter_id=letter.id), 303)
        except ServiceError as error:
            show_on_form(form, error)
    return _mailbox_page(current_user.village, form, 422)


@bp.route("/mailbox/overview")
@requires(lambda user: any(m.role in ("township_staff", "admin") for m in user.memberships))
def overview():
    """Each village's answer rate and median answer time, for the township and county."""
    tops = [m.region for m in current_user.memberships if m.role in ("township_staff", "admin")]
    villages = []
    for top in tops:
        villages += [top] if top.level == "village" else [
            v for t in ([top] if top.level == "township" else children_of(top)) for v in children_of(t)]
    return render("mailbox/overview.html", rows=[(v, answer_figures(v.id)) for v in villages])


def _letter(letter_id):
    letter = letter_by_id(letter_id) or abort(404)
    require(may_view_letter(current_user, letter))
    return letter


@bp.route("/mailbox/<int:letter_id>")
@login_required
def show(letter_id):
    letter = _letter(letter_id)
    return render("mailbox/show.html", letter=letter, form=AnswerForm(formdata=None, answer=letter.answer),
                  may_answer=may_answer_letters(current_user, letter.village))


@bp.route("/mailbox/<int:letter_id>/answer", methods=["POST"])
@login_required
def answer(letter_id):
    letter = _letter(letter_id)
    require(may_answer_letters(current_user, letter.village))
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            services.answer_letter(current_user, letter, form.answer.data)
            flash(_("已回复，写信人会收到通知。"), "success")
            return redirect(url_for("mailbox.show", letter_id=letter.id), 303)
        except ServiceError as error:
            show_on_form(form, error)
    return render("mailbox/show.html", letter=letter, form=form, may_answer=True, status=422)


@bp.route("/mailbox/<int:letter_id>/<any(photo, voice):kind>")
@login_required
def attachment(letter_id, kind):
    letter = _letter(letter_id)
    path = letter.photo_path if kind == "photo" else letter.voice_path
    if not path:
        abort(404)
    return media.send_stored(path, "image/jpeg" if kind == "photo" else letter.voice_mime)
