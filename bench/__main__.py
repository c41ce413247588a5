"""Run every benchmark and print its BENCH lines. Exit 1 if any figure misses its goal."""
import sys

from . import (
    broadcast,
    browser,
    circle,
    county,
    deliberation,
    escalation,
    evaluation,
    load,
    pages,
    points_report,
    sweep,
    uploads,
)
from .postgres import postgres_url
from .report import failures
from .served import cunli

LOADED_PAGES = ["/", "/notices", "/notices/{notice}", "/cases/new", "/points", "/finance", "/login"]


def served(app, label: str, with_browser: bool) -> None:
    """The county served by waitress as in production: under concurrent load, and (once) in
    Chromium throttled like a villager's phone."""
    instance, database_url = app.instance_path, app.config["SQLALCHEMY_DATABASE_URI"]
    villager = app.config["BENCH_VILLAGER"]
    if load.available():
        load.run(instance, database_url, villager["phone"], villager["password"],
                 [p.format(**villager) for p in LOADED_PAGES], label)
    if with_browser:
        with cunli(instance, database_url) as url:
            browser.run(url, villager)


def county_scale():
    """Pages and search, the monthly points report, load and the browser, on one generated
    county per database."""
    app = county.run(label="sqlite")
    points_report.run(app, "sqlite")
    broadcast.run(app, "sqlite")
    evaluation.run(app, "sqlite")
    circle.run(app, "sqlite")
    served(app, "sqlite", with_browser=True)
    with postgres_url() as url:
        if url is None:
            print("PostgreSQL is not on this machine: county figures on PostgreSQL not measured")
            return
        app = county.run(url, label="postgresql")
        points_report.run(app, "postgresql")
        broadcast.run(app, "postgresql")
        evaluation.run(app, "postgresql")
        circle.run(app, "postgresql")
        served(app, "postgresql", with_browser=False)


BENCHMARKS = [pages.run, pages.lessons, sweep.run, escalation.run, uploads.run, deliberation.run, county_scale]


def main(names: list[str]) -> int:
    """Every benchmark, or those named (python -m bench deliberation sweep)."""
    chosen = [b for b in BENCHMARKS if not names or b.__module__.split(".")[-1] in names or b.__name__ in names]
    for benchmark in chosen:
        benchmark()
    missed = failures()
    if missed:
        print(f"{len(missed)} figure(s) missed their goal: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
