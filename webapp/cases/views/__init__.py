from flask_login import current_user  # noqa: F401

from ...auth import authorised, may_view_case
from ..queries import case_by_id


def case_for(case_id, may=may_view_case, *more):
    """The case named in the URL, or 404; the current user may do this to it, or 403."""
    return authorised(case_by_id(case_id), may, *more)


from . import handling, page, reporting, stats  # noqa: E402, F401
