"""Printing figures in the one BENCH format."""
import operator

_OPS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}
_missed: list[str] = []


def figure(name: str, value: float, unit: str, op: str, goal: float) -> bool:
    ok = _OPS[op](value, goal)
    if not ok:
        _missed.append(name)
    shown = f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    print(f"BENCH {name} {shown} {unit} goal {op} {goal:g} {'PASS' if ok else 'FAIL'}", flush=True)
    return ok


def failures() -> list[str]:
    return list(_missed)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
