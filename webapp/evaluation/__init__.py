"""Evaluation (考评制): league tables, the dashboards with their charts, the villagers' survey."""
from flask import Blueprint

bp = Blueprint("evaluation", __name__)
