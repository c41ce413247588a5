"""Transparency: publishing and reading disclosures, the secretary mailbox, the village's
accounts and its micro-power list. "Members only" means verified members."""
from flask import abort

from ..regions.models import COUNTY, TOWNSHIP, VILLAGE, Region
from ..roles import VILLAGE_TEAM
from .core import holds, holds_exactly, regions_where, require_member, signed_in, top_regions

PUBLISH_ROLES = {VILLAGE: ("cadre", "party_secretary", "admin"), TOWNSHIP: ("township_staff", "admin"),
                 COUNTY: ("admin",)}


def may_publish(user, region: Region) -> bool:
    """Cadres publish for their village, the command centre for its township, admins for theirs."""
    return holds_exactly(user, PUBLISH_ROLES.get(region.level, ()), region.id)


def publish_regions(user) -> list[Region]:
    if not signed_in(user):
        return []
    regions = [m.region for m in user.memberships if m.role in PUBLISH_ROLES.get(m.region.level, ())]
    return list({r.id: r for r in regions}.values())  # a secretary who is also cadre and admin: once


def may_view_broadcast(user, broadcast) -> bool:
    """Whoever lives in the region, and whoever holds a role over it or in it."""
    return signed_in(user) and (broadcast.region.contains(user.village)
                                or any(m.region.contains(broadcast.region) for m in user.memberships))


def may_publish_anywhere(user) -> bool:
    return bool(publish_regions(user))


def _belongs_to(user, region: Region) -> bool:
    """A verified member living in the region, or a role holder over it (or in it). An
    account that merely claims a village is not yet one of its members."""
    return ((user.is_verified and region.contains(user.village))
            or any(m.region.contains(region) or region.contains(m.region) for m in user.memberships))


def may_view_disclosure(user, disclosure) -> bool:
    if not disclosure.members_only:
        return True
    return signed_in(user) and _belongs_to(user, disclosure.region)


def may_moderate(user, disclosure) -> bool:
    """Progress of a major matter, hiding comments: whoever may publish for its region."""
    return may_publish(user, disclosure.region)


def may_see_hidden_comments(user, disclosure) -> bool:
    """Whoever may moderate the notice, and the township and county above it."""
    return signed_in(user) and (may_publish(user, disclosure.region)
                                or holds(user, ("township_staff", "admin"), disclosure.region))


def may_write_to(user, village: Region) -> bool:
    """Anyone logged in writes to their own village's secretary."""
    return signed_in(user) and user.village_id == village.id


def may_answer_letters(user, village: Region) -> bool:
    return holds_exactly(user, ("party_secretary", "admin", "cadre"), village.id)


def sees_private_letters(user, village: Region) -> bool:
    return may_answer_letters(user, village) or holds(user, ("township_staff", "admin"), village)


def may_read_mailbox(user, village: Region) -> bool:
    """A village's mailbox page: its own people, those who answer, and those above."""
    return signed_in(user) and (village.id == user.village_id or sees_private_letters(user, village))


def overview_regions(user) -> list[Region]:
    """The regions whose villages a township or county desk compares (answer rates, …)."""
    return top_regions(regions_where(user, "township_staff", "admin"))


def may_view_mailbox_overview(user) -> bool:
    return bool(overview_regions(user))


def may_view_letter(user, letter) -> bool:
    if not letter.is_private:
        return True
    return signed_in(user) and (user.id == letter.writer_id or sees_private_letters(user, letter.village))


def may_answer_letter(user, letter) -> bool:
    return may_answer_letters(user, letter.village)


def may_keep_accounts(user, village: Region) -> bool:
    """The village's cadres (the accountant among them) keep and publish the ledger."""
    return holds_exactly(user, VILLAGE_TEAM, village.id)


def may_read_accounts(user, village: Region) -> bool:
    """Published accounts are for the people of the village and those over it."""
    return signed_in(user) and _belongs_to(user, village)


def may_see_receipt(user, village: Region, published: bool) -> bool:
    """A receipt is seen by whoever may read the village's accounts once its period is
    published, and by the cadres who keep them before that."""
    return may_read_accounts(user, village) and (published or may_keep_accounts(user, village))


def require_reader(user, village: Region) -> None:
    """Stop unless the user may read the village's records for members (accounts, the
    micro-power list, points); an unverified resident is told how to get verified."""
    require_member(may_read_accounts(user, village), user, village)


def readable_village(region_id, user) -> Region:
    """The village named in the request (default: the user's own) whose public records —
    accounts, the micro-power list — the user may read; 404 or 403 otherwise."""
    from ..regions.queries import region_by_id

    village = region_by_id(region_id) or user.village
    if village.level != VILLAGE:
        abort(404)
    require_reader(user, village)
    return village


__all__ = ["PUBLISH_ROLES", "may_answer_letter", "may_answer_letters", "may_keep_accounts", "may_moderate",
           "may_publish", "may_publish_anywhere", "may_read_accounts", "may_read_mailbox", "may_see_hidden_comments",
           "may_see_receipt", "may_view_broadcast", "may_view_disclosure", "may_view_letter", "may_view_mailbox_overview", "may_write_to", "overview_regions",
           "publish_regions", "readable_village", "require_reader", "sees_private_letters"]
