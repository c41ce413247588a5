"""The circle as a villager meets it: the feed (my village, my township, people I follow),
posting, a post with its comments, likes, the name card and following, products."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import media
from ..accounts.queries import user_by_id
from ..auth import (
    may_moderate_circle,
    may_view_post,
    require,
    sees_village_circle,
    takes_part_in_circle,
)
from ..htmx import render
from ..params import as_id
from ..submit import ButtonForm, press, submit
from . import bp, services
from .forms import AppealForm, CommentForm, DecideForm, MuteForm, OfferForm, PostForm
from .models import CATEGORIES
from .queries import (
    appeal_on,
    card_of,
    comment_by_id,
    comments_of,
    decisions_on,
    follows,
    follows_feed,
    liked_by,
    post_by_id,
    posts_by,
    township_feed,
    village_feed,
)

SCOPES = ("village", "township", "follows")


@bp.route("/circle")
@login_required
def feed():
    village = current_user.village or abort(404)
    scope = request.args.get("scope") if request.args.get("scope") in SCOPES else "village"
    category = request.args.get("category") if request.args.get("category") in CATEGORIES else ""
    before = request.args.get("before", type=as_id)
    if scope == "follows":
        posts = follows_feed(current_user.id, before)
    elif scope == "township":
        posts = township_feed(village.parent_id, category, before)
    else:
        posts = village_feed(village.id, category, before)
    return render("circle/feed.html", block="posts", village=village, scope=scope, category=category, posts=posts,
                  categories=CATEGORIES, liked=liked_by(current_user.id, [p.id for p in posts]), form=ButtonForm(),
                  may_post=takes_part_in_circle(current_user))


def _post_form_page(form=None):
    return render("circle/new_post.html", form=form or PostForm(formdata=None, category=request.args.get("category")
                                                                or "life"))


@bp.route("/circle/new")
@login_required
def new_post():
    require(takes_part_in_circle(current_user))
    return _post_form_page()


@bp.route("/circle/posts", methods=["POST"])
@login_required
def create_post():
    require(takes_part_in_circle(current_user))
    return submit(PostForm(), lambda f, files: services.create_post(current_user, f.category.data, f.text.data, files,
                                                                    f.price.data, f.unit.data, f.how_to_buy.data,
                                                                    f.client_ref.data),
                  done=lambda p: _("已发布。") if p.status == "published" else _("内容里有需要审核的词，村干部审核后才会公开。"),
                  then=lambda p: url_for("circle.post", post_id=p.id), again=_post_form_page,
                  prepare=lambda _f: services.prepare_post_media(request.files.getlist("photos"),
                                                                 request.files.get("video"), request.files.get("poster")))


def _viewable(post_id):
    found = post_by_id(post_id)
    if found is None:
        abort(404)
    following = follows(current_user.id, found.author_id)
    require(may_view_post(current_user, found, following))
    return found, following


def _post_page(found, following, comment_form=None, appeal_form=None):
    moderator = may_moderate_circle(current_user, found.village)
    return render("circle/post.html", post=found, following=following, moderator=moderator,
                  comments=comments_of(found.id, moderator, current_user.id),
                  liked=found.id in liked_by(current_user.id, [found.id]),
                  decisions=decisions_on("post", found.id) if moderator or found.author_id == current_user.id else [],
                  appeal=appeal_on("post", found.id), form=ButtonForm(),
                  comment_form=comment_form or CommentForm(formdata=None, parent=request.args.get("reply", "")),
                  appeal_form=appeal_form or AppealForm(formdata=None), decide_form=DecideForm(formdata=None),
                  mute_form=MuteForm(formdata=None), may_speak=takes_part_in_circle(current_user))


@bp.route("/circle/posts/<int:post_id>")
@login_required
def post(post_id):
    return _post_page(*_viewable(post_id))


@bp.route("/circle/posts/<int:post_id>/like", methods=["POST"])
@login_required
def like(post_id):
    found, following = _viewable(post_id)
    back = request.form.get("back") if (request.form.get("back") or "").startswith("/circle") else None
    return press(lambda: services.like_post(current_user, found, following),
                 then=lambda _r: back or url_for("circle.post", post_id=found.id))


@bp.route("/circle/posts/<int:post_id>/comments", methods=["POST"])
@login_required
def comment(post_id):
    found, following = _viewable(post_id)

    def write(form):
        parent = comment_by_id(form.parent.data) if form.parent.data else None
        return services.comment(current_user, found, form.text.data, parent, following)

    return submit(CommentForm(), write, then=lambda _c: url_for("circle.post", post_id=found.id) + "#comments",
                  done=lambda c: None if c.status == "published" else _("评论里有需要审核的词，村干部审核后才会公开。"),
                  again=lambda f: _post_page(found, following, comment_form=f))


@bp.route("/circle/posts/<int:post_id>/<any(photo, thumb):photo_size>/<int:n>")
@login_required
def photo(post_id, photo_size, n):
    found, _following = _viewable(post_id)
    if not 0 <= n < len(found.photos):
        abort(404)
    return media.send_stored(found.photos[n][0 if photo_size == "photo" else 1])


@bp.route("/circle/posts/<int:post_id>/<any(video, poster):part>")
@login_required
def video(post_id, part):
    found, _following = _viewable(post_id)
    path = found.video_path if part == "video" else found.poster_path
    return media.send_stored(path, mimetype=found.video_mime if part == "video" else "image/jpeg")


@bp.route("/circle/people/<int:user_id>")
@login_required
def card(user_id):
    person = user_by_id(user_id)
    if person is None or person.village is None:
        abort(404)
    following = follows(current_user.id, person.id)
    mine = person.id == current_user.id
    require(mine or following or sees_village_circle(current_user, person.village) or takes_part_in_circle(current_user))
    shown_posts = posts_by(person.id, include_all=mine) if (mine or following or sees_village_circle(
        current_user, person.village)) else []
    return render("circle/card.html", person=person, card=card_of(person), posts=shown_posts, following=following,
                  mine=mine, form=ButtonForm(), offer_form=OfferForm(formdata=None, offer=card_of(person)["offer"]),
                  may_follow=takes_part_in_circle(current_user) and not mine)


@bp.route("/circle/people/<int:user_id>/<any(follow, unfollow):relation>", methods=["POST"])
@login_required
def follow(user_id, relation):
    person = user_by_id(user_id) or abort(404)
    change = services.follow if relation == "follow" else services.unfollow
    return press(lambda: change(current_user, person), then=lambda _r: url_for("circle.card", user_id=person.id),
                 done=_("已关注，TA的帖子会出现在“关注”里。") if relation == "follow" else _("已取消关注。"))


@bp.route("/circle/card", methods=["POST"])
@login_required
def set_offer():
    return submit(OfferForm(), lambda f: services.set_offer(current_user, f.offer.data), done=_("名片已更新。"),
                  then=lambda _r: url_for("circle.card", user_id=current_user.id),
                  again=lambda _f: card(current_user.id))

