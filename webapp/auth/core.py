"""The grammar of every permission: a role is held in a region and reaches that region and
everything below it, never across. A village cadre of 东岙村 acts in 东岙村 and its groups and
grids, not in 西岭村; one person may hold several roles."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required
from werkzeug.exceptions import Forbidden

from ..regions.models import Region


def signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def regions_where(user, *roles: str) -> list[Region]:
    """The regions in which the user holds any of the roles."""
    if not signed_in(user):
        return []
    return [m.region for m in user.memberships if m.role in roles]


def home_regions(user) -> list[Region]:
    """Where a person belongs: their village and the region of each role they hold (what a
    page of theirs may show; page_cache keeps their pages by these)."""
    if not signed_in(user):
        return []
    return [r for r in [user.village] + [m.region for m in user.memberships] if r is not None]


def top_regions(regions: list[Region]) -> list[Region]:
    """The regions not inside another of them (a county admin's list is just the county)."""
    return [r for r in regions if not any(o is not r and o.contains(r) for o in regions)]


def holds(user, roles: tuple[str, ...], region: Region | None) -> bool:
    """True when the user holds one of the roles in region or in a region above it."""
    return region is not None and any(r.contains(region) for r in regions_where(user, *roles))


def holds_exactly(user, roles: tuple[str, ...], region_id: int | None) -> bool:
    """True when the user holds one of the roles in that very region."""
    return signed_in(user) and any(m.role in roles and m.region_id == region_id for m in user.memberships)


# ---- what views do with the answers ---------------------------------------------------------

def require(allowed: bool) -> None:
    """Stop the request with 403 unless allowed."""
    if not allowed:
        abort(403)


def requires(check):
    """Decorator for views whose permission does not depend on a loaded object."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            require(check(current_user))
            return view(*args, **kwargs)

        return wrapped

    return decorator


def authorised(found, may, *more, hidden: bool = False):
    """The loader's one call: 404 when the object does not exist, 403 when the current user
    may not do this to it (`may(user, obj, *more)`), else the object. `hidden`: 404 in both
    cases, for objects whose very existence is private (someone's notifications)."""
    if found is None:
        abort(404)
    if not may(current_user, found, *more):
        abort(404 if hidden else 403)
    return found


class MembersOnly(Forbidden):
    """403 for content kept for a village's verified members, shown to a resident who has
    not been verified yet (the error page says who can verify them)."""

    description = "members only"


def awaits_verification_for(user, region: Region) -> bool:
    """Lives in the region but is not verified yet: told what the content is for and how to
    get verified, rather than only "no permission"."""
    return signed_in(user) and not user.is_verified and region.contains(user.village)


def require_member(allowed: bool, user, region: Region) -> None:
    if allowed:
        return
    if awaits_verification_for(user, region):
        raise MembersOnly()
    abort(403)
