"""The five figures, checked against a fixture counted by hand."""
from datetime import UTC, datetime

from webapp.cases.queries import figures
from webapp.regions.queries import region_by_code

from ..client import page_text

MARCH = (datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC))


def as_dict(region):
    total, numbers = figures(region, *MARCH)
    return total, {f.key: (f.numerator, f.denominator, f.percent) for f in numbers}


def test_figures_for_the_village_equal_the_hand_count(march):
    total, numbers = as_dict(region_by_code("QS-DX-DA"))
    assert total == 6
    # handled: a b c d f (c was handled by the village after the sweep) — e was not
    assert numbers["handling"] == (5, 6, 83.3)
    assert numbers["resolution"] == (4, 6, 66.7)          # a b c d
    assert numbers["on_time"] == (4, 5, 80.0)             # a b d f; c missed the grid's 24 h
    assert numbers["satisfaction"] == (3, 4, 75.0)        # a b d of a b d f
    assert numbers["village_share"] == (3, 4, 75.0)       # a b c of a b c d


def test_the_township_and_county_see_the_same_cases_and_a_sibling_village_none(march):
    village = as_dict(region_by_code("QS-DX-DA"))
    assert as_dict(region_by_code("QS-DX")) == village
    assert as_dict(region_by_code("QS")) == village
    total, numbers = as_dict(region_by_code("QS-DX-XL"))
    assert total == 0 and numbers["handling"] == (0, 0, None)


def test_a_grid_sees_its_own_cases(march):
    assert as_dict(region_by_code("QS-DX-DA-W1"))[0] == 6
    assert as_dict(region_by_code("QS-DX-DA-W2"))[0] == 0


def test_the_stats_page_shows_each_figure_with_its_definition(march, login):
    page = page_text(login("13800000002").get(
        f"/cases/stats?region={region_by_code('QS-DX-DA').id}&from=2025-03-01&to=2025-03-31"))
    assert "83.3%" in page and "66.7%" in page and "75.0%" in page
    for words in ("事件处置率", "化解率", "及时处置率", "满意率", "村级解决占比",
                  "已有人响应处置的事件 ÷ 反映的事件总数"):
        assert words in page
    assert "第一网格" in page  # the team that missed deadlines is named
