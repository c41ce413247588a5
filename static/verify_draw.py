#!/usr/bin/env python3
"""村里 抽签核验器 — checks a published draw of representatives (cunli-sortition-v1).

Written from the method's text (docs/sortition.md), not from the server's code, with Python's
standard library only. Usage:

    python3 verify_draw.py draw.json          # the JSON downloaded from the draw's page
    python3 verify_draw.py https://…/draws/7.json

It recomputes the roster's hash, checks each witness's secret against the commitment made
before the freeze, derives the seed, redoes the draw and compares every stratum's selected
members and reserve order with what was published. Exit status 0 when all agree.
"""
import hashlib
import json
import sys
import urllib.request


def h(data):
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode("utf-8")).hexdigest()


def canonical(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def load(source):
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source) as response:
            return json.loads(response.read().decode("utf-8"))
    with open(source, encoding="utf-8") as handle:
        return json.load(handle)


def verify(published):
    """A list of problems found (empty: the draw is what the method gives) and the recomputed
    result."""
    problems = []
    roster = published["roster"]
    if [e["ref"] for e in roster] != sorted(e["ref"] for e in roster):
        problems.append("roster is not sorted by ref / 名册未按编号排序")
    if h(canonical(roster)) != published["roster_sha256"]:
        problems.append("roster hash differs from the one frozen / 名册哈希与冻结时不符")
    secrets = []
    for number, witness in enumerate(published["witnesses"], start=1):
        if h(witness["secret"]) != witness["commitment"]:
            problems.append(f"witness {number}: secret does not match commitment / 见证人{number}密语不符")
        secrets.append(witness["secret"])
    if len(secrets) < 3:
        problems.append("fewer than 3 witnesses / 见证人少于3位")
    text = "\n".join(["cunli-sortition-v1", published["roster_sha256"], canonical(published["quotas"]).decode("utf-8")]
                     + secrets + [published.get("public_number", "")])
    seed = h(text)
    if published.get("seed") and published["seed"] != seed:
        problems.append("seed differs / 种子不符")
    groups = {}
    for entry in roster:
        groups.setdefault(entry["stratum"], []).append(entry["ref"])
    result = {}
    for stratum in sorted(groups):
        order = sorted(groups[stratum], key=lambda ref: (h(seed + "\n" + stratum + "\n" + ref), ref))
        seats = published["quotas"].get(stratum, 0)
        if seats > len(order):
            problems.append(f"quota larger than stratum {stratum} / 名额多于该类人数")
        result[stratum] = {"selected": order[:seats], "reserve": order[seats:]}
    for stratum in published["quotas"]:
        if stratum not in groups:
            problems.append(f"quota for a stratum nobody is in: {stratum} / 名额所属类别无人")
    if "result" in published and published["result"] != result:
        problems.append("the published result differs from the recomputed draw / 公布结果与重算不符")
    return problems, result


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    problems, result = verify(load(argv[1]))
    for stratum, chosen in result.items():
        print(f"{stratum}: {', '.join(chosen['selected']) or '-'}")
    if problems:
        for problem in problems:
            print("✗", problem)
        return 1
    print("✓ 核验通过：结果与公布的一致 / the draw checks out")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
