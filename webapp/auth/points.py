"""Points and the goodwill supermarket: who awards, corrects, decides claims, keeps the shelf
and hands goods over."""
from ..regions.models import Region
from ..roles import VILLAGE_TEAM
from .core import holds_exactly, regions_where, signed_in


def may_award_points(user, person, rule) -> bool:
    """Village cadres award any manual rule to their villagers; group leaders the rules
    marked for them, in their own group. Automatic rules are awarded by the system only."""
    if not signed_in(user) or rule is None or rule.awarded_by == "auto":
        return False
    if holds_exactly(user, VILLAGE_TEAM, person.village_id):
        return True
    return rule.awarded_by == "group_leader" and person.group_id is not None and holds_exactly(
        user, ("group_leader",), person.group_id)


def awards_points_here(user) -> bool:
    """The award page: a cadre of the person's own village, or a group leader."""
    return holds_exactly(user, VILLAGE_TEAM, user.village_id) or bool(regions_where(user, "group_leader"))


def may_reverse_entry(user, entry) -> bool:
    """A correction is for an award the person could have made: never a store hold, a
    correction itself, or automatic points."""
    return (entry.reverses_id is None and entry.rule is not None
            and may_award_points(user, entry.user, entry.rule))


def may_correct_here(user, entry) -> bool:
    """The correction route: an awarder of the entry's own village (the service decides the
    rest and says why)."""
    return awards_points_here(user) and entry.village_id == user.village_id


def may_run_points(user, village: Region) -> bool:
    """The village's cadres decide good-deed claims, keep the store's shelf and choose the
    service stars."""
    return holds_exactly(user, VILLAGE_TEAM, village.id)


def may_review_claim(user, claim) -> bool:
    return may_run_points(user, claim.user.village)


def may_see_claim_photo(user, claim) -> bool:
    return signed_in(user) and (claim.user_id == user.id or may_review_claim(user, claim))


def may_keep_store(user, village: Region) -> bool:
    """The shopkeeper of the village's goodwill supermarket hands goods over; cadres may too."""
    return holds_exactly(user, ("shopkeeper", *VILLAGE_TEAM), village.id)


def may_order_from(user, item) -> bool:
    """Only the village's own people order from its store (the service checks verification)."""
    return signed_in(user) and item.village_id == user.village_id


def shops_in(user, village: Region) -> bool:
    """The village's store is the person's own: they see their orders and the order buttons."""
    return signed_in(user) and user.village_id == village.id


def owns_order(user, order) -> bool:
    return signed_in(user) and order.user_id == user.id


def runs_points_here(user) -> bool:
    """A cadre of the user's own village: claims, the store's shelf, the service stars."""
    return bool(signed_in(user) and user.village and may_run_points(user, user.village))


def keeps_store_here(user) -> bool:
    return bool(signed_in(user) and user.village and may_keep_store(user, user.village))


__all__ = ["awards_points_here", "keeps_store_here", "may_award_points", "may_correct_here", "may_keep_store",
           "may_order_from", "may_reverse_entry", "may_review_claim", "may_run_points", "may_see_claim_photo",
           "owns_order", "runs_points_here", "shops_in"]
