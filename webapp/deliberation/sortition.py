"""The draw of representatives, `cunli-sortition-v1` (docs/sortition.md): a pure function of
the frozen roster, the quotas and the seed, so anyone can replay it bit for bit. Standard
library only, no database: the services freeze and publish the inputs, this computes."""
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping

ALGORITHM = "cunli-sortition-v1"
MIN_WITNESSES = 3
MIN_SECRET_LENGTH = 16


class DrawError(ValueError):
    """The inputs cannot make a draw (a message for the cadre, in plain words)."""


def sha256_hex(text: str | bytes) -> str:
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


def canonical(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def frozen_roster(entries: Iterable[tuple[str, str]]) -> list[dict]:
    """[(ref, stratum)] → the roster as published: sorted by ref, each ref once."""
    roster = sorted(({"ref": str(ref), "stratum": stratum} for ref, stratum in entries), key=lambda e: e["ref"])
    refs = [entry["ref"] for entry in roster]
    if len(set(refs)) != len(refs):
        raise DrawError("名册里有重复的人。")
    return roster


def roster_hash(roster: list[dict]) -> str:
    return sha256_hex(canonical(roster))


def commitment(secret: str) -> str:
    return sha256_hex(secret)


def strata_sizes(roster: list[dict]) -> dict[str, int]:
    sizes: dict[str, int] = defaultdict(int)
    for entry in roster:
        sizes[entry["stratum"]] += 1
    return dict(sizes)


def proportional_quotas(sizes: Mapping[str, int], seats: int) -> dict[str, int]:
    """Hamilton's largest remainder, in whole numbers (docs/sortition.md)."""
    total = sum(sizes.values())
    if seats < 0 or seats > total:
        raise DrawError(f"要抽 {seats} 人，但符合条件的只有 {total} 人。")
    if total == 0:
        return {}
    quotas = {stratum: seats * size // total for stratum, size in sizes.items()}
    left = seats - sum(quotas.values())
    by_remainder = sorted(sizes, key=lambda s: (-(seats * sizes[s] % total), -sizes[s], s))
    for stratum in by_remainder[:left]:
        quotas[stratum] += 1
    return quotas


def check_quotas(quotas: Mapping[str, int], sizes: Mapping[str, int]) -> None:
    for stratum, seats in quotas.items():
        if stratum not in sizes:
            raise DrawError(f"名册里没有“{stratum}”这一类人。")
        if not 0 <= seats <= sizes[stratum]:
            raise DrawError(f"“{stratum}”只有 {sizes[stratum]} 人，不能抽 {seats} 人。")


def check_reveals(commitments: list[str], secrets: list[str]) -> None:
    if len(commitments) < MIN_WITNESSES:
        raise DrawError(f"至少要 {MIN_WITNESSES} 位见证人。")
    if len(secrets) != len(commitments):
        raise DrawError("还有见证人没有公开密语。")
    for number, (promised, secret) in enumerate(zip(commitments, secrets, strict=True), start=1):
        if commitment(secret) != promised:
            raise DrawError(f"第 {number} 位见证人公开的密语与事先的承诺不符。")


def seed(roster_sha256: str, quotas: Mapping[str, int], secrets: list[str], public_number: str = "") -> str:
    lines = [ALGORITHM, roster_sha256, canonical(dict(quotas)).decode(), *secrets, public_number]
    return sha256_hex("\n".join(lines))


def member_key(seed_hex: str, stratum: str, ref: str) -> str:
    return sha256_hex(f"{seed_hex}\n{stratum}\n{ref}")


def draw(roster: list[dict], quotas: Mapping[str, int], seed_hex: str) -> dict[str, dict[str, list[str]]]:
    """{stratum: {"selected": [...], "reserve": [...]}}, strata in label order."""
    check_quotas(quotas, strata_sizes(roster))
    members: dict[str, list[str]] = defaultdict(list)
    for entry in roster:
        members[entry["stratum"]].append(entry["ref"])
    result = {}
    for stratum in sorted(members):
        ordered = sorted(members[stratum], key=lambda ref: (member_key(seed_hex, stratum, ref), ref))
        seats = quotas.get(stratum, 0)
        result[stratum] = {"selected": ordered[:seats], "reserve": ordered[seats:]}
    return result


def panel(result: Mapping[str, Mapping[str, list[str]]]) -> list[str]:
    return [ref for stratum in sorted(result) for ref in result[stratum]["selected"]]


def replay(published: Mapping) -> dict:
    """Recompute a published draw (the JSON of its public page) and return the result."""
    roster = published["roster"]
    if roster_hash(roster) != published["roster_sha256"]:
        raise DrawError("名册与冻结时公布的哈希不符。")
    commitments = [w["commitment"] for w in published["witnesses"]]
    secrets = [w["secret"] for w in published["witnesses"]]
    check_reveals(commitments, secrets)
    seed_hex = seed(published["roster_sha256"], published["quotas"], secrets, published.get("public_number", ""))
    if published.get("seed") and seed_hex != published["seed"]:
        raise DrawError("种子与公布的不符。")
    return draw(roster, published["quotas"], seed_hex)
