"""The case desk (事件台账) and the overdue list (超期清单) of a township, a county or a village
team. On a phone they are lists like the handler's queue; from 1024 px wide the desk keeps the
filters beside the list and opens a case in a pane beside it (static/desk.js)."""
from flask import request
from flask_login import current_user

from ...auth import desk_regions, require, requires, uses_desk
from ...htmx import render
from ...regions.queries import region_by_id
from .. import bp
from ..desk import SORTS, desk_cases, desk_places, overdue_list, read_filter
from ..models import CATEGORIES, LADDER, LEVEL_LABELS, STATUS_LABELS


@bp.route("/cases/desk")
@requires(uses_desk)
def desk():
    desks = desk_regions(current_user)
    f = read_filter(request.args, desks, region_by_id)
    cases, total = desk_cases(desks, f)
    return render("cases/desk.html", "results", status=422 if f.problems else 200, desks=desks, f=f,
                  cases=cases, total=total, places=desk_places(desks), categories=CATEGORIES,
                  levels={k: LEVEL_LABELS[k] for k in LADDER}, statuses=STATUS_LABELS, sorts=SORTS)


@bp.route("/cases/overdue")
@requires(uses_desk)
def overdue():
    desks = desk_regions(current_user)
    place = region_by_id(request.args.get("place")) if request.args.get("place") else None
    require(place is None or any(d.contains(place) for d in desks))
    late, by_level = overdue_list(desks, place)
    return render("cases/overdue.html", desks=desks, place=place, late=late, by_level=by_level,
                  levels=LEVEL_LABELS, places=desk_places(desks))
