"""Run every benchmark and print its BENCH lines. Exit 1 if any figure misses its goal."""
import sys

from . import county, escalation, pages, points_report, sweep, uploads
from .postgres import postgres_url
from .report import failures


def county_scale():
    """Pages and search, then the monthly points report, on one generated county per database."""
    points_report.run(county.run(label="sqlite"), "sqlite")
    with postgres_url() as url:
        if url is None:
            print("PostgreSQL is not on this machine: county figures on PostgreSQL not measured")
            return
        points_report.run(county.run(url, label="postgresql"), "postgresql")


BENCHMARKS = [pages.run, sweep.run, escalation.run, uploads.run, county_scale]


def main() -> int:
    for benchmark in BENCHMARKS:
        benchmark()
    missed = failures()
    if missed:
        print(f"{len(missed)} figure(s) missed their goal: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
