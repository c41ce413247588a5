"""Digital deliberation (数字协商): topics, screening votes, sortition of representatives,
meetings, trace-free votes, resolutions and their implementation (issue 12, SPEC §4). Built
in steps: the draw (sortition.py, docs/sortition.md) and the blind signatures of the ballot
(blind_signatures.py) first, as pure functions; then the tables and their services."""
from flask import Blueprint

bp = Blueprint("deliberation", __name__)

from . import models as _models  # noqa: E402,F401  (the tables, for the app and Alembic)
