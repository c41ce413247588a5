"""Deliberation's writes: each checks its rule, writes the audit log, flushes, never commits."""
