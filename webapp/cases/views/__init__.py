from . import handling, page, reporting, stats  # noqa: F401
