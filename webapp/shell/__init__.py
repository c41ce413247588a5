"""The shell: home page, the tools hub, language switch, PWA files and the health check."""
from flask import Blueprint

bp = Blueprint("shell", __name__)



@bp.app_template_global()
def asset_url(filename: str) -> str:
    from .assets import asset_url as versioned

    return versioned(filename)


@bp.app_template_global()
def inline_css():
    from .assets import inline_css as stylesheet

    return stylesheet()
