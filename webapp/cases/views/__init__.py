from . import handling, mediation, reporting, stats  # noqa: F401
