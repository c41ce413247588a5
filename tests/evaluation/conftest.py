"""A week of cases counted by hand, on the controlled clock of the cases' tests."""
import pytest

from webapp.cases.sweep import sweep_overdue

from ..cases.conftest import T0, at, march, report  # noqa: F401  (the fixtures, shared)

__all__ = ["T0", "at"]


@pytest.fixture
def week_of_cases(march, report):  # noqa: F811
    """Week 2025-W10 (Monday 3 March 2025, T0 = 09:00 Beijing): the six reports of 东岙村 counted
    by hand for the figures page (tests/cases/conftest.py `march`: a b d f handled in time,
    c handled after missing the grid's 24 h, e never; a d rated 满意, b 基本满意, f 不满意), and
    西岭村 g and 石溪村 (南山乡) h, never handled: both miss the grid's 24 h."""
    g = report(phone="13800000006", text="西岭村的事")
    h = report(phone="13800000010", text="石溪村的事")
    sweep_overdue(at(hours=24, seconds=1))
    return dict(zip("abcdefgh", (*march, g, h), strict=True))
