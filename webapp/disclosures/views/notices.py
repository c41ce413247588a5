"""Account pages, the feed, a notice with its reads, likes and comments, publishing."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...auth import (
    may_publish,
    may_see_hidden_comments,
    may_view_disclosure,
    publish_regions,
    require,
    require_member,
    requires,
)
from ...cases import media
from ...extensions import db
from ...htmx import render
from ...params import as_id, as_year
from ...regions.queries import ancestors, region_by_id
from ...service import ServiceError, show_on_form
from .. import bp, services
from ..forms import CommentForm, HideForm, PublishForm, TextForm
from ..models import SECTIONS, Comment
from ..queries import comments_of, feed_regions, likes, listing, notice_by_id


def _filters():
    section = request.args.get("section") if request.args.get("section") in SECTIONS else None
    year = request.args.get("year", type=as_year)
    return dict(section=section, year=year, query=request.args.get("q", "")[:40],
                before_id=request.args.get("before", type=as_id))


def _list_page(template, regions, **context):
    chosen = _filters()
    items = listing(current_user, [r.id for r in regions], **chosen)
    return render(template, block="items", items=items, sections=SECTIONS, chosen=chosen,
                  years=range(services.year_now(), services.year_now() - 6, -1), **context)


@bp.route("/notices")
@login_required
def feed():
    """Own village and the levels above it, merged, newest first."""
    places = feed_regions(current_user)
    return _list_page("disclosures/feed.html", places, places=places,
                      may_publish_any=bool(publish_regions(current_user)))


@bp.route("/places/<int:region_id>")
def account(region_id):
    """The public account page (账号) of a county, township or village."""
    region = region_by_id(region_id) or abort(404)
    if region.level not in ("county", "township", "village"):
        abort(404)
    return _list_page("disclosures/account.html", [region], region=region, places=ancestors(region))


def _show(notice, status=200, comment_form=None, progress_form=None):
    hidden_too = may_see_hidden_comments(current_user, notice)
    return render("disclosures/show.html", notice=notice, status=status, places=ancestors(notice.region),
                  comments=comments_of(notice, hidden_too), may_moderate=may_publish(current_user, notice.region),
                  liked=likes(current_user, notice), comment_form=comment_form or CommentForm(formdata=None),
                  progress_form=progress_form or TextForm(formdata=None), hide_form=HideForm(formdata=None))


def _visible_notice(notice_id):
    notice = notice_by_id(notice_id) or abort(404)
    if not may_view_disclosure(current_user, notice):
        require_member(False, current_user, notice.region) if current_user.is_authenticated else abort(404)
    return notice


@bp.route("/notices/<int:notice_id>")
def show(notice_id):
    notice = _visible_notice(notice_id)
    response = _show(notice)
    services.note_read(current_user, notice)
    return response


@bp.route("/notices/<int:notice_id>/print")
def print_view(notice_id):
    notice = _visible_notice(notice_id)
    return render("disclosures/print.html", notice=notice, places=ancestors(notice.region))


@bp.route("/notices/new", methods=["GET", "POST"])
@requires(lambda user: bool(publish_regions(user)))
def publish():
    form = PublishForm()
    form.region.choices = [(r.id, r.name) for r in publish_regions(current_user)]
    if request.method == "GET":
        form.year.data = services.year_now()
    if form.validate_on_submit():
        try:
            notice = services.publish_disclosure(
                current_user, region_by_id(form.region.data), section=form.section.data,
                title=form.title.data, body=form.body.data, year=form.year.data,
                members_only=form.members_only.data, files=request.files.getlist("files"),
                interpretation=form.interpretation.data)
            flash(_("已发布。"), "success")
            return redirect(url_for("disclosures.show", notice_id=notice.id), 303)
        except ServiceError as error:
            show_on_form(form, error)
    return render("disclosures/new.html", form=form, status=422 if request.method == "POST" else 200)


@bp.route("/notices/<int:notice_id>/progress", methods=["POST"])
@login_required
def add_progress(notice_id):
    notice = _visible_notice(notice_id)
    require(may_publish(current_user, notice.region))
    form = TextForm()
    if form.validate_on_submit():
        try:
            services.add_progress(current_user, notice, form.text.data)
            return redirect(url_for("disclosures.show", notice_id=notice.id), 303)
        except ServiceError as error:
            show_on_form(form, error)
    return _show(notice, 422, progress_form=form)


@bp.route("/notices/<int:notice_id>/like", methods=["POST"])
@login_required
def like(notice_id):
    notice = _visible_notice(notice_id)
    services.toggle_like(current_user, notice)  # CSRFProtect has checked the token already
    return redirect(url_for("disclosures.show", notice_id=notice.id), 303)


@bp.route("/notices/<int:notice_id>/comments", methods=["POST"])
@login_required
def comment(notice_id):
    notice = _visible_notice(notice_id)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            services.add_comment(current_user, notice, form.body.data)
            return redirect(url_for("disclosures.show", notice_id=notice.id, _anchor="comments"), 303)
        except ServiceError as error:
            show_on_form(form, error)
    return _show(notice, 422, comment_form=form)


@bp.route("/notices/<int:notice_id>/comments/<int:comment_id>/hide", methods=["POST"])
@login_required
def hide_comment(notice_id, comment_id):
    notice = _visible_notice(notice_id)
    require(may_publish(current_user, notice.region))
    found = db.session.get(Comment, comment_id)
    if found is None or found.disclosure_id != notice.id:
        abort(404)
    form = HideForm()
    if form.validate_on_submit():
        try:
            services.hide_comment(current_user, notice, found, form.reason.data)
            flash(_("评论已隐藏，原因会留给乡镇查看。"), "info")
        except ServiceError as error:
            flash(str(error.message), "error")
    else:
        flash(_("请写明隐藏的原因。"), "error")
    return redirect(url_for("disclosures.show", notice_id=notice.id, _anchor="comments"), 303)


@bp.route("/notices/<int:notice_id>/files/<int:file_id>")
@bp.route("/notices/<int:notice_id>/files/<int:file_id>/<any(small):size>")
def attachment(notice_id, file_id, size=None):
    notice = _visible_notice(notice_id)
    item = next((f for f in notice.attachments if f.id == file_id), None) or abort(404)
    return media.send_stored(item.small_path if size == "small" and item.small_path else item.path, item.mime,
                             public=not notice.members_only)
