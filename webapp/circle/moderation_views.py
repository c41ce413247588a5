"""Moderation: the village's queue (held and hidden posts and comments, with their reports), a
report, a decision, an appeal and the township's hearing of it, a mute, the county's words."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.queries import user_by_id
from ..auth import (
    appeal_townships,
    may_hear_appeals,
    may_keep_sensitive_words,
    may_moderate_circle,
    may_mute,
    moderated_villages,
    regions_where,
    require,
)
from ..htmx import render
from ..regions.queries import region_by_id
from ..submit import submit
from . import bp, services
from .forms import AppealForm, DecideForm, MuteForm, ReportForm, WordsForm
from .models import Appeal, Post, PostComment
from .queries import appeals_waiting, comment_by_id, post_by_id, review_queue
from .views import _post_page, _viewable

KINDS = {"posts": "post", "comments": "comment"}


def _target(kind: str, target_id):
    """(the post or comment, its post, whether the person follows the post's author)."""
    obj = post_by_id(target_id) if kind == "posts" else comment_by_id(target_id)
    if obj is None:
        abort(404)
    post, following = _viewable(obj.id if kind == "posts" else obj.post_id)
    return obj, post, following


def _report_page(target_kind, obj, form=None):
    return render("circle/report.html", target_kind=target_kind, obj=obj, form=form or ReportForm(formdata=None))


@bp.route("/circle/<any(posts, comments):target_kind>/<int:target_id>/report", methods=["GET", "POST"])
@login_required
def report(target_kind, target_id):
    obj, _post, following = _target(target_kind, target_id)
    if request.method == "GET":
        return _report_page(target_kind, obj)
    return submit(ReportForm(), lambda f: services.report(current_user, obj, f.reason.data, f.note.data, following),
                  done=_("谢谢，已交给村干部处理。"), then=lambda _r: url_for("circle.post", post_id=_post.id),
                  again=lambda f: _report_page(target_kind, obj, f))


@bp.route("/circle/<any(posts, comments):target_kind>/<int:target_id>/decide", methods=["POST"])
@login_required
def decide(target_kind, target_id):
    obj, post, _following = _target(target_kind, target_id)
    require(may_moderate_circle(current_user, post.village))
    return submit(DecideForm(), lambda f: services.decide(current_user, obj, f.decision.data, f.reason.data),
                  done=_("已处理，作者会收到通知。"), then=lambda _d: url_for("circle.post", post_id=post.id),
                  again=lambda _f: moderation())


@bp.route("/circle/<any(posts, comments):target_kind>/<int:target_id>/appeal", methods=["POST"])
@login_required
def appeal(target_kind, target_id):
    obj, post, following = _target(target_kind, target_id)
    require(obj.author_id == current_user.id)
    return submit(AppealForm(), lambda f: services.appeal(current_user, obj, f.text.data),
                  done=_("申诉已送到乡镇，处理后会通知你。"), then=lambda _a: url_for("circle.post", post_id=post.id),
                  again=lambda f: _post_page(post, following, appeal_form=f))


@bp.route("/circle/appeals/<int:appeal_id>/decide", methods=["POST"])
@login_required
def decide_appeal(appeal_id):
    from ..extensions import db

    found = db.session.get(Appeal, appeal_id) or abort(404)
    require(may_hear_appeals(current_user, region_by_id(found.village_id)))
    return submit(DecideForm(), lambda f: services.decide_appeal(current_user, found, f.decision.data, f.reason.data),
                  done=_("申诉已处理，作者会收到通知。"), then=lambda _d: url_for("circle.moderation"),
                  again=lambda _f: moderation())


@bp.route("/circle/people/<int:user_id>/mute", methods=["POST"])
@login_required
def mute(user_id):
    person = user_by_id(user_id) or abort(404)
    require(may_mute(current_user, person))
    return submit(MuteForm(), lambda f: services.mute(current_user, person, f.days.data, f.reason.data),
                  done=_("已暂停TA发言。"), then=lambda _m: url_for("circle.card", user_id=person.id),
                  again=lambda _f: moderation())


@bp.route("/circle/moderation")
@login_required
def moderation():
    villages, townships = moderated_villages(current_user), appeal_townships(current_user)
    require(bool(villages or townships))
    queue = review_queue([v.id for v in villages]) if villages else {"posts": [], "comments": [], "reported": {}}
    appeals = appeals_waiting([t.id for t in townships]) if townships else []
    targets = {a.id: (db_get(Post, a.target_id) if a.target == "post" else db_get(PostComment, a.target_id))
               for a in appeals}
    return render("circle/moderation.html", queue=queue, appeals=appeals, targets=targets,
                  decide_form=DecideForm(formdata=None), villages=villages)


def db_get(model, ident):
    from ..extensions import db

    return db.session.get(model, ident)


@bp.route("/circle/words", methods=["GET", "POST"])
@login_required
def words():
    county = next((r for r in regions_where(current_user, "admin") if r.level == "county"), None)
    county = region_by_id(request.args.get("county")) or county
    require(county is not None and may_keep_sensitive_words(current_user, county))
    page = lambda form: render("circle/words.html", form=form, county=county)  # noqa: E731
    if request.method == "GET":
        return page(WordsForm(formdata=None))

    def load(form):
        upload = request.files.get("words")
        text = upload.read(512 * 1024).decode("utf-8", errors="replace") if upload else ""
        return services.import_words(current_user, county, text)

    return submit(WordsForm(), load, done=lambda n: _("已导入 %(n)s 个新词。", n=n),
                  then=lambda _n: url_for("circle.words"), again=page)

