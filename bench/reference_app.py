"""The two reference pages the server is measured against, served by the same server, on the
same core, in the same run:

- `/hello`: bare Flask returning a word;
- `/reference`: the least a page of ours could cost with the same parts: Flask-SQLAlchemy's
  session and one ORM query (the five newest notices of the same database), a Jinja template
  that extends a layout, compressed by Flask-Compress as our pages are (the 14 KB budget is
  compressed bytes). No session cookie, no login, no translation, no permission check.

A page of ours is judged by its share of the second: what is missing is what our code costs.
"""
import os

from flask import Flask, render_template
from flask_compress import Compress
from flask_sqlalchemy import SQLAlchemy
from jinja2 import DictLoader
from sqlalchemy import Integer, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

LAYOUT = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{% block title %}{% endblock %}</title>
</head><body><header>村里</header><main>{% block content %}{% endblock %}</main></body></html>"""
PAGE = """{% extends "layout.html" %}{% block title %}{{ title }}{% endblock %}{% block content %}
<h1>{{ title }}</h1><ul>
{% for notice in notices %}<li><a href="/notices/{{ notice.id }}">{{ notice.title }}</a> {{ notice.year }}</li>{% endfor %}
</ul>{% endblock %}"""


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Notice(db.Model):
    __tablename__ = "disclosure"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    year: Mapped[int] = mapped_column(Integer)


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI=os.environ["DATABASE_URL"], COMPRESS_ALGORITHM=["br", "gzip"],
                      COMPRESS_MIN_SIZE=256, COMPRESS_BR_LEVEL=5)  # as ours
    app.jinja_loader = DictLoader({"layout.html": LAYOUT, "page.html": PAGE})
    db.init_app(app)
    Compress(app)

    @app.route("/hello")
    def hello():
        return "hello"

    @app.route("/reference")
    def reference():
        notices = db.session.scalars(select(Notice).order_by(Notice.id.desc()).limit(5)).all()
        return render_template("page.html", title="村务公开", notices=notices)

    return app
