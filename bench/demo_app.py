"""A migrated database with the demo county in a temporary instance directory."""
import tempfile
from pathlib import Path

from flask_migrate import upgrade

from webapp import create_app
from webapp.config import Config
from webapp.demo import load_demo


def demo_app(database_url: str | None = None):
    instance = Path(tempfile.mkdtemp(prefix="cunli-bench-"))
    config = Config(instance=instance)
    config.SQLALCHEMY_DATABASE_URI = database_url or f"sqlite:///{instance / 'bench.db'}"
    config.RATELIMIT_ENABLED = False
    app = create_app(config)
    with app.app_context():
        upgrade()
        load_demo()
    return app
