"""Accounts: sign-up, login, the profile card, verification and people administration."""
from flask import Blueprint

bp = Blueprint("accounts", __name__)

