"""League tables: a township's or the county's list of them, one table's page, its print view
and its spreadsheet. Published as notices, they are open to anyone signed in."""
from flask import abort, request, send_file
from flask_login import current_user, login_required

from ..auth import authorised, dashboard_regions, may_view_dashboard, may_view_league_table
from ..htmx import render
from ..page_cache import cached_page, depends_on_region
from ..regions.models import COUNTY, TOWNSHIP
from ..regions.queries import region_by_id
from . import bp
from .figures import rates
from .models import MONTH, WEEK, YEAR
from .periods import title
from .queries import table_by_id, tables_of
from .services import KIND_WORDS, table_title
from .xlsx import header, rows, table_workbook


def home_region(user):
    """The region whose tables a person looks at first: the one they oversee, else their
    village's township."""
    regions = dashboard_regions(user)
    if regions:
        return regions[0]
    village = user.village
    return village.parent if village is not None and village.parent is not None else None


@bp.route("/evaluation")
@cached_page
@login_required
def index():
    region = region_by_id(request.args.get("region")) if request.args.get("region") else home_region(current_user)
    if region is None or region.level not in (TOWNSHIP, COUNTY):
        abort(404)
    depends_on_region(region.id)  # kept until the worker adds a table there
    lists = [(period, KIND_WORDS[period], tables_of(region.id, period, 8 if period != YEAR else 5))
             for period in (WEEK, MONTH, YEAR)]
    return render("evaluation/index.html", region=region, lists=lists, title_of=title,
                  dashboard=may_view_dashboard(current_user, region))


def _table(table_id):
    return authorised(table_by_id(table_id), may_view_league_table)


@bp.route("/evaluation/tables/<int:table_id>")
@cached_page
@login_required
def table(table_id):
    found = _table(table_id)
    return render("evaluation/table.html", table=found, title=table_title(found), header=header(found),
                  rows=rows(found), rates=rates)


@bp.route("/evaluation/tables/<int:table_id>/print")
@login_required
def print_table(table_id):
    found = _table(table_id)
    return render("evaluation/print.html", table=found, title=table_title(found), header=header(found),
                  rows=rows(found))


@bp.route("/evaluation/tables/<int:table_id>.xlsx")
@login_required
def table_xlsx(table_id):
    found = _table(table_id)
    return send_file(table_workbook(found, table_title(found)), as_attachment=True,
                     download_name=f"evaluation-{found.region_id}-{found.label}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
