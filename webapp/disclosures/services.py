"""Every write to disclosures, as verb_noun(actor, ...), each with its audit entry."""
import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.exc import OperationalError

from .. import media
from ..accounts.queries import people_living_in
from ..audit.services import record
from ..auth import may_publish, may_view_disclosure
from ..database import insert_if_new, insert_rows, utcnow
from ..extensions import db
from ..jobs import deliver_after_commit
from ..notifications.services import cut, notify
from ..page_versions import declared, touch_person, touch_region
from ..service import ServiceError
from ..transaction import begin_write
from .models import (
    SECTIONS,
    Comment,
    Disclosure,
    DisclosureFile,
    DisclosureLike,
    DisclosureRead,
    ProgressUpdate,
    SearchToken,
)
from .search import index_rows

log = logging.getLogger("cunli.disclosures")
BEIJING = ZoneInfo("Asia/Shanghai")
MAX_FILES = 9


def prepare_files(files) -> list[media.Prepared]:
    """A notice's pictures and PDFs (nine at most), checked and resized before the write."""
    files = [f for f in (files or []) if getattr(f, "filename", None)]
    if len(files) > MAX_FILES:
        raise ServiceError(_l("附件最多9个。"), "files")
    return [p for p in (media.prepare_photo_or_pdf(f, "notices") for f in files) if p is not None]


def publish_disclosure(actor, region, *, section: str, title: str, body: str, year: int | None = None,
                       members_only: bool = False, files=(), interpretation: str = "",
                       now=None) -> Disclosure:
    """`files` are prepared (prepare_files) before the write transaction."""
    if not may_publish(actor, region):
        raise ServiceError(_l("你不能以这个地区的名义发布。"))
    if section not in SECTIONS:
        raise ServiceError(_l("请选择公开的类别。"), "section")
    title, body = (title or "").strip(), (body or "").strip()
    if not 2 <= len(title) <= 120:
        raise ServiceError(_l("请填写标题（2到120字）。"), "title")
    if not body:
        raise ServiceError(_l("请填写公开的内容。"), "body")
    now = now or utcnow()
    year = year or now.astimezone(BEIJING).year
    if not 2000 <= year <= 2100:
        raise ServiceError(_l("年份不对。"), "year")
    interpretation = (interpretation or "").strip()
    if section == "policy" and not interpretation:
        raise ServiceError(_l("政策要附上通俗易懂的解读。"), "interpretation")
    notice = Disclosure(region_id=region.id, section=section, year=year, title=title, body=body,
                        interpretation=interpretation, members_only=bool(members_only),
                        author_id=actor.id, published_at=now)
    db.session.add(notice)
    db.session.flush()
    for prepared in files:
        notice.attachments.append(DisclosureFile(name="", **media.keep(prepared).fields))
    insert_rows(SearchToken.__table__, index_rows(notice.id, title, f"{body} {interpretation}"))
    readers = [uid for uid in people_living_in(region, verified_only=notice.members_only) if uid != actor.id]
    with force_locale("zh_Hans_CN"):
        notify(readers, "notice.published", _("%(place)s有新公开：%(t)s", place=region.name, t=cut(title, 40)),
               url=f"/notices/{notice.id}", now=now)
    record(actor, "disclosure.published", notice, region=region, section=section, title=title)
    deliver_after_commit()
    return notice


def add_progress(actor, notice: Disclosure, text: str, now=None) -> ProgressUpdate:
    """A step of a major matter, published under it."""
    if not may_publish(actor, notice.region):
        raise ServiceError(_l("你不能更新这项公开。"))
    text = (text or "").strip()
    if not text:
        raise ServiceError(_l("请写明进展。"), "text")
    update_ = ProgressUpdate(disclosure_id=notice.id, author_id=actor.id, text=text[:2000],
                             at=now or utcnow())
    db.session.add(update_)
    notice.revision += 1
    record(actor, "disclosure.progress", notice, region=notice.region_id)
    return update_


def note_read(user, notice: Disclosure, now=None) -> None:
    """Count a read once per person per day, in a short write of its own (after the page is
    made). Best effort: the second read of the day inserts
    nothing (no error raised and caught on every view), and a read that meets a busy database
    is simply not counted; it never fails the page."""
    if not getattr(user, "is_authenticated", False):
        return
    reader_id, notice_id, region_id = user.id, notice.id, notice.region_id  # before the write begins
    begin_write()
    day = (now or utcnow()).astimezone(BEIJING).date()
    try:
        # A repeat read writes nothing, so it must not make the cached pages again either.
        with db.session.begin_nested(), declared():
            first_today = db.session.execute(insert_if_new(DisclosureRead, {
                "disclosure_id": notice_id, "user_id": reader_id, "day": day})).first() is not None
            if first_today:
                db.session.execute(update(Disclosure).where(Disclosure.id == notice_id)
                                   .values(read_count=Disclosure.read_count + 1))
                touch_person(reader_id)
                touch_region(region_id)
    except OperationalError:
        pass


def toggle_like(user, notice: Disclosure) -> bool:
    """Like, or take the like back; returns whether the user now likes it."""
    if not may_view_disclosure(user, notice):
        raise ServiceError(_l("你看不到这项公开。"))
    existing = db.session.scalar(select(DisclosureLike).where(
        DisclosureLike.disclosure_id == notice.id, DisclosureLike.user_id == user.id))
    if existing:
        db.session.execute(delete(DisclosureLike).where(DisclosureLike.id == existing.id))
        change = -1
    else:
        db.session.add(DisclosureLike(disclosure_id=notice.id, user_id=user.id))
        change = 1
    db.session.execute(update(Disclosure).where(Disclosure.id == notice.id)
                       .values(like_count=Disclosure.like_count + change))
    return change > 0


def add_comment(user, notice: Disclosure, body: str, now=None) -> Comment:
    if not may_view_disclosure(user, notice):
        raise ServiceError(_l("你看不到这项公开。"))
    body = (body or "").strip()
    if not 1 <= len(body) <= 500:
        raise ServiceError(_l("请写下评论（500字以内）。"), "body")
    comment = Comment(disclosure_id=notice.id, user_id=user.id, body=body,
                      official=may_publish(user, notice.region), created_at=now or utcnow())
    db.session.add(comment)
    notice.revision += 1
    # Whoever wrote there is told: the notice's author of a comment, the commenters of a reply.
    told = ([c for c in db.session.scalars(select(Comment.user_id).where(Comment.disclosure_id == notice.id,
                                                                          Comment.official.is_(False)).distinct())]
            if comment.official else [notice.author_id] if notice.author_id else [])
    with force_locale("zh_Hans_CN"):
        notify([uid for uid in told if uid != user.id], "comment.added",
               (_("村干部回复了评论：%(t)s", t=cut(notice.title, 30)) if comment.official
                else _("有人评论了你发布的：%(t)s", t=cut(notice.title, 30))), body=cut(body),
               url=f"/notices/{notice.id}", now=now)
    deliver_after_commit()
    record(user, "comment.added", comment, region=notice.region_id, disclosure=notice.id)
    return comment


def hide_comment(actor, notice: Disclosure, comment: Comment, reason: str, now=None) -> None:
    """Hidden, not deleted: the comment and the reason stay, visible to the township."""
    if not may_publish(actor, notice.region):
        raise ServiceError(_l("你不能管理这里的评论。"))
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_l("请写明隐藏的原因。"), "reason")
    comment.hidden_at, comment.hidden_by_id, comment.hidden_reason = now or utcnow(), actor.id, reason[:200]
    notice.revision += 1
    record(actor, "comment.hidden", comment, region=notice.region_id, reason=reason)


def year_now() -> int:
    return datetime.now(BEIJING).year


def publish_generated_notice(region, *, section: str, title: str, body: str, now=None) -> Disclosure:
    """A notice the platform itself publishes (the monthly points report), in the caller's
    transaction: no author, searchable like any other."""
    now = now or utcnow()
    notice = Disclosure(region_id=region.id if hasattr(region, "id") else region, section=section,
                        year=now.astimezone(BEIJING).year, title=title[:120], body=body, author_id=None,
                        published_at=now)
    db.session.add(notice)
    db.session.flush()
    insert_rows(SearchToken.__table__, index_rows(notice.id, title, body))
    return notice
