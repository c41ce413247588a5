"""What a committed change touched, so that a page kept by the page cache (page_cache.py) is
never shown after what it shows has changed.

A page depends on *scopes*, each with a version number in the `page_version` table:

- `all`: anything not scoped below (a change we cannot place bumps it, so every page is made
  again: unknown means everywhere);
- `p:<user id>`: one person's own things (their account and roles, their messages);
- `at:<region id>`: rows that belong to that region itself (a township's notice);
- `in:<region id>`: anything in that region or below it (a case in one of its villages).

Every change bumps, in its own transaction and just before it commits, the scopes of what it
wrote: a row with a region (any column referring to `region`) bumps `at:` that region and `in:`
it and every region above; a row naming people (columns referring to `user`) bumps those
people too; a row with neither bumps `all`. A model may say `page_scope = "person"` (rows
only their person sees: messages, read marks) or `page_scope = "covered"` (rows always written
beside a row that bumps for them: a notice's search words). Statements written by hand (Core
UPDATE/INSERT) bump `all`, unless the writer wraps them in `declared()` and says with
`touch_*` what they changed. Both rules err towards making pages again, never towards an old
page.
"""
import contextvars
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from flask import g, has_app_context
from sqlalchemy import Integer, String, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from .extensions import db
from .statements import is_read
from .write_intent import only_reading

ALL = "all"
BUMP_SLICE = 5000  # scopes per upsert: two variables each, far below SQLite's 32,766
BUMPED = "cunli_page_versions_bumped"  # on g: this request changed what pages show


class PageVersion(db.Model):
    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


@dataclass
class Touched:
    regions: set = field(default_factory=set)
    people: set = field(default_factory=set)
    everything: bool = False

    def __bool__(self):
        return bool(self.regions or self.people or self.everything)


_touched = contextvars.ContextVar("page_versions_touched", default=None)
_declared = contextvars.ContextVar("page_versions_declared", default=False)


def _current() -> Touched:
    touched = _touched.get()
    if touched is None:
        touched = Touched()
        _touched.set(touched)
    return touched


def touch_region(region_id) -> None:
    if region_id is None:
        touch_all()
    else:
        _current().regions.add(int(region_id))


def touch_person(user_id) -> None:
    if user_id is not None:
        _current().people.add(int(user_id))


def touch_all() -> None:
    _current().everything = True


@contextmanager
def declared():
    """Statements inside bump nothing by themselves: the writer says what they changed with
    touch_region / touch_person (for a write that may change nothing, only when it did)."""
    token = _declared.set(True)
    try:
        yield
    finally:
        _declared.reset(token)


# -- Which scopes a row touches, from its table's foreign keys -------------------------------

_columns_of: dict = {}


def _scoped_columns(table) -> tuple[list[str], list[str]]:
    """(columns naming a region, columns naming a person) of a table, found once."""
    if table.name not in _columns_of:
        regions, people = [], []
        for column in table.columns:
            targets = {fk.column.table.name for fk in column.foreign_keys}
            if "region" in targets:
                regions.append(column.key)
            if "user" in targets:
                people.append(column.key)
        if table.name == "user":
            people.append("id")
        _columns_of[table.name] = (regions, people)
    return _columns_of[table.name]


def _touch_values(kind, table, values) -> None:
    """One row's scopes: `values(column)` gives the row's values of a column (old and new)."""
    if kind == "covered":
        return
    regions, people = _scoped_columns(table)
    for column in people:
        for value in values(column):
            touch_person(value)
    if kind == "person":
        return
    placed = [value for column in regions for value in values(column) if value is not None]
    if not placed:
        touch_all()
    for value in placed:
        touch_region(value)


_kinds: dict = {}


def _kind_of(table) -> str | None:
    """A table's model's page_scope, found once (bulk inserts come in thousands)."""
    if table.name not in _kinds:
        _kinds[table.name] = next((getattr(m.class_, "page_scope", None) for m in db.Model.registry.mappers
                                   if m.local_table is table), None)
    return _kinds[table.name]


def rows_written(table, rows: list[dict]) -> None:
    """For bulk inserts made by hand (database.insert_rows): the scopes of each row."""
    kind = _kind_of(table)
    for row in rows:
        _touch_values(kind, table, lambda column, row=row: [row.get(column)])


def _after_flush(session, _context) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        state = sa_inspect(obj)
        mapper = state.mapper

        def values(column, state=state):
            # A row moved from one village to another changes the pages of both.
            history = state.attrs[column].history
            return [*history.unchanged, *history.added, *history.deleted] if column in state.attrs else []

        _touch_values(getattr(mapper.class_, "page_scope", None), mapper.local_table, values)


def _statement(_conn, _cursor, statement: str, *_args) -> None:
    """A write by hand (not the unit of work's flush) that nobody declared: bump `all`."""
    if _declared.get() or is_read(statement):
        return
    if db.session.registry.has() and db.session()._flushing:  # noqa: SLF001 (the flush's rows are placed by _after_flush)
        return
    touch_all()


def _ancestors(region_ids: set) -> dict[int, list[int]]:
    from .regions.queries import regions_by_id

    found = regions_by_id(region_ids)
    return {rid: found[rid].ancestor_ids if rid in found else [rid] for rid in region_ids}


def scopes_of(touched: Touched) -> list[str]:
    scopes = {ALL} if touched.everything else set()
    scopes |= {f"p:{uid}" for uid in touched.people}
    chains = _ancestors(touched.regions) if touched.regions else {}
    for region_id, chain in chains.items():
        scopes.add(f"at:{region_id}")
        scopes |= {f"in:{rid}" for rid in chain}
    return sorted(scopes)  # one order for every writer: PostgreSQL takes the row locks in it


def _bump(session) -> None:
    session.flush()  # objects still pending are placed before the versions are bumped
    touched = _touched.get()
    if not touched:
        return
    _touched.set(None)
    with declared():
        scopes = scopes_of(touched)
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        table = PageVersion.__table__
        # In slices: one statement for 180,000 people would pass SQLite's limit on variables.
        for start in range(0, len(scopes), BUMP_SLICE):
            statement = dialect.insert(table).values([{"scope": s, "version": 1}
                                                      for s in scopes[start:start + BUMP_SLICE]])
            session.execute(statement.on_conflict_do_update(index_elements=["scope"],
                                                            set_={"version": table.c.version + 1}))
    if has_app_context():
        setattr(g, BUMPED, True)


def _begin(_session, transaction) -> None:
    """A new outermost transaction starts with nothing touched (what a rolled-back one touched
    is forgotten here, not on rollback: rolling back to a savepoint keeps what came before)."""
    if transaction.parent is None:
        _touched.set(None)


def bumped_in_this_request() -> bool:
    return bool(has_app_context() and g.get(BUMPED))


@lru_cache(maxsize=64)
def _versions_sql(count: int, paramstyle: str) -> str:
    marks = ", ".join(["?" if paramstyle == "qmark" else "%s"] * count)
    return f"SELECT scope, version FROM {PageVersion.__tablename__} WHERE scope IN ({marks})"


_reading_engines: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _reading_engine(engine):
    """On PostgreSQL the engine in autocommit: a kept page is one round trip to the server, not
    BEGIN, SELECT and ROLLBACK (p95 under load 43-55 ms -> 33-38 ms). SQLite is in-process."""
    if engine.dialect.name == "sqlite":
        return engine
    if engine not in _reading_engines:
        _reading_engines[engine] = engine.execution_options(isolation_level="AUTOCOMMIT")
    return _reading_engines[engine]


def versions(scopes) -> dict[str, int]:
    """The current version of each scope (0 for one never bumped), in one statement: all a
    kept page costs the database. On a connection of its own, not the session's, and as plain
    SQL (compiling the ORM's IN-list was two thirds of a kept page's 0.4 ms here). Read before
    the view reads, a version is never newer than what the page shows, whichever connection
    reads it."""
    scopes = list(scopes)
    engine = db.engine
    with only_reading(), _reading_engine(engine).connect() as connection:
        found = dict(connection.exec_driver_sql(_versions_sql(len(scopes), engine.dialect.paramstyle),
                                                tuple(scopes)).all())
    return {scope: found.get(scope, 0) for scope in scopes}


def configure(engine) -> None:
    event.listen(engine, "before_cursor_execute", _statement)


event.listen(Session, "after_flush", _after_flush)
event.listen(Session, "before_commit", _bump)
event.listen(Session, "after_transaction_create", _begin)
