from . import desk, handling, page, reporting, stats  # noqa: F401
