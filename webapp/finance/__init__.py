"""Village finances (三资): the income and expense ledger, the assets and resources registers,
published per month or quarter as tables a villager can read on a phone."""
from flask import Blueprint

bp = Blueprint("finance", __name__)


@bp.app_template_filter("yuan")
def yuan_filter(fen: int) -> str:
    from .money import yuan

    return yuan(fen or 0)
