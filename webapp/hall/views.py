"""The services hall as a villager meets it: the guides, one guide with its checklist, the
village's 8+X team and directory."""
from flask import abort, request
from flask_login import current_user

from .. import media
from ..auth import (
    authorised,
    may_ask,
    may_ask_for_others,
    may_keep_guides,
    may_keep_team,
    sees_team_phones,
    signed_in,
)
from ..htmx import render
from ..regions.models import VILLAGE
from ..regions.queries import region_by_id
from . import bp
from .models import GROUPS, KINDS
from .queries import directory_of, guide_by_id, guides_for, member_by_id, my_requests, team_of


def village_asked():
    """The village named (`?village=`), else the person's own; None for a visitor (the county's
    catalogue only)."""
    village = region_by_id(request.args.get("village")) if request.args.get("village") else (
        current_user.village if signed_in(current_user) else None)
    if village is not None and village.level != VILLAGE:
        abort(404)
    return village


@bp.route("/hall")
def index():
    village = village_asked()
    query = (request.args.get("q") or "").strip()[:40]
    guides = guides_for(village, query)
    grouped = {key: [g for g in guides if g.group == key] for key in GROUPS}
    return render("hall/index.html", block="guides", village=village, query=query, guides=guides,
                  grouped={k: v for k, v in grouped.items() if v}, groups=GROUPS,
                  mine=my_requests(current_user, 5) if signed_in(current_user) else [],
                  may_keep=village is not None and (may_keep_guides(current_user, village)
                                                    or may_keep_team(current_user, village)))


@bp.route("/hall/guides/<int:guide_id>")
def guide(guide_id):
    found = guide_by_id(guide_id)
    if found is None or not found.active and not may_keep_guides(current_user, found.region):
        abort(404)
    village = current_user.village if signed_in(current_user) else None
    may_request = village is not None and (may_ask(current_user, village) or may_ask_for_others(current_user, village))
    return render("hall/guide.html", guide=found, kinds=KINDS, may_request=may_request,
                  may_edit=may_keep_guides(current_user, found.region))


@bp.route("/hall/team")
def team():
    village = village_asked()
    if village is None:
        abort(404)
    return render("hall/team.html", village=village, members=team_of(village.id), entries=directory_of(village.id),
                  phones=sees_team_phones(current_user, village), may_keep=may_keep_team(current_user, village))


@bp.route("/hall/team/<int:member_id>/photo")
def member_photo(member_id):
    member = authorised(member_by_id(member_id), lambda _user, m: bool(m.photo_path))
    return media.send_stored(member.photo_path, public=True)
