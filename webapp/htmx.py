"""The one place that knows about htmx requests and decides page or fragment.

htmx-flask (unmaintained since 2022) is used only here, so replacing it touches one file.
"""
from flask import make_response, render_template
from htmx_flask import Htmx
from htmx_flask import request as htmx_request
from jinja2_fragments.flask import render_block

htmx = Htmx()


def wants_fragment() -> bool:
    """A fragment only for an htmx request that is neither a boosted navigation nor a
    history restore: both of those need the whole page."""
    hx = htmx_request.htmx
    return bool(hx) and not hx.boosted and not hx.history_restore_request


def render(template: str, block: str | None = None, status: int = 200, **context):
    """Render the page, or only its named block when htmx asked for a fragment."""
    if block and wants_fragment():
        html = render_block(template, block, **context)
    else:
        html = render_template(template, **context)
    response = make_response(html, status)
    response.vary.add("HX-Request")
    return response
