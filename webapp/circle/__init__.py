"""The village circle (村友圈): villagers' posts, products and activities, local news, weather and
safety tips, and the moderation that keeps it a place people trust."""
from flask import Blueprint

bp = Blueprint("circle", __name__)
