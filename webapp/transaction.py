"""The unit of work, and the one place that commits.

Services change the session, flush and write the audit log; they never commit, so that two of
them compose into one change (Indico's operations). The edge commits once: a request when it
ends without an error, a job or a command when it finishes (`edge`), a batch runner after each
batch. Whatever must follow a commit — a delivery enqueued, a signal to another area, a stored
file moved into place — is registered with `after_commit` and runs only once the change is in
the database; `on_rollback` undoes what a refused or failed change left behind (staged files).

On SQLite a transaction that may write begins `BEGIN IMMEDIATE` and holds the database's one
write lock until it ends. `release_write_lock()` ends the request's transaction so slow work
(decoding a villager's six photos) happens while others write; `begin_write()` opens the write
transaction again right before the service is called.
"""
import logging
from collections.abc import Callable
from functools import wraps

from flask import g, has_app_context

from .database import has_written, set_write_intent
from .extensions import db

log = logging.getLogger("cunli.transaction")
AFTER, UNDO = "cunli_after_commit", "cunli_on_rollback"
MAX_ROUNDS = 10  # hooks may write and register more hooks; this many rounds is plenty


def _hooks(key: str) -> list:
    """The hooks of the current change, kept with the app context (one per request, job or
    command), so that a session replaced on the way does not lose them."""
    if not hasattr(g, key):
        setattr(g, key, [])
    return getattr(g, key)


def after_commit(hook: Callable[[], object]) -> None:
    """Run `hook` once the current change is committed; never if it is rolled back."""
    _hooks(AFTER).append(hook)


def on_rollback(hook: Callable[[], object]) -> None:
    """Run `hook` if the current change is rolled back (or its commit fails)."""
    _hooks(UNDO).append(hook)


def _take(key: str) -> list:
    return g.pop(key, []) if has_app_context() else []


def _run_all(hooks: list, what: str) -> None:
    for hook in hooks:
        try:
            hook()
        except Exception:  # noqa: BLE001  (one hook's failure must not stop the others)
            log.exception("%s hook %r failed", what, hook)


def commit() -> None:
    """Commit the change, then run its after-commit hooks; what the hooks write (another
    area's answer to a signal) is committed in turn."""
    for _ in range(MAX_ROUNDS):
        hooks, undo = _take(AFTER), _take(UNDO)
        try:
            db.session.commit()
        except BaseException:
            db.session.rollback()
            _run_all(undo, "rollback")
            raise
        if not hooks:
            return
        _run_all(hooks, "after-commit")
    db.session.commit()


def rollback() -> None:
    """Forget the change: nothing after-commit runs, everything on-rollback does."""
    db.session.rollback()
    _take(AFTER)
    _run_all(_take(UNDO), "rollback")


def release_write_lock() -> None:
    """End the current transaction (so far only reads) and read on without the write lock
    until `begin_write()`: slow preparation must not hold every other writer of the county."""
    commit()
    set_write_intent(False)


def begin_write() -> None:
    """The next statement begins a write transaction (BEGIN IMMEDIATE on SQLite): a read
    transaction begun without write intent cannot safely become one, so it ends first."""
    if db.session().in_transaction():
        commit()
    set_write_intent(True)


def edge(work: Callable) -> Callable:
    """For jobs and commands: commit when `work` returns, roll back if it raises."""

    @wraps(work)
    def wrapped(*args, **kwargs):
        try:
            result = work(*args, **kwargs)
        except BaseException:
            rollback()
            raise
        commit()
        return result

    return wrapped


def _has_changes() -> bool:
    session = db.session()
    return bool(has_written() or g.get(AFTER) or g.get(UNDO)
                or session.new or session.dirty or session.deleted)


def init_app(app, failed_commit_page: Callable) -> None:
    """A request commits when it ends well (status below 400) and rolls back otherwise: a
    refused form (422) changes nothing, whatever a service had flushed before refusing. A
    commit the database refuses answers `failed_commit_page()`."""
    @app.after_request
    def _end_of_request(response):
        if response.status_code >= 400:
            rollback()
            return response
        if not _has_changes():
            # A page view changed nothing: its read transaction simply ends with the request
            # (the session is closed at teardown). Committing would expire every loaded row,
            # and reading the person again afterwards cost three statements on every page.
            return response
        try:
            commit()
        except Exception:  # noqa: BLE001  (a commit that fails is a clear error page, not a 500 trace)
            log.exception("commit at the end of a request failed")
            return failed_commit_page()
        return response

    @app.teardown_request
    def _after_an_error(error):
        if error is not None:
            rollback()

    @app.teardown_appcontext
    def _forget_what_was_never_committed(_error):
        """A change never committed (a command or a test that stopped half-way) keeps none of
        its files: what it prepared is deleted, nothing after-commit runs."""
        _take(AFTER)
        _run_all(_take(UNDO), "rollback")
