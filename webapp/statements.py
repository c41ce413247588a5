"""What kind of statement the database is sent: a read, or anything else (counted as a write
by database.py, which then commits, and by page_versions.py, which then bumps `all`)."""

# An unknown statement counts as a write: erring that way only costs a commit or a page made again.
READ_STATEMENTS = ("SELECT", "BEGIN", "SAVEPO", "RELEAS", "ROLLBA", "PRAGMA", "SHOW", "SET ")


def is_read(statement: str) -> bool:
    return statement.lstrip()[:6].upper().startswith(READ_STATEMENTS)
