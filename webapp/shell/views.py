"""Home, the tools hub, language, the PWA files and the health check."""
from flask import current_app, jsonify, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..accounts.queries import awaiting_verification, contacts, verification_helpers
from ..auth import (
    handles_cases,
    is_admin_anywhere,
    may_read_accounts,
    may_verify_anyone,
    may_view_disclosure,
    regions_where,
    verification_regions,
)
from ..cases.queries import queue_for
from ..database import utcnow
from ..disclosures.queries import listing
from ..finance.queries import periods_of
from ..htmx import render
from ..i18n import LANG_COOKIE
from ..regions.queries import ancestors
from ..urls import local_path
from . import bp
from .assets import precache_urls, shell_version
from .health import health_report


@bp.route("/")
def home():
    if not current_user.is_authenticated:
        return render("shell/welcome.html")
    village = current_user.village
    helpers = [] if current_user.is_verified else verification_helpers(current_user)
    pending = len(awaiting_verification(verification_regions(current_user))) if may_verify_anyone(current_user) else 0
    waiting = queue_for(current_user) if handles_cases(current_user) else []
    places = ancestors(village)
    latest = listing(current_user, [r.id for r in places], limit=20)
    notices = latest[:5]
    open_period = periods_of(village.id)[:1] if may_read_accounts(current_user, village) else []
    # The latest 20 notices and the open finance period are kept readable offline.
    keep_offline = [url_for("disclosures.show", notice_id=n.id) for n in latest
                    if may_view_disclosure(current_user, n)] + [
        url_for("finance.period", period_id=p.id) for p in open_period]
    return render("shell/home.html", village=village, places=places, helpers=helpers, notices=notices,
                  keep_offline=keep_offline,
                  waiting_cases=len(waiting), overdue_cases=sum(1 for c in waiting if c.due_at and c.due_at <= utcnow()),
                  team=contacts([village, current_user.grid], ("party_secretary", "cadre", "grid_worker")),
                  pending=pending)


@bp.route("/manage")
@login_required
def manage():
    return render("shell/manage.html", may_verify=may_verify_anyone(current_user),
                  is_admin=is_admin_anywhere(current_user),
                  is_county_admin=any(r.level == "county" for r in regions_where(current_user, "admin")))


@bp.route("/lang", methods=["POST"])
def switch_language():
    lang = request.form.get("lang", "")
    response = redirect(local_path(request.form.get("next")) or "/")
    if lang in current_app.config["LANGUAGES"]:
        response.set_cookie(LANG_COOKIE, lang, max_age=3600 * 24 * 365, samesite="Lax", httponly=True)
    return response


@bp.route("/offline")
def offline():
    return render("shell/offline.html")


@bp.route("/manifest.webmanifest")
def manifest():
    icons = [
        {"src": url_for("static", filename="icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": url_for("static", filename="icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {"src": url_for("static", filename="icons/maskable-512.png"), "sizes": "512x512",
         "type": "image/png", "purpose": "maskable"},
    ]
    data = {
        "name": "村里", "short_name": "村里", "lang": "zh-CN", "dir": "ltr",
        "description": "村务公开、民情反映、议事协商、积分，一个应用办好村里的事。",
        "id": "/", "start_url": "/?source=pwa", "scope": "/", "display": "standalone",
        "orientation": "portrait", "theme_color": "#1f6f43", "background_color": "#ffffff",
        "icons": icons,
    }
    response = jsonify(data)
    response.mimetype = "application/manifest+json"
    return response


@bp.route("/sw.js")
def service_worker():
    body = render_template("shell/sw.js", version=shell_version(), precache=precache_urls(),
                           offline_url=url_for("shell.offline"))
    response = make_response(body)
    response.mimetype = "application/javascript"
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.route("/healthz")
def healthz():
    report, healthy = health_report()
    response = jsonify(report)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
