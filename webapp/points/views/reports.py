"""Team points, the village's monthly points reports (page, print view, XLSX) and the yearly
service stars."""

from flask import abort, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...auth import may_run_points, readable_village, require
from ...database import utcnow
from ...htmx import render
from ...params import as_id, as_year
from ...submit import submit
from .. import bp, services
from ..forms import StarsForm
from ..models import KINDS, PointReport
from ..queries import report_by_id, reports_of, stars_of, year_candidates
from ..reports_xlsx import report_tables, report_workbook
from ..teams import FORMULA, WEIGHTS, teams_of


@bp.route("/points/teams")
@login_required
def teams():
    village = readable_village(request.args.get("village", type=as_id), current_user)
    start, end = services.month_of(utcnow())
    return render("points/teams.html", village=village, teams=teams_of(village.id, start, end),
                  formula=FORMULA, weights=WEIGHTS, month=start.astimezone(services.BEIJING))


@bp.route("/points/village")
@login_required
def village_ranking():
    village = readable_village(request.args.get("village", type=as_id), current_user)
    reports = reports_of(village.id)
    return render("points/village.html", village=village, latest=reports[0] if reports else None,
                  reports=reports, stars=stars_of(village.id), may_choose=may_run_points(current_user, village))


def _report(report_id) -> PointReport:
    report = report_by_id(report_id) or abort(404)
    readable_village(report.village_id, current_user)
    return report


@bp.route("/points/reports/<int:report_id>")
@login_required
def report(report_id):
    report = _report(report_id)
    return render("points/report.html", report=report, tables=report_tables(report), kinds=KINDS)


@bp.route("/points/reports/<int:report_id>/print")
@login_required
def print_report(report_id):
    report = _report(report_id)
    return render("points/print.html", report=report, tables=report_tables(report), kinds=KINDS, formula=FORMULA)


@bp.route("/points/reports/<int:report_id>.xlsx")
@login_required
def report_xlsx(report_id):
    report = _report(report_id)
    return send_file(report_workbook(report), as_attachment=True, download_name=f"points-{report.month}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _stars_page(year: int, form=None):
    this_year = utcnow().astimezone(services.BEIJING).year
    return render("points/stars.html", year=year, years=range(this_year, this_year - 3, -1), form=form,
                  candidates=year_candidates(current_user.village_id, year))


@bp.route("/points/stars", methods=["GET", "POST"])
@login_required
def stars():
    village = current_user.village
    require(may_run_points(current_user, village))
    year = request.values.get("year", type=as_year) or utcnow().astimezone(services.BEIJING).year
    if request.method == "GET":
        return _stars_page(year)
    return submit(StarsForm(), lambda f: services.choose_service_stars(
        current_user, village, year, year_candidates(village.id, year), f.people.data),
        done=_("%(y)s年度服务明星已公布。", y=year), then=lambda _: url_for("points.village_ranking"),
        again=lambda f: _stars_page(year, f))
