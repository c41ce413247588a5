"""Read models for account pages."""
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import joinedload

from ..audit.objects import describes
from ..extensions import db
from ..notifications.models import Notification
from ..params import as_id
from ..regions.models import GROUP, Region
from ..roles import role_label
from .models import Household, Resident, RoleMembership, User


def user_by_id(user_id) -> User | None:
    user_id = as_id(user_id)
    return db.session.get(User, user_id) if user_id else None


# The person's unread messages (the 消息 tab's badge on every page) in the same statement.
_UNREAD = (select(func.count()).select_from(Notification)
           .where(Notification.user_id == User.id, Notification.read_at.is_(None)).correlate(User).scalar_subquery())
_SESSION_USER = select(User, _UNREAD).options(
    joinedload(User.memberships).joinedload(RoleMembership.region), joinedload(User.village))


def user_for_session(token: str) -> User | None:
    """Flask-Login's user loader: the account named by a session or remember cookie, if that
    cookie is of the account's current session generation and the account is active."""
    user_id, _, generation = str(token).partition(".")
    user_id = as_id(user_id)
    # Every page of a signed-in person starts here: one statement for the person, their
    # roles (with regions) and their village, which nearly every page reads.
    found = db.session.execute(_SESSION_USER.where(User.id == user_id)).unique().one_or_none() if user_id else None
    if found is None:
        return None
    user, user.unread_at_load = found
    if not user.active or str(user.session_generation) != generation:
        return None
    return user


def signed_in_id() -> str:
    """Who this response is for ("" for a visitor), read without touching the database: after
    a request commits its change, the person's row is expired and reading it costs a query."""
    user = current_user._get_current_object()
    if not isinstance(user, User):
        return ""
    return str(sa_inspect(user).identity[0])


def names_of(user_ids) -> dict[int, str]:
    """Names for a page's list of people, in one query."""
    ids = list(user_ids)
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all()) if ids else {}


def user_by_phone(phone: str) -> User | None:
    return db.session.scalar(select(User).where(User.phone == phone))


def _in_regions(regions: list[Region]):
    """People living in any of the regions (groups match on the person's group)."""
    village_ids = select(Region.id)
    conditions = []
    for region in regions:
        if region.level == GROUP:
            conditions.append(User.group_id == region.id)
        else:
            conditions.append(User.village_id.in_(
                village_ids.where(Region.path.startswith(region.path))))
    return or_(*conditions) if conditions else False


def awaiting_verification(regions: list[Region], limit: int = 100) -> list[User]:
    if not regions:
        return []
    return list(db.session.scalars(
        select(User).where(User.verified_at.is_(None), User.active.is_(True), _in_regions(regions))
        .order_by(User.created_at).limit(limit)))


def count_awaiting_verification(regions: list[Region]) -> int:
    """How many wait (the home page's task card): counted, not loaded."""
    if not regions:
        return 0
    return db.session.scalar(select(func.count()).select_from(User).where(
        User.verified_at.is_(None), User.active.is_(True), _in_regions(regions)))


def awaiting_party_verification(regions: list[Region]) -> list[User]:
    if not regions:
        return []
    return list(db.session.scalars(
        select(User).where(User.party_claimed_at.is_not(None), User.party_verified_at.is_(None),
                           _in_regions(regions)).order_by(User.party_claimed_at)))


def registry_candidates(person: User, name: str | None = None) -> list[Resident]:
    """Unlinked registry entries in the person's village with the given name (default theirs)."""
    wanted = (name or person.name).strip()
    return list(db.session.scalars(
        select(Resident).join(Household)
        .where(Household.village_id == person.village_id, Resident.name == wanted)
        .where(~Resident.account.has())
        .order_by(Household.code).limit(20)))


def resident_in_village(resident_id, village_id: int) -> Resident | None:
    try:
        resident = db.session.get(Resident, as_id(resident_id) or 0)
    except (TypeError, ValueError):
        return None
    return resident if resident and resident.household.village_id == village_id else None


def people_in(region: Region, query: str = "", page: int = 1, per_page: int = 30) -> tuple[list[User], bool]:
    """People of the region's subtree, by name or phone; and whether more pages follow."""
    stmt = select(User).where(_in_regions([region]))
    query = query.strip()
    if query:
        stmt = stmt.where(or_(User.name.contains(query), User.phone.contains(query)))
    rows = list(db.session.scalars(
        stmt.order_by(User.name, User.id).offset((page - 1) * per_page).limit(per_page + 1)))
    return rows[:per_page], len(rows) > per_page


def role_holders(region: Region, roles: tuple[str, ...]) -> list[RoleMembership]:
    return list(db.session.scalars(
        select(RoleMembership).join(User, User.id == RoleMembership.user_id)
        .where(RoleMembership.region_id == region.id, RoleMembership.role.in_(roles),
               User.active.is_(True))
        .order_by(RoleMembership.role, User.name)))


def count_people(region: Region) -> int:
    return db.session.scalar(select(func.count()).select_from(User).where(_in_regions([region])))


def contacts(regions: list[Region | None], roles: tuple[str, ...]) -> list[tuple[User, str]]:
    """People holding the roles in the regions, each once, with all their titles:
    for "call someone" lists, where a secretary who is also a cadre appears one time.
    One statement for all the regions (the home page shows this list)."""
    order = [r.id for r in regions if r is not None]
    if not order:
        return []
    memberships = db.session.scalars(
        select(RoleMembership).options(joinedload(RoleMembership.user)).join(User, User.id == RoleMembership.user_id)
        .where(RoleMembership.region_id.in_(order), RoleMembership.role.in_(roles), User.active.is_(True))
        .order_by(RoleMembership.role, User.name, RoleMembership.id))
    found: dict[int, tuple[User, list[str]]] = {}
    for membership in sorted(memberships, key=lambda m: order.index(m.region_id)):
        label = membership.title or role_label(membership.role)
        _user, labels = found.setdefault(membership.user_id, (membership.user, []))
        if label not in labels:
            labels.append(label)
    return [(user, "、".join(labels)) for user, labels in found.values()]


def verification_helpers(user) -> list[tuple[User, str]]:
    """Who can verify this person: their group leader, grid worker and village cadres."""
    return contacts([user.group, user.grid, user.village],
                    ("group_leader", "grid_worker", "cadre", "party_secretary"))


@describes("user")
def describe_users(ids: list[int]) -> dict[int, str]:
    return {uid: f"{name}（{phone[:3]}****{phone[-4:]}）" for uid, name, phone in db.session.execute(
        select(User.id, User.name, User.phone).where(User.id.in_(ids)))}


def people_living_in(region: Region, verified_only: bool = False) -> list[int]:
    """The ids of the active accounts whose village is the region or below it (an event's
    audience: a notice to a township reaches every village in it)."""
    query = (select(User.id).join(Region, Region.id == User.village_id)
             .where(User.active.is_(True), Region.path.like(f"{region.path}%")))
    if verified_only:
        query = query.where(User.verified_at.is_not(None))
    return list(db.session.scalars(query))
