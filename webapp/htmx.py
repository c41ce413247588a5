"""The one place that knows about htmx requests and decides page or fragment.

htmx-flask (unmaintained since 2022) is used only here, so replacing it touches one file.
"""
from urllib.parse import urlsplit

from flask import make_response, render_template, request
from htmx_flask import Htmx
from htmx_flask import request as htmx_request
from jinja2_fragments.flask import render_block

from .urls import local_path

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


def keep_the_form_page_in_the_address_bar(response):
    """A refused form (422) sent by a boosted htmx form would leave the action's URL in the
    address bar (htmx pushes it), and reloading would GET a POST-only route: a 405. The page
    the form was on stays in the address bar instead, so a reload shows it again."""
    if response.status_code != 422 or request.method != "POST" or not htmx_request.htmx:
        return response
    current = urlsplit(request.headers.get("HX-Current-URL", ""))
    if current.netloc and current.netloc != request.host:
        return response
    page = local_path(current.path + (f"?{current.query}" if current.query else ""))
    if page:
        response.headers["HX-Replace-Url"] = page
    return response


def init_app(app) -> None:
    htmx.init_app(app)
    app.after_request(keep_the_form_page_in_the_address_bar)
