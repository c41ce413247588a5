"""The draw of representatives replays bit for bit, is fair within each stratum, and the
standalone verifier (static/verify_draw.py, written apart from the server's code) agrees."""
import copy
import math
import random

import pytest

from webapp.deliberation import sortition as S

from .verifier import load_verifier


def published_draw(rng: random.Random, people: int = 120, strata: int = 6, seats: int = 15) -> dict:
    """A draw's public page as JSON, made the way the services make it."""
    labels = [f"第{i + 1}组·{'男女'[i % 2]}·{('18-39', '40-59', '60+')[i % 3]}岁" for i in range(strata)]
    roster = S.frozen_roster((str(rng.randrange(10**6)) + f"-{n}", rng.choice(labels)) for n in range(people))
    quotas = S.proportional_quotas(S.strata_sizes(roster), seats)
    secrets = [f"witness-{n}-{rng.getrandbits(64):016x}" for n in range(3)]
    page = {"algorithm": S.ALGORITHM, "roster": roster, "roster_sha256": S.roster_hash(roster), "quotas": quotas,
            "witnesses": [{"commitment": S.commitment(s), "secret": s} for s in secrets],
            "public_number": str(rng.randrange(1000))}
    page["seed"] = S.seed(page["roster_sha256"], quotas, secrets, page["public_number"])
    page["result"] = S.draw(roster, quotas, page["seed"])
    return page


def test_a_thousand_replays_of_the_published_inputs_give_the_same_panel():
    page = published_draw(random.Random(1))
    first = S.panel(page["result"])
    assert len(first) == 15
    for _ in range(1000):
        assert S.panel(S.replay(page)) == first


def test_proportional_quotas_add_up_and_follow_the_sizes():
    quotas = S.proportional_quotas({"甲": 50, "乙": 30, "丙": 20}, 7)
    assert quotas == {"甲": 4, "乙": 2, "丙": 1} and sum(quotas.values()) == 7
    assert S.proportional_quotas({"1组": 1, "2组": 1, "3组": 1}, 2) == {"1组": 1, "2组": 1, "3组": 0}  # ties: label order
    with pytest.raises(S.DrawError):
        S.proportional_quotas({"甲": 3}, 4)


def chi_square_critical_1_percent(df: int) -> float:
    """Wilson–Hilferty: the 99th percentile of χ² with df degrees of freedom."""
    z = 2.3263
    return df * (1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))) ** 3


def test_within_a_stratum_everyone_is_drawn_equally_often_over_ten_thousand_seeds():
    roster = S.frozen_roster([(f"p{n:03d}", "第一组·女·40-59岁" if n < 40 else "第二组·男·60+岁") for n in range(64)])
    quotas = {"第一组·女·40-59岁": 4, "第二组·男·60+岁": 3}
    counts = {entry["ref"]: 0 for entry in roster}
    draws = 10_000
    for n in range(draws):
        for ref in S.panel(S.draw(roster, quotas, S.sha256_hex(f"seed {n}"))):
            counts[ref] += 1
    for stratum, seats in quotas.items():
        members = [e["ref"] for e in roster if e["stratum"] == stratum]
        share = seats / len(members)
        expected = draws * share
        # Exactly `seats` are drawn each time (without replacement): each count's variance is
        # expected × (1 - share), so that is the divisor that makes the sum χ² with n-1 df.
        statistic = sum((counts[ref] - expected) ** 2 for ref in members) / (expected * (1 - share))
        assert statistic < chi_square_critical_1_percent(len(members) - 1), (stratum, statistic)


def test_the_standalone_verifier_agrees_with_the_server_on_a_hundred_random_draws():
    verifier = load_verifier()
    rng = random.Random(7)
    for _ in range(100):
        page = published_draw(rng, people=rng.randrange(20, 200), strata=rng.randrange(1, 8),
                              seats=rng.randrange(1, 20))
        problems, result = verifier.verify(page)
        assert problems == [] and result == page["result"]


def test_one_roster_entry_changed_after_the_freeze_is_caught():
    page = published_draw(random.Random(3))
    tampered = copy.deepcopy(page)
    tampered["roster"][5]["stratum"] = tampered["roster"][6]["stratum"] if \
        tampered["roster"][5]["stratum"] != tampered["roster"][6]["stratum"] else "另一类"
    tampered["roster"][5]["ref"] += "x"
    with pytest.raises(S.DrawError, match="名册"):
        S.replay(tampered)
    problems, _ = load_verifier().verify(tampered)
    assert any("roster hash" in p for p in problems)


def test_a_secret_that_is_not_the_one_committed_is_refused_and_the_verifier_says_so():
    page = published_draw(random.Random(4))
    page["witnesses"][1]["secret"] += "!"
    with pytest.raises(S.DrawError, match="第 2 位见证人"):
        S.replay(page)
    problems, _ = load_verifier().verify(page)
    assert any("witness 2" in p for p in problems)


def test_a_published_result_that_is_not_the_draw_is_caught_by_theload_verifier():
    page = published_draw(random.Random(5))
    stratum = next(s for s, r in page["result"].items() if r["selected"] and r["reserve"])
    chosen = page["result"][stratum]
    chosen["selected"][0], chosen["reserve"][0] = chosen["reserve"][0], chosen["selected"][0]
    problems, _ = load_verifier().verify(page)
    assert any("published result differs" in p for p in problems)


def test_replacements_come_next_in_the_same_stratum():
    page = published_draw(random.Random(6))
    for stratum, chosen in page["result"].items():
        members = {e["ref"] for e in page["roster"] if e["stratum"] == stratum}
        assert set(chosen["selected"]) | set(chosen["reserve"]) == members
        assert len(chosen["selected"]) == page["quotas"].get(stratum, 0)
