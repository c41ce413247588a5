"""Database glue: SQLite pragmas and transaction mode, and a UTC timestamp type.

SQLite in WAL mode lets many readers run beside one writer, but a transaction that began as a
reader and later writes fails at once with SQLITE_BUSY if another writer committed meanwhile
(busy_timeout cannot help). So a transaction that may write begins with BEGIN IMMEDIATE and
waits its turn, while page views (GET) begin plain deferred transactions and never block.
PostgreSQL needs none of this.
"""
from datetime import UTC, datetime

from flask import g, has_app_context
from sqlalchemy import DateTime, event, types
from sqlalchemy.orm import Session

from .statements import is_read
from .write_intent import may_write, set_write_intent  # noqa: F401 (the edges set it through here)

_WROTE = "cunli_wrote"


def note_written() -> None:
    """The current transaction has written to the database (and must be committed)."""
    if has_app_context():
        setattr(g, _WROTE, True)


def _forget_writes(_session, transaction) -> None:
    """The transaction that wrote has ended (committed or rolled back). Only the outermost:
    a savepoint released or rolled back leaves the writes before it to be committed."""
    if transaction.parent is None and has_app_context():
        g.pop(_WROTE, None)


event.listen(Session, "after_transaction_end", _forget_writes)


def has_written() -> bool:
    return bool(has_app_context() and g.get(_WROTE))


def _note_statement(_conn, _cursor, statement: str, *_args) -> None:
    # Anything but a read counts as a write (an unknown statement too): a request that wrote
    # must commit, one that only read need not.
    if not is_read(statement):
        note_written()


def configure_engine(engine) -> None:
    event.listen(engine, "before_cursor_execute", _note_statement)
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if may_write() else "BEGIN")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(types.TypeDecorator):
    """Aware UTC datetimes in Python on every database (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def insert_rows(table, rows: list[dict], shown: bool = True) -> None:
    """Insert many rows at once (the sweep writes tens of thousands). PostgreSQL takes them by
    COPY, one stream instead of a statement per row; SQLite's executemany is already fast.
    `shown=False`: rows no page shows (a broadcast's outbox), so no page is made again for them."""
    from sqlalchemy import insert

    from .extensions import db
    from .page_versions import declared, rows_written

    if not rows:
        return
    if shown:
        rows_written(table, rows)
    with declared():
        _insert_rows(db, insert, table, rows)


def _insert_rows(db, insert, table, rows: list[dict]) -> None:
    if db.engine.dialect.name != "postgresql":
        db.session.execute(insert(table), rows)
        return
    columns = list(rows[0])
    note_written()  # COPY does not pass through the engine's statement events
    cursor = db.session.connection().connection.cursor()
    names = ", ".join(f'"{c}"' for c in columns)
    with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def make_append_only(op, table: str) -> None:
    """For migrations: the database itself refuses UPDATE and DELETE on a ledger table."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger AS $$ "
                   "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql")
        op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION refuse_change()")
    else:
        for name in ("update", "delete"):
            op.execute(f"CREATE TRIGGER {table}_no_{name} BEFORE {name.upper()} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")


def insert_if_new(model, values: dict):
    """INSERT … ON CONFLICT DO NOTHING RETURNING id, on SQLite and PostgreSQL alike: the
    result has a row when the row was new (rowcount is -1 under psycopg, so it cannot say).
    For counters that must not raise on every repeat."""
    from sqlalchemy.dialects import postgresql, sqlite

    from .extensions import db

    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    table = model.__table__
    return dialect.insert(table).values(**values).on_conflict_do_nothing().returning(table.c.id)
