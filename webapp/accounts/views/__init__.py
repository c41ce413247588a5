from . import admin, profile, session, verification  # noqa: F401
