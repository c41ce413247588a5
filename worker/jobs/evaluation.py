"""The evaluation area's periodic work: league tables, made once per region and period
whatever reruns (the database's unique key), a missed week or month caught up by the next run."""
from . import in_app


@in_app
def make_league_tables() -> int:
    """Every finished week, month and year without its table gets one; the teams' places are
    then delivered."""
    from webapp.evaluation.services import make_due_tables
    from webapp.jobs import request_delivery

    made = make_due_tables()
    if made:
        request_delivery()
    return made
