"""The two reference pages the server is measured against, served by the same server, on the
same core, in the same run: a bare Flask "hello" and a one-query Jinja page (the five latest
notices of the same database through SQLAlchemy, rendered by a small template). A page of
ours is judged by its share of the second: what is left is what our own code costs."""
import os

from flask import Flask
from sqlalchemy import create_engine, text

REFERENCE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{{ title }}</title></head><body><h1>{{ title }}</h1><ul>
{% for row in rows %}<li><a href="/notices/{{ row.id }}">{{ row.title }}</a></li>{% endfor %}
</ul></body></html>"""


def create_app() -> Flask:
    app = Flask(__name__)
    engine = create_engine(os.environ["DATABASE_URL"])
    template = app.jinja_env.from_string(REFERENCE)  # compiled once, as Flask does a file

    @app.route("/hello")
    def hello():
        return "hello"

    @app.route("/reference")
    def reference():
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, title FROM disclosure ORDER BY id DESC LIMIT 5")).all()
        return template.render(title="村务公开", rows=rows)

    return app
