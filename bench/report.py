"""Printing figures in the one BENCH format."""
import operator

_OPS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}
_missed: list[str] = []


def _shown(value) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def figure(name: str, value: float, unit: str, op: str, goal: float, spread: tuple | None = None) -> bool:
    """One BENCH line; `spread` (min, max) of the runs the value is the median of."""
    ok = _OPS[op](value, goal)
    if not ok:
        _missed.append(name)
    beside = f" (min {_shown(float(spread[0]))} max {_shown(float(spread[1]))})" if spread else ""
    print(f"BENCH {name} {_shown(value)} {unit} goal {op} {goal:g} {'PASS' if ok else 'FAIL'}{beside}", flush=True)
    return ok


def failures() -> list[str]:
    return list(_missed)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
