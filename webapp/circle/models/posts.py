"""Posts, their likes and comments, and who follows whom. A post's text is never edited: a
moderator changes its status, and the original stays as it was written."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...database import UTCDateTime, utcnow
from ...extensions import db
from ...media import names_files

CATEGORIES = {"life": _l("生活"), "jobs": _l("招工求职"), "products": _l("农产品"), "activity": _l("活动"),
              "help": _l("求助"), "other": _l("其他")}
# Shown; held for review (a sensitive word); hidden (three reports, or a moderator) until
# reviewed; removed by a moderator. Only PUBLISHED reaches a feed.
PUBLISHED, HELD, HIDDEN, REMOVED = "published", "held", "hidden", "removed"
STATUSES = {PUBLISHED: _l("已发布"), HELD: _l("待审核"), HIDDEN: _l("已隐藏"), REMOVED: _l("已删除")}
MAX_PHOTOS = 9


class Post(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    # Made by the phone that wrote the post: a post sent twice (the signal came back) is one post.
    client_ref: Mapped[str | None] = mapped_column(String(40), unique=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    category: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    # [[display path, thumb path], …] (at most nine), resized and cleaned on the server.
    photos: Mapped[list] = mapped_column(JSON, default=list)
    video_path: Mapped[str] = mapped_column(String(200), default="")
    video_mime: Mapped[str] = mapped_column(String(40), default="")
    poster_path: Mapped[str] = mapped_column(String(200), default="")  # a frame the phone took
    # A product (农产品): what it costs and how to buy. No payment inside the app.
    price: Mapped[str] = mapped_column(String(20), default="")
    unit: Mapped[str] = mapped_column(String(10), default="")
    how_to_buy: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(16), default=PUBLISHED)
    like_count: Mapped[int] = mapped_column(Integer, default=0)
    comment_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author = relationship("User")
    village = relationship("Region")

    # The feed reads a village's newest published posts: one index walk, newest first.
    __table_args__ = (db.Index("ix_post_feed", "village_id", "status", "id"),)

    @property
    def category_label(self) -> str:
        return str(CATEGORIES.get(self.category, self.category))


class PostLike(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    page_scope = "covered"  # written beside its post's counter
    __table_args__ = (UniqueConstraint("post_id", "user_id", name="uq_post_like_once"),)


class PostComment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("post_comment.id"))  # a reply
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=PUBLISHED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author = relationship("User")


class Follow(db.Model):
    """Someone far away (外出务工) follows home: a follower sees the followee's posts in 关注."""

    id: Mapped[int] = mapped_column(primary_key=True)
    follower_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    followee_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)

    page_scope = "person"
    __table_args__ = (UniqueConstraint("follower_id", "followee_id", name="uq_follow_once"),)


class CardNote(db.Model):
    """The electronic name card's own line: what I sell or offer (电子名片)."""

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    offer: Mapped[str] = mapped_column(String(120), default="")


names_files(Post.video_path, Post.poster_path)
