"""The secretary mailbox (书记信箱): letters to the village secretary, answered in public."""
from flask import Blueprint

bp = Blueprint("mailbox", __name__)
