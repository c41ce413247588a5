"""Read models for the services hall."""
from sqlalchemy import and_, or_, select

from ..audit.objects import describes, quote
from ..disclosures.search import words
from ..extensions import db
from ..params import as_id
from ..regions.models import Region
from .models import (
    DONE,
    OPEN,
    RATED,
    SCHEDULED,
    DirectoryEntry,
    ServiceGuide,
    ServiceRequest,
    TeamMember,
)


def guide_by_id(guide_id) -> ServiceGuide | None:
    guide_id = as_id(guide_id)
    return db.session.get(ServiceGuide, guide_id) if guide_id else None


def request_by_id(request_id) -> ServiceRequest | None:
    request_id = as_id(request_id)
    return db.session.get(ServiceRequest, request_id) if request_id else None


def member_by_id(member_id) -> TeamMember | None:
    member_id = as_id(member_id)
    return db.session.get(TeamMember, member_id) if member_id else None


def entry_by_id(entry_id) -> DirectoryEntry | None:
    entry_id = as_id(entry_id)
    return db.session.get(DirectoryEntry, entry_id) if entry_id else None


# Words that ask rather than name: "怎么办户口" is about 户口.
ASKING = frozenset({"怎么", "如何", "办理", "哪里", "什么", "需要", "可以", "我要", "我想", "手续", "怎样", "要带"})


def guides_for(village: Region | None, query: str = "", include_inactive: bool = False) -> list[ServiceGuide]:
    """The county's catalogue and the village's own items. With a query: those holding any word
    of it (cut by jieba, as the notices' search) in their title, purpose, who or materials, the
    most words first. A catalogue is a hundred guides, not a hundred thousand: read whole."""
    regions = [village.id, *village.ancestor_ids] if village is not None else list(
        db.session.scalars(select(Region.id).where(Region.level == "county")))
    conditions = [ServiceGuide.region_id.in_(regions)]
    if not include_inactive:
        conditions.append(ServiceGuide.active.is_(True))
    guides = list(db.session.scalars(select(ServiceGuide).where(*conditions)
                                     .order_by(ServiceGuide.group, ServiceGuide.title)))
    asked = {w for w in words(query or "") if len(w) >= 2 and w not in ASKING}
    if not asked:
        return guides if not (query or "").strip() else []

    def matched(guide: ServiceGuide) -> int:
        text = " ".join([guide.title, guide.title, guide.purpose, guide.who, *guide.materials]).lower()
        return sum(text.count(word) > 0 for word in asked) * 2 + sum(word in guide.title.lower() for word in asked)

    scored = [(matched(g), g) for g in guides]
    return [g for score, g in sorted(scored, key=lambda pair: -pair[0]) if score]


def team_of(village_id: int, include_inactive: bool = False) -> list[TeamMember]:
    query = select(TeamMember).where(TeamMember.village_id == village_id)
    if not include_inactive:
        query = query.where(TeamMember.active.is_(True))
    return list(db.session.scalars(query.order_by(TeamMember.position, TeamMember.id)))


def directory_of(village_id: int) -> list[DirectoryEntry]:
    return list(db.session.scalars(select(DirectoryEntry).where(DirectoryEntry.village_id == village_id)
                                   .order_by(DirectoryEntry.position, DirectoryEntry.id)))


def my_requests(user, limit: int = 30) -> list[ServiceRequest]:
    return list(db.session.scalars(select(ServiceRequest).where(
        or_(ServiceRequest.requester_id == user.id, ServiceRequest.entered_by_id == user.id))
        .order_by(ServiceRequest.id.desc()).limit(limit)))


def requests_to_handle(user, limit: int = 50) -> list[ServiceRequest]:
    """Open and scheduled requests the person holds: as the member, as a village's cadre, as the
    township."""
    from ..auth import request_holder_regions

    member_ids = select(TeamMember.id).where(TeamMember.user_id == user.id)
    cadre_of, township_of = request_holder_regions(user)
    mine = [ServiceRequest.member_id.in_(member_ids)]
    if cadre_of:
        mine.append(ServiceRequest.village_id.in_(cadre_of))
    if township_of:
        mine.append(and_(ServiceRequest.level == "township", ServiceRequest.village_id.in_(
            select(Region.id).where(Region.parent_id.in_(township_of)))))
    return list(db.session.scalars(select(ServiceRequest).where(
        ServiceRequest.status.in_((OPEN, SCHEDULED)), or_(*mine))
        .order_by(ServiceRequest.due_at.is_(None), ServiceRequest.due_at, ServiceRequest.id).limit(limit)))


def done_statuses() -> tuple[str, ...]:
    return (DONE, RATED)


@describes("service_request")
def describe_requests(ids: list[int]) -> dict[int, str]:
    from flask_babel import gettext as _

    return {rid: _("服务请求 #%(id)s%(what)s", id=rid, what=quote(text)) for rid, text in db.session.execute(
        select(ServiceRequest.id, ServiceRequest.text).where(ServiceRequest.id.in_(ids)))}


@describes("service_guide")
def describe_guides(ids: list[int]) -> dict[int, str]:
    return {gid: title for gid, title in db.session.execute(
        select(ServiceGuide.id, ServiceGuide.title).where(ServiceGuide.id.in_(ids)))}


@describes("team_member")
def describe_members(ids: list[int]) -> dict[int, str]:
    return {mid: f"{title} {name}".strip() for mid, name, title in db.session.execute(
        select(TeamMember.id, TeamMember.name, TeamMember.title).where(TeamMember.id.in_(ids)))}


@describes("directory_entry")
def describe_entries(ids: list[int]) -> dict[int, str]:
    return {eid: name for eid, name in db.session.execute(
        select(DirectoryEntry.id, DirectoryEntry.name).where(DirectoryEntry.id.in_(ids)))}
