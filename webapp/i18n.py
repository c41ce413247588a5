"""Language and time: Simplified Chinese first, English second, times in Asia/Shanghai."""
from flask import current_app, has_request_context, request
from flask_babel import format_datetime, get_locale, get_translations
from flask_login import current_user

LANG_COOKIE = "lang"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get(LANG_COOKIE) if has_request_context() else None
    if chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def is_chinese() -> bool:
    return get_locale() is None or get_locale().language == "zh"


def local_time(value, with_time: bool = True) -> str:
    """2026年11月23日 14:05 in Chinese, 2026-11-23 14:05 in English, always Beijing time."""
    if value is None:
        return ""
    if is_chinese():
        pattern = "yyyy年M月d日 HH:mm" if with_time else "yyyy年M月d日"
    else:
        pattern = "yyyy-MM-dd HH:mm" if with_time else "yyyy-MM-dd"
    return format_datetime(value, pattern)


def _translations():
    """The request's catalogue, looked up once: a page translates twenty strings or more, and
    Flask-Babel looks the catalogue up again for each (a tenth of a page's time)."""
    if not has_request_context():
        return get_translations()
    found = request.environ.get("cunli.translations")  # per request (an app context may span several)
    if found is None:
        found = request.environ["cunli.translations"] = get_translations()
    return found


def init_app(app) -> None:
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True)
    app.jinja_env.filters["localtime"] = local_time
    app.jinja_env.filters["localdate"] = lambda v: local_time(v, with_time=False)
    app.jinja_env.globals["is_chinese"] = is_chinese
    app.jinja_env.globals["current_user"] = current_user
