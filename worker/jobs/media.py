"""Nightly: a stored file whose rename was cut off by a crash (after its commit) is put in
place; a prepared file no change kept is deleted. Safe to run twice."""
from . import in_app


@in_app
def finish_stored_files() -> dict:
    from webapp.media import finish_parts

    finished, deleted = finish_parts()
    return {"finished": finished, "deleted": deleted}
