"""Accounts: sign-up, login, the profile card, verification and people administration."""
from flask import Blueprint

bp = Blueprint("accounts", __name__)



def _load_user_for_session(token):
    from .queries import user_for_session

    return user_for_session(token)


def init_app(app) -> None:
    """Flask-Login asks the accounts area who a session or remember cookie names."""
    from ..extensions import login_manager

    login_manager.user_loader(_load_user_for_session)
