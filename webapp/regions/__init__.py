"""Regions: the county → township → village → group / grid tree, and its administration."""
from flask import Blueprint

bp = Blueprint("regions", __name__)

