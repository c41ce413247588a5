"""Read models for the village circle."""
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload

from ..audit.objects import describes, quote
from ..extensions import db
from ..params import as_id
from ..regions.models import VILLAGE, Region
from .models import (
    GOING,
    HELD,
    HIDDEN,
    NEWS,
    OPEN,
    PROPOSED,
    PUBLISHED,
    TIP,
    WAITING,
    WEATHER,
    AbuseReport,
    Activity,
    Appeal,
    CardNote,
    Decision,
    Follow,
    LocalNews,
    Post,
    PostComment,
    PostLike,
    Signup,
)

PAGE = 20


def post_by_id(post_id) -> Post | None:
    post_id = as_id(post_id)
    return db.session.get(Post, post_id) if post_id else None


def comment_by_id(comment_id) -> PostComment | None:
    comment_id = as_id(comment_id)
    return db.session.get(PostComment, comment_id) if comment_id else None


def activity_by_id(activity_id) -> Activity | None:
    activity_id = as_id(activity_id)
    return db.session.get(Activity, activity_id) if activity_id else None


def news_by_id(news_id) -> LocalNews | None:
    news_id = as_id(news_id)
    return db.session.get(LocalNews, news_id) if news_id else None


def follows(follower_id: int, followee_id: int) -> bool:
    return db.session.scalar(select(Follow.id).where(Follow.follower_id == follower_id,
                                                     Follow.followee_id == followee_id)) is not None


def _page(query, before_id: int | None):
    """Ids first, from the feed index alone; then the page's posts with their authors and villages.
    Joined in one query, SQLite joins all of a township's fifty thousand posts before sorting."""
    if before_id:
        query = query.where(Post.id < before_id)
    ids = list(db.session.scalars(query.with_only_columns(Post.id).order_by(Post.id.desc()).limit(PAGE)))
    if not ids:
        return []
    return list(db.session.scalars(select(Post).where(Post.id.in_(ids))
                                   .options(joinedload(Post.author), joinedload(Post.village))
                                   .order_by(Post.id.desc())))


def village_feed(village_id: int, category: str = "", before_id: int | None = None) -> list[Post]:
    query = select(Post).where(Post.village_id == village_id, Post.status == PUBLISHED)
    if category:
        query = query.where(Post.category == category)
    return _page(query, before_id)


def township_feed(township_id: int, category: str = "", before_id: int | None = None) -> list[Post]:
    """The township's villages, newest first. Walked down the posts' own order and filtered by
    village (a township's posts are a large share of its county's), not village by village."""
    villages = select(Region.id).where(Region.parent_id == township_id, Region.level == VILLAGE)
    query = select(Post).where(Post.village_id.in_(villages), Post.status == PUBLISHED)
    if category:
        query = query.where(Post.category == category)
    return _page(query, before_id)


def follows_feed(user_id: int, before_id: int | None = None) -> list[Post]:
    followed = select(Follow.followee_id).where(Follow.follower_id == user_id)
    return _page(select(Post).where(Post.author_id.in_(followed), Post.status == PUBLISHED), before_id)


def liked_by(user_id: int, post_ids: list[int]) -> set[int]:
    if not post_ids:
        return set()
    return set(db.session.scalars(select(PostLike.post_id).where(PostLike.user_id == user_id,
                                                                 PostLike.post_id.in_(post_ids))))


def comments_of(post_id: int, moderator: bool = False, user_id: int | None = None) -> list[PostComment]:
    """Published comments (and, for moderators and their authors, the held and hidden ones)."""
    shown = [PostComment.status == PUBLISHED]
    if moderator:
        shown.append(PostComment.status.in_((HELD, HIDDEN)))
    if user_id:
        shown.append(PostComment.author_id == user_id)
    return list(db.session.scalars(select(PostComment).where(PostComment.post_id == post_id, or_(*shown))
                                   .options(joinedload(PostComment.author)).order_by(PostComment.id).limit(200)))


def decisions_on(target: str, target_id: int) -> list[Decision]:
    return list(db.session.scalars(select(Decision).where(Decision.target == target, Decision.target_id == target_id)
                                   .order_by(Decision.id)))


def appeal_on(target: str, target_id: int) -> Appeal | None:
    return db.session.scalar(select(Appeal).where(Appeal.target == target, Appeal.target_id == target_id))


def posts_by(user_id: int, include_all: bool = False, limit: int = 20) -> list[Post]:
    query = select(Post).where(Post.author_id == user_id)
    if not include_all:
        query = query.where(Post.status == PUBLISHED)
    return list(db.session.scalars(query.order_by(Post.id.desc()).limit(limit)))


def card_of(person) -> dict:
    """The electronic name card (电子名片): badges and what the person offers."""
    from ..hall.models import TeamMember
    from ..points.models import ServiceStar

    stars = list(db.session.scalars(select(ServiceStar.year).where(ServiceStar.user_id == person.id)
                                    .order_by(ServiceStar.year.desc())))
    member = db.session.scalar(select(TeamMember.title).where(TeamMember.user_id == person.id,
                                                              TeamMember.active.is_(True)).limit(1))
    note = db.session.get(CardNote, person.id)
    return {"party": person.is_party_member, "stars": stars, "team": member, "offer": note.offer if note else ""}


def products_in(township_id: int, limit: int = 40) -> list[Post]:
    return township_feed(township_id, "products")[:limit]


def activities_of(village_id: int, include_proposed: bool = False) -> list[Activity]:
    statuses = (OPEN, PROPOSED) if include_proposed else (OPEN,)
    return list(db.session.scalars(select(Activity).where(Activity.village_id == village_id,
                                                          Activity.status.in_(statuses))
                                   .order_by(Activity.starts_at.desc()).limit(30)))


def signups_of(activity_id: int) -> list[Signup]:
    return list(db.session.scalars(select(Signup).where(Signup.activity_id == activity_id,
                                                        Signup.status.in_((GOING, WAITING)))
                                   .options(joinedload(Signup.user)).order_by(Signup.status, Signup.signed_at,
                                                                              Signup.id)))


def my_signup(activity_id: int, user_id: int) -> Signup | None:
    return db.session.scalar(select(Signup).where(Signup.activity_id == activity_id, Signup.user_id == user_id))


def news_for(region_ids: list[int], limit: int = 20) -> list[LocalNews]:
    return list(db.session.scalars(select(LocalNews).where(LocalNews.region_id.in_(region_ids),
                                                           LocalNews.kind.in_((NEWS, TIP)))
                                   .order_by(LocalNews.id.desc()).limit(limit)))


def home_strip(region_ids: list[int]) -> tuple[list, list[LocalNews]]:
    """One read for a home page: the entered weather (newest first) and the pinned safety tips
    of the village and the regions above it."""
    rows = list(db.session.scalars(select(LocalNews).where(
        LocalNews.region_id.in_(region_ids), or_(LocalNews.kind == WEATHER, and_(LocalNews.kind == TIP,
                                                                                  LocalNews.pinned.is_(True))))
        .order_by(LocalNews.id.desc()).limit(12)))
    return [r for r in rows if r.kind == WEATHER], [r for r in rows if r.kind == TIP][:3]


def review_queue(village_ids: list[int]) -> dict:
    """What waits for a village's moderators: held and hidden posts and comments, and how many
    reports each has."""
    posts = list(db.session.scalars(select(Post).where(Post.village_id.in_(village_ids),
                                                       Post.status.in_((HELD, HIDDEN)))
                                    .options(joinedload(Post.author)).order_by(Post.id.desc()).limit(50)))
    comments = list(db.session.scalars(
        select(PostComment).join(Post, Post.id == PostComment.post_id).where(
            Post.village_id.in_(village_ids), PostComment.status.in_((HELD, HIDDEN)))
        .options(joinedload(PostComment.author)).order_by(PostComment.id.desc()).limit(50)))
    reported = {(target, target_id): n for target, target_id, n in db.session.execute(
        select(AbuseReport.target, AbuseReport.target_id, func.count(func.distinct(AbuseReport.reporter_id)))
        .where(AbuseReport.village_id.in_(village_ids)).group_by(AbuseReport.target, AbuseReport.target_id))}
    return {"posts": posts, "comments": comments, "reported": reported}


def appeals_waiting(township_ids: list[int]) -> list[Appeal]:
    villages = select(Region.id).where(Region.parent_id.in_(township_ids))
    return list(db.session.scalars(select(Appeal).where(Appeal.village_id.in_(villages), Appeal.decided_at.is_(None))
                                   .order_by(Appeal.id)))


@describes("post")
def describe_posts(ids: list[int]) -> dict[int, str]:
    from flask_babel import gettext as _

    return {pid: _("村友圈 #%(id)s%(what)s", id=pid, what=quote(text)) for pid, text in db.session.execute(
        select(Post.id, Post.text).where(Post.id.in_(ids)))}


@describes("post_comment")
def describe_comments(ids: list[int]) -> dict[int, str]:
    from flask_babel import gettext as _

    return {cid: _("村友圈评论%(what)s", what=quote(text)) for cid, text in db.session.execute(
        select(PostComment.id, PostComment.text).where(PostComment.id.in_(ids)))}


@describes("activity")
def describe_activities(ids: list[int]) -> dict[int, str]:
    return {aid: f"「{title}」" for aid, title in db.session.execute(
        select(Activity.id, Activity.title).where(Activity.id.in_(ids)))}


@describes("local_news")
def describe_news(ids: list[int]) -> dict[int, str]:
    return {nid: f"「{title}」" for nid, title in db.session.execute(
        select(LocalNews.id, LocalNews.title).where(LocalNews.id.in_(ids)))}


@describes("appeal", "mute")
def describe_appeals(ids: list[int]) -> dict[int, str]:
    return {i: f"#{i}" for i in ids}
