"""Votes close at their deadline: tallied, the box published, the key destroyed. Safe to run
twice (a closed vote is left as it is)."""
from . import in_app


@in_app
def close_due_votes() -> int:
    from webapp.deliberation.services.votes import close_due_votes as close

    return close()
