"""Transparency (三务公开): disclosures of party affairs, village affairs, finances and major
matters, published by a village, township or county; their reads, likes and comments; the
multi-level account pages and the home feed."""
from flask import Blueprint

bp = Blueprint("disclosures", __name__)
