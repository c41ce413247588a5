"""The services hall (办事大厅): service guides, the village's 8+X team and directory, requests."""
from flask import Blueprint

bp = Blueprint("hall", __name__)
