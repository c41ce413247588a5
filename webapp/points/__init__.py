"""Points (积分制, 电子功德银行): a catalogue of rules, an append-only ledger, derived balances."""
from flask import Blueprint

bp = Blueprint("points", __name__)
