from . import notices  # noqa: F401
