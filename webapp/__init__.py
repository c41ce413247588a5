"""The app factory: config, extensions, and the one list of area blueprints."""
from pathlib import Path

from flask import Flask, g, request

from . import htmx as htmx_glue
from .config import ROOT, Config
from .database import configure_engine, set_write_intent
from .extensions import babel, compress, csrf, db, limiter, login_manager, migrate
from .params import IdConverter, NulFreeParameters


def _area_blueprints():
    """Each area's views register their routes on its blueprint when imported."""
    from .accounts import bp as accounts
    from .accounts import views as _accounts_views  # noqa: F401
    from .audit import bp as audit
    from .audit import views as _audit_views  # noqa: F401
    from .care import bp as care
    from .care import views as _care_views  # noqa: F401
    from .cases import bp as cases
    from .cases import views as _cases_views  # noqa: F401
    from .circle import activity_views as _circle_activity_views  # noqa: F401
    from .circle import bp as circle
    from .circle import moderation_views as _circle_moderation_views  # noqa: F401
    from .circle import news_views as _circle_news_views  # noqa: F401
    from .circle import views as _circle_views  # noqa: F401
    from .classes import bp as classes
    from .classes import views as _classes_views  # noqa: F401
    from .deliberation import ballot_views as _ballot_views  # noqa: F401
    from .deliberation import bp as deliberation
    from .deliberation import meeting_views as _meeting_views  # noqa: F401
    from .deliberation import task_views as _task_views  # noqa: F401
    from .deliberation import topic_views as _topic_views  # noqa: F401
    from .deliberation import views as _deliberation_views  # noqa: F401
    from .disclosures import bp as disclosures
    from .disclosures import views as _disclosures_views  # noqa: F401
    from .evaluation import bp as evaluation
    from .evaluation import dashboard_views as _dashboard_views  # noqa: F401
    from .evaluation import survey_views as _survey_views  # noqa: F401
    from .evaluation import views as _evaluation_views  # noqa: F401
    from .finance import bp as finance
    from .finance import views as _finance_views  # noqa: F401
    from .hall import bp as hall
    from .hall import manage_views as _hall_manage_views  # noqa: F401
    from .hall import request_views as _hall_request_views  # noqa: F401
    from .hall import views as _hall_views  # noqa: F401
    from .mailbox import bp as mailbox
    from .mailbox import views as _mailbox_views  # noqa: F401
    from .notifications import bp as notifications
    from .notifications import broadcast_views as _broadcast_views  # noqa: F401
    from .notifications import views as _notifications_views  # noqa: F401
    from .points import bp as points
    from .points import views as _points_views  # noqa: F401
    from .powers import bp as powers
    from .powers import views as _powers_views  # noqa: F401
    from .regions import bp as regions
    from .regions import views as _regions_views  # noqa: F401
    from .shell import bp as shell
    from .shell import views as _shell_views  # noqa: F401

    return [shell, accounts, regions, audit, cases, notifications, disclosures, mailbox, finance, powers,
            points, deliberation, evaluation, hall, classes, care, circle]


def create_app(config=None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(Path(getattr(config, "INSTANCE_PATH", None) or Config().INSTANCE_PATH)),
    )
    app.config.from_object(config or Config())
    app.url_map.converters["int"] = IdConverter  # before any route is added
    app.json.ensure_ascii = False  # Chinese as UTF-8, not \uXXXX: smaller and readable

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    compress.init_app(app)
    limiter.init_app(app)
    htmx_glue.init_app(app)
    app.request_class = type("Request", (NulFreeParameters, app.request_class), {})
    from . import i18n

    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=str(ROOT / "translations"),
    )
    i18n.init_app(app)
    with app.app_context():
        from . import page_versions

        configure_engine(db.engine)
        page_versions.configure(db.engine)

    @app.before_request
    def _declare_write_intent():
        set_write_intent(request.method not in ("GET", "HEAD", "OPTIONS"))

    from .accounts.queries import signed_in_id
    from .shell.assets import inline_css, serve_static, style_hash
    from .shell.page_style import STYLE_HASH, trim_inline_style

    serve_static(app)

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if response.mimetype == "text/html":
            # No inline script anywhere: a stored <script> in user text can never run. The one
            # inline stylesheet (so a page paints in one round trip) is allowed by its hash.
            style = g.get(STYLE_HASH) or style_hash()
            response.headers.setdefault(
                "Content-Security-Policy",
                f"default-src 'self'; style-src 'self' {style}; img-src 'self' data: blob:; media-src 'self' blob:; "
                "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
            response.headers.setdefault("Referrer-Policy", "same-origin")
            # Pages are personal: never in a shared cache. The service worker keeps its own
            # copy for offline reading and wipes it when this header names someone else.
            response.headers.setdefault("Cache-Control", "private, no-cache")
            if "X-Cunli-User" not in response.headers:  # a kept page (page_cache) has it already
                response.headers["X-Cunli-User"] = signed_in_id()
        return response

    @app.after_request  # registered after, so runs before: the CSP above names what it leaves
    def _trim_inline_style(response):
        return trim_inline_style(response, str(inline_css()))

    from . import page_cache

    page_cache.init_app(app)

    for blueprint in _area_blueprints():
        app.register_blueprint(blueprint)

    from . import accounts, auth, errors, transaction
    from .cli import register_commands

    auth.init_app(app)
    accounts.init_app(app)
    errors.init_app(app)
    register_commands(app)
    transaction.init_app(app, errors.failed_commit_page)  # last: its after_request runs first
    return app
