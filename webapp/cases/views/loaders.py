"""Loading a case for a view: found (else 404) and allowed (else 403), in one call."""
from ...auth import authorised, may_view_case
from ..queries import case_by_id


def case_for(case_id, may=may_view_case, *more):
    """The case named in the URL; the current user may do this to it (`may(user, case, *more)`)."""
    return authorised(case_by_id(case_id), may, *more)
