"""Home, the tools hub, language, the PWA files and the health check."""
from flask import current_app, jsonify, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..auth import (
    hot_topic_regions,
    is_admin_anywhere,
    is_county_admin,
    may_verify_anyone,
    publish_regions,
)
from ..care.queries import cared_for_by
from ..htmx import render
from ..i18n import LANG_COOKIE
from ..page_cache import cached_page
from ..urls import local_path
from . import bp
from .assets import SHELL_CHECK_SECONDS, asset_url, kept_for, precache_urls, shell_version
from .health import health_report
from .queries import home_for


@bp.route("/")
@cached_page
def home():
    if not current_user.is_authenticated:
        return render("shell/welcome.html")
    return render("shell/home.html", **home_for(current_user))


@bp.route("/manage")
@login_required
def manage():
    return render("shell/manage.html", may_verify=may_verify_anyone(current_user),
                  is_admin=is_admin_anywhere(current_user), is_county_admin=is_county_admin(current_user),
                  hot_topic_regions=hot_topic_regions(current_user), may_broadcast=bool(publish_regions(current_user)),
                  cared_for_anyone=bool(cared_for_by(current_user)))


@bp.route("/lang", methods=["POST"])
def switch_language():
    lang = request.form.get("lang", "")
    response = redirect(local_path(request.form.get("next")) or "/", 303)
    if lang in current_app.config["LANGUAGES"]:
        response.set_cookie(LANG_COOKIE, lang, max_age=3600 * 24 * 365, samesite="Lax", httponly=True)
    return response


@bp.route("/offline")
def offline():
    return render("shell/offline.html")


def _manifest() -> dict:
    icons = [{"src": asset_url(f"icons/{name}.png"), "sizes": size, "type": "image/png", **extra}
             for name, size, extra in (("icon-192", "192x192", {}), ("icon-512", "512x512", {}),
                                       ("maskable-512", "512x512", {"purpose": "maskable"}))]
    return {"name": "村里", "short_name": "村里", "lang": "zh-CN", "dir": "ltr",
            "description": "村务公开、民情反映、议事协商、积分，一个应用办好村里的事。",
            "id": "/", "start_url": "/?source=pwa", "scope": "/", "display": "standalone",
            "orientation": "portrait", "theme_color": "#1f6f43", "background_color": "#ffffff", "icons": icons}


@bp.route("/manifest.webmanifest")
def manifest():
    response = jsonify(_manifest())
    response.mimetype = "application/manifest+json"
    return kept_for(response, SHELL_CHECK_SECONDS)


@bp.route("/sw.js")
def service_worker():
    body = render_template("shell/sw.js", version=shell_version(), precache=precache_urls(),
                           offline_url=url_for("shell.offline"))
    response = make_response(body)
    response.mimetype = "application/javascript"
    return kept_for(response, SHELL_CHECK_SECONDS)


@bp.route("/healthz")
def healthz():
    report, healthy = health_report()
    response = jsonify(report)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
