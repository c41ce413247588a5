"""Transparency (三务公开): disclosures of party affairs, village affairs, finances and major
matters, published by a village, township or county; their reads, likes and comments; the
multi-level account pages and the home feed."""
import re

from flask import Blueprint
from markupsafe import Markup, escape

bp = Blueprint("disclosures", __name__)


# A path of this site written in a notice's text (the monthly points report names its full
# page as /points/reports/12) becomes a link; nothing else in the text does.
_SITE_PATH = re.compile(
    r"(?<![\w/])(/(?:points|notices|cases|finance|mailbox|powers|store|places|deliberation|services|circle)"
    r"(?:/[A-Za-z0-9_\-]+)*)")


@bp.app_template_filter("link_site_paths")
def link_site_paths(text: str):
    """Escape the text, then turn the site's own paths in it into links."""
    escaped = str(escape(text or ""))
    return Markup(_SITE_PATH.sub(lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', escaped))
