"""The audit log of a region, for its admins and township staff."""
from flask import abort, request
from flask_login import current_user

from ..accounts.queries import names_of
from ..auth import audit_regions, may_view_audit, require, requires
from ..htmx import render
from ..params import as_id
from ..regions.queries import region_by_id
from . import bp
from .labels import action_label
from .objects import describe_objects
from .queries import entries_in


def _may_view_any_audit(user) -> bool:
    return bool(audit_regions(user))


@bp.route("/admin/audit")
@requires(_may_view_any_audit)
def log():
    region = region_by_id(request.args.get("region")) or audit_regions(current_user)[0]
    require(may_view_audit(current_user, region))
    before = request.args.get("before", type=as_id)
    entries = entries_in(region, before)
    if before and not entries:
        abort(404)
    return render("audit/log.html", block="entries", region=region, entries=entries,
                  action_label=action_label, objects=describe_objects(entries),
                  actors=names_of({e.actor_id for e in entries if e.actor_id}))
