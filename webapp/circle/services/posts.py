"""Posting, liking, commenting and following. A post or comment with a sensitive word is held
for a moderator, not published; a muted person is refused with when and why."""
import re

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from ... import media
from ...audit.services import record
from ...auth import may_view_post, takes_part_in_circle
from ...cases.recipients import role_holder_ids
from ...database import insert_if_new, utcnow
from ...extensions import db
from ...i18n import BEIJING
from ...jobs import deliver_after_commit
from ...notifications.services import excerpt, notify
from ...page_versions import declared, touch_region
from ...roles import VILLAGE_TEAM
from ...service import ServiceError
from ..models import (
    CATEGORIES,
    HELD,
    MAX_PHOTOS,
    PUBLISHED,
    CardNote,
    Follow,
    Mute,
    Post,
    PostComment,
    PostLike,
)
from ..words import sensitive_words_in

CLIENT_REF = re.compile(r"^[A-Za-z0-9\-]{8,40}$")  # as a report's (cases/services.py)


def post_url(post_id: int) -> str:
    return f"/circle/posts/{post_id}"


def active_mute(user, now=None) -> Mute | None:
    return db.session.scalar(select(Mute).where(Mute.user_id == user.id, Mute.until > (now or utcnow()))
                             .order_by(Mute.until.desc()).limit(1))


def _may_speak(user, now) -> None:
    if not takes_part_in_circle(user):
        raise ServiceError(_l("本村已认证的村民才能在村友圈发言。"))
    mute = active_mute(user, now)
    if mute is not None:
        raise ServiceError(_l("你被暂停发言到 %(t)s，原因：%(why)s。如有异议请联系村干部。",
                              t=mute.until.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"), why=mute.reason))


def prepare_post_media(photos, video, poster) -> dict:
    """Up to nine photos (resized, cleaned), a short video and its poster frame, checked before
    the write."""
    photos = [p for p in (photos or []) if p and p.filename]
    if len(photos) > MAX_PHOTOS:
        raise ServiceError(_l("最多 %(n)s 张照片。", n=MAX_PHOTOS), "photos")
    return {"photos": [media.prepare_photo(p, "circle", "photos") for p in photos],
            "video": media.prepare_video(video, "circle") if video and video.filename else None,
            "poster": media.prepare_photo(poster, "circle", "poster") if poster and poster.filename else None}


def _tell_moderators(village_id: int, what: str, url: str, now) -> None:
    with force_locale("zh_Hans_CN"):
        notify(role_holder_ids([village_id], VILLAGE_TEAM), "circle.review", what, url=url, now=now)


def create_post(user, category: str, text: str, prepared: dict | None = None, price: str = "", unit: str = "",
                how_to_buy: str = "", client_ref: str | None = None, now=None) -> Post:
    """`client_ref`: the phone's id for this post (report.js's outbox): sent twice, one post."""
    now = now or utcnow()
    client_ref = (client_ref or "").strip() or None
    if client_ref and not CLIENT_REF.match(client_ref):
        raise ServiceError(_l("提交编号不对，请刷新页面后再试。"))
    if client_ref:
        existing = db.session.scalar(select(Post).where(Post.client_ref == client_ref))
        if existing is not None:
            if existing.author_id != user.id:
                raise ServiceError(_l("提交编号不对，请刷新页面后再试。"))
            return existing
    _may_speak(user, now)
    if category not in CATEGORIES:
        raise ServiceError(_l("请选择类别。"), "category")
    text = (text or "").strip()
    prepared = prepared or {}
    if not text and not prepared.get("photos") and not prepared.get("video"):
        raise ServiceError(_l("写点什么，或者发张照片。"), "text")
    if len(text) > 2000:
        raise ServiceError(_l("请写在2000字以内。"), "text")
    price, unit, how_to_buy = (" ".join((v or "").split()) for v in (price, unit, how_to_buy))
    if category == "products" and not how_to_buy:
        raise ServiceError(_l("卖东西请写上怎么买：电话或微信号。"), "how_to_buy")
    if len(price) > 20 or len(unit) > 10 or len(how_to_buy) > 60:
        raise ServiceError(_l("价格、单位或购买方式太长了。"), "price")
    caught = sensitive_words_in(" ".join((text, how_to_buy)), user.village.ancestor_ids[0])
    post = Post(author_id=user.id, client_ref=client_ref, village_id=user.village_id, category=category, text=text,
                price=price, unit=unit, how_to_buy=how_to_buy, status=HELD if caught else PUBLISHED, created_at=now)
    post.photos = [[kept.path, kept.small_path] for kept in (media.keep(p) for p in prepared.get("photos") or [])]
    if prepared.get("video"):
        kept = media.keep(prepared["video"])
        post.video_path, post.video_mime = kept.path, kept.mime
    if prepared.get("poster"):
        post.poster_path = media.keep(prepared["poster"]).path
    db.session.add(post)
    db.session.flush()
    if caught:
        _tell_moderators(user.village_id, _("村友圈有一条帖子待审核%(what)s", what=excerpt(text)), post_url(post.id), now)
        deliver_after_commit()
    # The words themselves go to the audit log, never into a message.
    record(user, "circle.posted", post, object_type="post", region=user.village_id, held=bool(caught),
           words=caught[:5])
    return post


def like_post(user, post: Post, follows: bool = False) -> bool:
    """Once per person; a second like changes nothing."""
    if not takes_part_in_circle(user) or not may_view_post(user, post, follows) or post.status != PUBLISHED:
        raise ServiceError(_l("不能给这条帖子点赞。"))
    with declared():  # the counter and the like bump only the post's village
        added = db.session.execute(insert_if_new(PostLike, {"post_id": post.id, "user_id": user.id})).first()
        if added is not None:
            db.session.execute(update(Post).where(Post.id == post.id).values(like_count=Post.like_count + 1))
        touch_region(post.village_id)
    return added is not None


def comment(user, post: Post, text: str, parent: PostComment | None = None, follows: bool = False,
            now=None) -> PostComment:
    now = now or utcnow()
    _may_speak(user, now)
    if not may_view_post(user, post, follows) or post.status != PUBLISHED:
        raise ServiceError(_l("这条帖子不能评论。"))
    if parent is not None and parent.post_id != post.id:
        parent = None
    text = (text or "").strip()
    if not 1 <= len(text) <= 500:
        raise ServiceError(_l("评论请写在1到500字之间。"), "text")
    caught = sensitive_words_in(text, user.village.ancestor_ids[0])
    found = PostComment(post_id=post.id, author_id=user.id, parent_id=parent.id if parent else None, text=text,
                        status=HELD if caught else PUBLISHED, created_at=now)
    db.session.add(found)
    db.session.flush()
    if caught:
        _tell_moderators(post.village_id, _("村友圈有一条评论待审核%(what)s", what=excerpt(text)), post_url(post.id), now)
    else:
        post.comment_count += 1
        told = {post.author_id, parent.author_id if parent else post.author_id} - {user.id}
        with force_locale("zh_Hans_CN"):
            notify(sorted(told), "comment.circle", _("%(name)s评论了%(what)s", name=user.masked_name,
                                                     what=excerpt(post.text)), url=post_url(post.id), now=now)
    deliver_after_commit()
    record(user, "circle.commented", found, object_type="post_comment", region=post.village_id, post=post.id,
           held=bool(caught))
    return found


def follow(user, person) -> None:
    if not takes_part_in_circle(user) or person is None or person.id == user.id:
        raise ServiceError(_l("不能关注这个人。"))
    db.session.execute(insert_if_new(Follow, {"follower_id": user.id, "followee_id": person.id}))
    record(user, "circle.followed", object_type="user", object_id=person.id)


def unfollow(user, person) -> None:
    db.session.execute(delete(Follow).where(Follow.follower_id == user.id, Follow.followee_id == person.id))
    record(user, "circle.unfollowed", object_type="user", object_id=person.id)


def set_offer(user, offer: str) -> None:
    """What I sell or offer, on my name card."""
    if not takes_part_in_circle(user):
        raise ServiceError(_l("本村已认证的村民才能填写名片。"))
    offer = " ".join((offer or "").split())
    if len(offer) > 120:
        raise ServiceError(_l("请写在120字以内。"), "offer")
    if sensitive_words_in(offer, user.village.ancestor_ids[0]):
        raise ServiceError(_l("名片里有不合适的词，请修改。"), "offer")
    note = db.session.get(CardNote, user.id) or CardNote(user_id=user.id)
    note.offer = offer
    db.session.add(note)
    record(user, "circle.card", object_type="user", object_id=user.id)
