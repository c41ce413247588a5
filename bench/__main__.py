"""Run every benchmark and print its BENCH lines. Exit 1 if any figure misses its goal."""
import sys

from . import escalation, pages, sweep
from .report import failures

BENCHMARKS = [pages.run, sweep.run, escalation.run]


def main() -> int:
    for benchmark in BENCHMARKS:
        benchmark()
    missed = failures()
    if missed:
        print(f"{len(missed)} figure(s) missed their goal: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
