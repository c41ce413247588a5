"""Account pages, the feed, a notice with its reads, likes and comments, publishing."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ... import media
from ...auth import (
    authorised,
    may_moderate,
    may_publish,
    may_publish_anywhere,
    may_see_hidden_comments,
    may_view_disclosure,
    publish_regions,
    require_member,
    requires,
)
from ...extensions import db
from ...htmx import render
from ...page_cache import cached_page, depends_on_region
from ...params import as_id, as_year
from ...regions.queries import ancestors, region_by_id
from ...submit import press, submit
from .. import bp, services
from ..forms import CommentForm, HideForm, PublishForm, TextForm
from ..models import SECTIONS, Comment
from ..queries import comments_of, feed_regions, likes, listing, notice_by_id


def notice_for(notice_id, may=None):
    """The notice, or 404; readable by the current user (a resident not yet verified is told
    how to get verified), and `may` on top when given."""
    notice = notice_by_id(notice_id) or abort(404)
    depends_on_region(notice.region_id)  # may be another village's, or a township's
    if not may_view_disclosure(current_user, notice):
        require_member(False, current_user, notice.region) if current_user.is_authenticated else abort(404)
    return authorised(notice, may) if may else notice


def _filters():
    section = request.args.get("section") if request.args.get("section") in SECTIONS else None
    return dict(section=section, year=request.args.get("year", type=as_year), query=request.args.get("q", "")[:40],
                before_id=request.args.get("before", type=as_id))


def _list_page(template, regions, **context):
    chosen = _filters()
    return render(template, block="items", items=listing(current_user, [r.id for r in regions], **chosen),
                  sections=SECTIONS, chosen=chosen, years=range(services.year_now(), services.year_now() - 6, -1),
                  **context)


@bp.route("/notices")
@cached_page
@login_required
def feed():
    """Own village and the levels above it, merged, newest first."""
    places = feed_regions(current_user)
    return _list_page("disclosures/feed.html", places, places=places, may_publish_any=may_publish_anywhere(current_user))


@bp.route("/places/<int:region_id>")
def account(region_id):
    """The public account page (账号) of a county, township or village."""
    region = region_by_id(region_id) or abort(404)
    if region.level not in ("county", "township", "village"):
        abort(404)
    return _list_page("disclosures/account.html", [region], region=region, places=ancestors(region))


def _show(notice, comment_form=None, progress_form=None):
    return render("disclosures/show.html", notice=notice, places=ancestors(notice.region),
                  comments=comments_of(notice, may_see_hidden_comments(current_user, notice)),
                  may_moderate=may_publish(current_user, notice.region), liked=likes(current_user, notice),
                  comment_form=comment_form or CommentForm(formdata=None),
                  progress_form=progress_form or TextForm(formdata=None), hide_form=HideForm(formdata=None))


def _to_notice(notice, anchor=None):
    return lambda _result: url_for("disclosures.show", notice_id=notice.id, _anchor=anchor)


@bp.route("/notices/<int:notice_id>")
@cached_page
def show(notice_id):
    notice = notice_for(notice_id)
    response = _show(notice)
    services.note_read(current_user, notice)
    return response


@bp.route("/notices/<int:notice_id>/print")
def print_view(notice_id):
    notice = notice_for(notice_id)
    return render("disclosures/print.html", notice=notice, places=ancestors(notice.region))


def _publish_page(form):
    form.region.choices = [(r.id, r.name) for r in publish_regions(current_user)]
    return render("disclosures/new.html", form=form)


@bp.route("/notices/new", methods=["GET", "POST"])
@requires(may_publish_anywhere)
def publish():
    if request.method == "GET":
        return _publish_page(PublishForm(formdata=None, year=services.year_now()))
    return submit(_prepared_form(PublishForm()), lambda f, files: services.publish_disclosure(
        current_user, region_by_id(f.region.data), section=f.section.data, title=f.title.data, body=f.body.data,
        year=f.year.data, members_only=f.members_only.data, files=files, interpretation=f.interpretation.data),
        done=_("已发布。"), then=lambda notice: url_for("disclosures.show", notice_id=notice.id),
        again=_publish_page, prepare=lambda _f: services.prepare_files(request.files.getlist("files")))


def _prepared_form(form):
    form.region.choices = [(r.id, r.name) for r in publish_regions(current_user)]
    return form


@bp.route("/notices/<int:notice_id>/progress", methods=["POST"])
@login_required
def add_progress(notice_id):
    notice = notice_for(notice_id, may_moderate)
    return submit(TextForm(), lambda f: services.add_progress(current_user, notice, f.text.data),
                  then=_to_notice(notice), again=lambda f: _show(notice, progress_form=f))


@bp.route("/notices/<int:notice_id>/like", methods=["POST"])
@login_required
def like(notice_id):
    notice = notice_for(notice_id)
    return press(lambda: services.toggle_like(current_user, notice), then=_to_notice(notice))


@bp.route("/notices/<int:notice_id>/comments", methods=["POST"])
@login_required
def comment(notice_id):
    notice = notice_for(notice_id)
    return submit(CommentForm(), lambda f: services.add_comment(current_user, notice, f.body.data),
                  then=_to_notice(notice, "comments"), again=lambda f: _show(notice, comment_form=f))


@bp.route("/notices/<int:notice_id>/comments/<int:comment_id>/hide", methods=["POST"])
@login_required
def hide_comment(notice_id, comment_id):
    notice = notice_for(notice_id, may_moderate)
    found = db.session.get(Comment, as_id(comment_id) or 0)
    if found is None or found.disclosure_id != notice.id:
        abort(404)
    reason = HideForm().reason.data  # one hide form per comment: a refusal is said on the page
    return press(lambda: services.hide_comment(current_user, notice, found, reason),
                 done=_("评论已隐藏，原因会留给乡镇查看。"), then=_to_notice(notice, "comments"))


@bp.route("/notices/<int:notice_id>/files/<int:file_id>")
@bp.route("/notices/<int:notice_id>/files/<int:file_id>/<any(small):size>")
def attachment(notice_id, file_id, size=None):
    notice = notice_for(notice_id)
    item = next((f for f in notice.attachments if f.id == file_id), None) or abort(404)
    return media.send_stored(item.small_path if size == "small" and item.small_path else item.path, item.mime,
                             public=not notice.members_only)
