"""Thin jobs: each takes ids, opens an app context, calls a service and commits (a job is an
edge, like a request). Batch runners (the sweep, delivery, monthly reports) commit per batch."""
from functools import wraps


def in_app(job):
    """Run the job inside an app context built from the environment's configuration."""

    @wraps(job)
    def wrapped(*args, **kwargs):
        from webapp import create_app
        from webapp.transaction import edge

        app = _app_cache.get("app") or _app_cache.setdefault("app", create_app())
        with app.app_context():
            return edge(job)(*args, **kwargs)  # a job is an edge: it commits when it ends

    return wrapped


_app_cache: dict = {}


def warm_up() -> None:
    """Build the app before the worker forks its job processes."""
    from webapp import create_app

    app = _app_cache.setdefault("app", create_app())
    from webapp.extensions import db

    with app.app_context():
        db.engine.dispose()  # no connection may cross a fork
