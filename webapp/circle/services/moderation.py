"""Reports, moderators' decisions, appeals, mutes and the county's word list. Three reports from
different people hide a post or comment until a moderator decides (Decidim hides at three);
the author reads the moderator's reason and may appeal once, to the township. Every step is a
new row and an audit entry; the original text is never touched."""
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ...audit.services import record
from ...auth import (
    may_hear_appeals,
    may_keep_sensitive_words,
    may_moderate_circle,
    may_mute,
    may_view_post,
    takes_part_in_circle,
)
from ...cases.recipients import role_holder_ids
from ...database import utcnow
from ...extensions import db
from ...jobs import deliver_after_commit
from ...notifications.services import excerpt, notify
from ...roles import VILLAGE_TEAM
from ...service import ServiceError
from ..models import (
    DECISIONS,
    HIDDEN,
    HIDE,
    KEEP,
    PUBLISHED,
    REASONS,
    REMOVE,
    REMOVED,
    AbuseReport,
    Appeal,
    Decision,
    Mute,
    Post,
    PostComment,
    SensitiveWord,
)
from ..words import normalise
from .posts import post_url

HIDE_AT = 3
STATUS_OF = {KEEP: PUBLISHED, HIDE: HIDDEN, REMOVE: REMOVED}


def _post_of(obj) -> Post:
    return obj if isinstance(obj, Post) else db.session.get(Post, obj.post_id)


def _kind(obj) -> str:
    return "post" if isinstance(obj, Post) else "comment"


def _audited(obj) -> str:
    """The audit log's name for the kind (the notices' comments are "comment" there)."""
    return "post" if isinstance(obj, Post) else "post_comment"


def report(user, obj, reason: str, note: str = "", follows: bool = False, now=None) -> bool:
    """Returns whether this report hid it. One report per person and thing."""
    now = now or utcnow()
    post = _post_of(obj)
    if not takes_part_in_circle(user) or not may_view_post(user, post, follows) or obj.author_id == user.id:
        raise ServiceError(_l("不能举报这条内容。"))
    if reason not in REASONS:
        raise ServiceError(_l("请选择举报原因。"), "reason")
    try:
        with db.session.begin_nested():
            db.session.add(AbuseReport(target=_kind(obj), target_id=obj.id, village_id=post.village_id,
                                       reporter_id=user.id, reason=reason, note=" ".join((note or "").split())[:200],
                                       created_at=now))
            db.session.flush()
    except IntegrityError:
        raise ServiceError(_l("你已经举报过了，村干部会尽快处理。")) from None
    reporters = db.session.scalar(select(func.count(func.distinct(AbuseReport.reporter_id))).where(
        AbuseReport.target == _kind(obj), AbuseReport.target_id == obj.id))
    hidden = obj.status == PUBLISHED and reporters >= HIDE_AT
    if hidden:
        obj.status = HIDDEN
        if isinstance(obj, PostComment):
            post.comment_count = max(0, post.comment_count - 1)
        with force_locale("zh_Hans_CN"):
            notify(role_holder_ids([post.village_id], VILLAGE_TEAM), "circle.review",
                   _("村友圈有内容被%(n)s人举报，已先隐藏，请审核%(what)s", n=reporters, what=excerpt(obj.text)),
                   url=post_url(post.id), now=now)
        deliver_after_commit()
    record(user, "circle.reported", object_type=_audited(obj), object_id=obj.id, region=post.village_id, reason=reason,
           hidden=hidden)
    return hidden


def decide(moderator, obj, decision: str, reason: str, now=None) -> Decision:
    """Keep, hide or remove, with the reason the author reads."""
    now = now or utcnow()
    post = _post_of(obj)
    if not may_moderate_circle(moderator, post.village):
        raise ServiceError(_l("只有本村干部可以处理村友圈的内容。"))
    return _decide(moderator, obj, post, decision, reason, now, on_appeal=False)


def _decide(moderator, obj, post: Post, decision: str, reason: str, now, on_appeal: bool) -> Decision:
    if decision not in DECISIONS:
        raise ServiceError(_l("请选择保留、隐藏还是删除。"), "decision")
    reason = " ".join((reason or "").split())
    if decision != KEEP and not reason:
        raise ServiceError(_l("请写明原因，发帖人会看到。"), "reason")
    was_shown = obj.status == PUBLISHED
    obj.status = STATUS_OF[decision]
    if isinstance(obj, PostComment) and was_shown != (obj.status == PUBLISHED):
        post.comment_count = max(0, post.comment_count + (1 if obj.status == PUBLISHED else -1))
    found = Decision(target=_kind(obj), target_id=obj.id, village_id=post.village_id, moderator_id=moderator.id,
                     decision=decision, reason=reason[:200], on_appeal=on_appeal, at=now)
    db.session.add(found)
    with force_locale("zh_Hans_CN"):
        told = {KEEP: _("你在村友圈发的内容%(what)s审核通过，已公开。"),
                HIDE: _("你在村友圈发的内容%(what)s已隐藏：%(why)s"),
                REMOVE: _("你在村友圈发的内容%(what)s已删除：%(why)s")}[decision]
        notify([obj.author_id], "circle.decided", told % {"what": excerpt(obj.text), "why": reason[:60]},
               url=post_url(post.id), now=now)
    deliver_after_commit()
    record(moderator, "circle.decided", object_type=_audited(obj), object_id=obj.id, region=post.village_id,
           decision=decision, reason=reason[:200], on_appeal=on_appeal)
    return found


def appeal(author, obj, text: str, now=None) -> Appeal:
    """Once, by the author, against a hide or removal; heard by the township."""
    now = now or utcnow()
    post = _post_of(obj)
    if author.id != obj.author_id or obj.status not in (HIDDEN, REMOVED):
        raise ServiceError(_l("只有被隐藏或删除的内容的作者可以申诉。"))
    text = (text or "").strip()
    if not 2 <= len(text) <= 500:
        raise ServiceError(_l("请写明申诉理由（2到500字）。"), "text")
    try:
        with db.session.begin_nested():
            found = Appeal(target=_kind(obj), target_id=obj.id, village_id=post.village_id, author_id=author.id,
                           text=text, created_at=now)
            db.session.add(found)
            db.session.flush()
    except IntegrityError:
        raise ServiceError(_l("每条内容只能申诉一次，你已经申诉过了。")) from None
    with force_locale("zh_Hans_CN"):
        notify(role_holder_ids([post.village.parent_id], ("township_staff",)), "circle.appeal",
               _("%(village)s村友圈有一条申诉待处理", village=post.village.name), url=post_url(post.id), now=now)
    deliver_after_commit()
    record(author, "circle.appealed", found, object_type="appeal", region=post.village_id)
    return found


def decide_appeal(staff, found: Appeal, decision: str, reason: str, now=None) -> Decision:
    now = now or utcnow()
    obj = db.session.get(Post if found.target == "post" else PostComment, found.target_id)
    post = _post_of(obj)
    if not may_hear_appeals(staff, post.village) or found.decided_at is not None:
        raise ServiceError(_l("这条申诉不在你这里处理，或者已经处理过了。"))
    found.decided_at = now
    return _decide(staff, obj, post, decision, reason, now, on_appeal=True)


def mute(moderator, person, days: int, reason: str, now=None) -> Mute:
    now = now or utcnow()
    village = person.village
    if not may_mute(moderator, person):
        raise ServiceError(_l("只有本村干部可以暂停本村村民发言。"))
    if not 1 <= int(days or 0) <= 90:
        raise ServiceError(_l("暂停天数请填 1 到 90。"), "days")
    reason = " ".join((reason or "").split())
    if not reason:
        raise ServiceError(_l("请写明原因，本人会看到。"), "reason")
    found = Mute(user_id=person.id, village_id=village.id, until=now + timedelta(days=int(days)), reason=reason[:200],
                 by_id=moderator.id, at=now)
    db.session.add(found)
    with force_locale("zh_Hans_CN"):
        notify([person.id], "circle.muted", _("你在村友圈被暂停发言%(d)s天：%(why)s", d=int(days), why=reason[:60]),
               url="/circle", now=now)
    deliver_after_commit()
    record(moderator, "circle.muted", found, object_type="mute", region=village.id, user=person.id, days=int(days))
    return found


def import_words(admin, county, text: str) -> int:
    """The county's list from a text file, one word a line (or separated by commas); returns how
    many were new. Words are stored as they will be matched (normalised)."""
    if not may_keep_sensitive_words(admin, county):
        raise ServiceError(_l("只有县级管理员可以维护敏感词。"))
    found = {normalise(w) for line in (text or "").splitlines() for w in line.replace("，", ",").split(",")}
    found = {w for w in found if 2 <= len(w) <= 40}
    if not found:
        raise ServiceError(_l("文件里没有找到词（每行一个词，至少两个字）。"), "words")
    known = set(db.session.scalars(select(SensitiveWord.word).where(SensitiveWord.county_id == county.id)))
    new = sorted(found - known)
    db.session.add_all(SensitiveWord(county_id=county.id, word=w) for w in new)
    record(admin, "circle.words_imported", object_type="region", object_id=county.id, region=county.id,
           added=len(new))
    return len(new)
