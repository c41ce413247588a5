"""Deliberation's writes: each checks its rule, writes the audit log, flushes, never commits."""
from . import screening as _screening  # noqa: F401  (registers what a screening vote's close settles)
