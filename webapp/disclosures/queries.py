"""Read models: the feed, a region's list with filters and search, one notice."""
from flask_babel import gettext as _
from sqlalchemy import and_, false, or_, select
from sqlalchemy.orm import load_only

from ..audit.objects import describes, quote
from ..extensions import db
from ..params import as_id
from ..regions.models import Region
from ..regions.queries import ancestors
from .models import Comment, Disclosure, DisclosureLike
from .search import matching_ids

PAGE = 20


def notice_by_id(notice_id) -> Disclosure | None:
    notice_id = as_id(notice_id)
    return db.session.get(Disclosure, notice_id) if notice_id else None


def _visible_to(user):
    """Members-only notices for the people of their region and those above it. A resident
    not yet verified sees that they exist (the page shows them locked, with how to get
    verified), never their content."""
    if not getattr(user, "is_authenticated", False):
        return Disclosure.members_only.is_(False)
    mine = [r.id for r in ancestors(user.village)]
    over = select(Region.id).where(or_(*[Region.path.startswith(m.region.path) for m in user.memberships])
                                   if user.memberships else false())
    return or_(Disclosure.members_only.is_(False), Disclosure.region_id.in_(mine),
               Disclosure.region_id.in_(over))


# What a list shows of a notice (the body and its reading stay in the database until opened).
LISTED = (Disclosure.id, Disclosure.region_id, Disclosure.section, Disclosure.year, Disclosure.title,
          Disclosure.members_only, Disclosure.published_at, Disclosure.read_count, Disclosure.revision)


def listing(user, region_ids: list[int], section: str | None = None, year: int | None = None,
            query: str = "", before_id: int | None = None, limit: int = PAGE) -> list[Disclosure]:
    """Newest first; `before_id` pages on (load more)."""
    stmt = (select(Disclosure).where(Disclosure.region_id.in_(region_ids), _visible_to(user))
            .options(load_only(*LISTED)).order_by(Disclosure.id.desc()).limit(limit))
    if section:
        stmt = stmt.where(Disclosure.section == section)
    if year:
        stmt = stmt.where(Disclosure.year == year)
    if query.strip():
        ids = matching_ids(query, region_ids)
        stmt = stmt.where(Disclosure.id.in_(ids) if ids is not None else false())
    if before_id:
        stmt = stmt.where(Disclosure.id < before_id)
    return list(db.session.scalars(stmt))


def feed_regions(user) -> list[Region]:
    """A villager's own village and the levels above it, county first."""
    return ancestors(user.village)


def comments_of(notice: Disclosure, with_hidden: bool) -> list[Comment]:
    stmt = select(Comment).where(Comment.disclosure_id == notice.id).order_by(Comment.id)
    if not with_hidden:
        stmt = stmt.where(Comment.hidden_at.is_(None))
    return list(db.session.scalars(stmt))


def likes(user, notice: Disclosure) -> bool:
    return bool(getattr(user, "is_authenticated", False) and db.session.scalar(
        select(DisclosureLike.id).where(and_(DisclosureLike.disclosure_id == notice.id,
                                             DisclosureLike.user_id == user.id))))


@describes("disclosure")
def describe_notices(ids: list[int]) -> dict[int, str]:
    return {nid: _("公开%(title)s", title=quote(title, 20)) for nid, title in db.session.execute(
        select(Disclosure.id, Disclosure.title).where(Disclosure.id.in_(ids)))}


@describes("comment")
def describe_comments(ids: list[int]) -> dict[int, str]:
    return {cid: _("评论%(what)s", what=quote(body)) for cid, body in db.session.execute(
        select(Comment.id, Comment.body).where(Comment.id.in_(ids)))}
