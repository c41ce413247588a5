"""Team points of a grid service team (网格服务团队), from its cases. The formula is shown on
the page beside the numbers it uses, so a team can check its own score."""
from flask_babel import lazy_gettext as _l

from ..cases.queries import grid_team_figures

WEIGHTS = {"on_time": 10, "satisfied": 5, "basic": 2, "missed": -10}
FORMULA = _l("团队积分 = 按时处置的事件 × 10 + 评价“满意” × 5 + 评价“基本满意” × 2 − 错过期限的次数 × 10")


def team_points(figures: dict) -> int:
    return sum(weight * figures.get(key, 0) for key, weight in WEIGHTS.items())


def teams_of(village_id: int, start, end) -> list[dict]:
    """Each grid team of the village with its numbers and points, best first."""
    from sqlalchemy import select

    from ..extensions import db
    from ..regions.models import GRID, Region

    grid_names = dict(db.session.execute(select(Region.id, Region.name).where(
        Region.parent_id == village_id, Region.level == GRID)).all())
    teams = [dict(grid_id=grid_id, name=grid_names.get(grid_id, ""), points=team_points(numbers), **numbers)
             for grid_id, numbers in grid_team_figures(village_id, start, end).items()]
    return sorted(teams, key=lambda t: (-t["points"], t["name"]))
