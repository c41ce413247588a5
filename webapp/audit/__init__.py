"""The audit log: append-only, hash-chained; every write made through a service is here."""
from flask import Blueprint

bp = Blueprint("audit", __name__)



@bp.app_template_global()
def trail_label(action: str) -> str:
    from .labels import action_label

    return action_label(action)


@bp.app_template_global()
def trail_actor(actor_id: int) -> str:
    from ..accounts.queries import user_by_id

    actor = user_by_id(actor_id)
    return actor.name if actor else ""
