"""Numbers and dates from URLs, query strings and forms, read so that a hostile value is
"not found" or a clear message, never a database error: SQLite and PostgreSQL refuse an id
beyond 64 bits with an error rather than an empty result, and Python's dates end at year 9999."""
from collections.abc import Mapping
from datetime import date

from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter

MAX_ID = 2**63 - 1  # the largest id either database can hold (BIGINT)
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years the platform has business with


def as_id(value) -> int | None:
    """An id, or None when the value cannot be one: not a number, not positive, too big."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def as_year(value) -> int:
    """A year the platform has business with (for `request.args.get(..., type=as_year)`)."""
    number = int(str(value).strip())
    if not FIRST_YEAR <= number <= LAST_YEAR:
        raise ValueError(value)
    return number


def as_page(value) -> int:
    number = int(str(value).strip())
    if not 1 <= number <= 10_000:
        raise ValueError(value)
    return number


def as_day(value) -> date:
    """An ISO date within the platform's years; ValueError otherwise."""
    day = date.fromisoformat(str(value).strip())
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(value)
    return day


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: a number beyond 64 bits is a 404, not a database error."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


class NulFreeMultiDict(ImmutableMultiDict):
    """Query strings and forms without NUL characters: PostgreSQL refuses them in text and
    nobody types them. Files pass untouched."""

    def __init__(self, mapping=None):
        if mapping is not None and not isinstance(mapping, (MultiDict, Mapping)):
            mapping = [(key, value.replace("\x00", "") if isinstance(value, str) else value)
                       for key, value in mapping]
        elif isinstance(mapping, MultiDict):
            mapping = [(key, value.replace("\x00", "") if isinstance(value, str) else value)
                       for key, value in mapping.items(multi=True)]
        super().__init__(mapping)


class NulFreeParameters:
    """A mixin for the app's request class (htmx-flask sets its own; this goes in front)."""

    parameter_storage_class = NulFreeMultiDict
