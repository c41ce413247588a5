"""The handler's queue, the figures page and the county's deadline settings."""
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...auth import (
    case_stats_regions,
    handles_cases,
    is_county_admin,
    may_set_deadlines,
    may_view_case_stats,
    regions_where,
    require,
    requires,
    sees_case_stats,
)
from ...htmx import render
from ...params import as_day
from ...regions.queries import ancestors, children_of, region_by_id
from ...submit import submit
from .. import bp
from ..deadlines import set_deadlines, settings_for_county
from ..forms import DeadlineForm
from ..queries import figures, misses_by_team, queue_for

BEIJING = ZoneInfo("Asia/Shanghai")


@bp.route("/cases/queue")
@requires(handles_cases)
def queue():
    return render("cases/queue.html", cases=queue_for(current_user))


def _day(text: str | None, default: date) -> tuple[date, bool]:
    """The day asked for, or the default and False when it is not a date we count."""
    try:
        return (as_day(text), True) if text else (default, True)
    except ValueError:
        return default, False


def asked_period() -> tuple[date, date, bool]:
    """The first and last day asked for (this month so far by default), and whether the
    dates asked for were sensible ones."""
    today = datetime.now(BEIJING).date()
    first, first_ok = _day(request.args.get("from"), today.replace(day=1))
    last, last_ok = _day(request.args.get("to"), today)
    if last < first:
        return last, first, False
    return first, last, first_ok and last_ok


@bp.route("/cases/stats")
@requires(sees_case_stats)
def stats():
    region = region_by_id(request.args.get("region")) or case_stats_regions(current_user)[0]
    require(may_view_case_stats(current_user, region))
    first, last, sensible = asked_period()
    start, end = datetime.combine(first, time.min, BEIJING), datetime.combine(last + timedelta(days=1), time.min, BEIJING)
    total, numbers = figures(region, start, end)
    return render("cases/stats.html", status=200 if sensible else 422, bad_dates=not sensible, region=region,
                  first=first, last=last, total=total, figures=numbers, misses=misses_by_team(region, start, end),
                  places=[r for r in ancestors(region) if may_view_case_stats(current_user, r)],
                  below=[r for r in children_of(region) if r.level != "group"])


@bp.route("/cases/settings", methods=["GET", "POST"])
@requires(is_county_admin)
def settings():
    county = next(r for r in regions_where(current_user, "admin") if r.level == "county")
    require(may_set_deadlines(current_user, county))
    page = lambda form: render("cases/settings.html", form=form, county=county)  # noqa: E731
    if request.method == "GET":
        return page(DeadlineForm(obj=settings_for_county(county.id)))
    return submit(DeadlineForm(), lambda f: set_deadlines(current_user, county, f.response_hours.data,
                                                          f.village_days.data, f.township_days.data),
                  done=_("期限已保存，新的事件按新期限计算。"), then=lambda _: url_for("cases.settings"), again=page)
