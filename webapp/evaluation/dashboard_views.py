"""The dashboard of a township's command centre or the county: trends, ranking, survey."""
from flask import request
from flask_login import current_user

from ..auth import dashboard_regions, may_view_dashboard, require, requires, sees_dashboard
from ..htmx import render
from ..page_cache import cached_page, depends_on_region
from ..regions.models import COUNTY, TOWNSHIP
from ..regions.queries import children_of, region_by_id
from . import bp
from .dashboard import dashboard


@bp.route("/evaluation/dashboard")
@cached_page
@requires(sees_dashboard)
def dashboard_page():
    asked = request.args.get("region")
    region = region_by_id(asked) if asked else dashboard_regions(current_user)[0]
    require(may_view_dashboard(current_user, region))
    depends_on_region(region.id)
    # Whoever sees a township's dashboard may read its villages' survey comments (auth).
    return render("evaluation/dashboard.html", region=region, **dashboard(region),
                  comments_by_village=region.level == TOWNSHIP,
                  townships=children_of(region, TOWNSHIP) if region.level == COUNTY else [])
