"""Whether the current request or job may write: SQLite transactions that may write begin with
BEGIN IMMEDIATE, readers with a plain BEGIN (database.py says why). A leaf module, so that the
database glue and the page versions both read it without importing each other."""
import contextvars
from contextlib import contextmanager

_may_write = contextvars.ContextVar("may_write", default=True)


def set_write_intent(may_write: bool) -> None:
    _may_write.set(may_write)


def may_write() -> bool:
    return _may_write.get()


@contextmanager
def only_reading():
    """A connection opened inside begins as a reader (plain BEGIN) whatever the request or job
    around it may do: a short read beside a writer's transaction must not queue behind it."""
    token = _may_write.set(False)
    try:
        yield
    finally:
        _may_write.reset(token)
