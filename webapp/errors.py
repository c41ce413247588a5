"""One clear Chinese error page for 400, 403, 404, 405, 413, 429 and 500."""
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .htmx import render

MESSAGES = {
    400: (_l("请求有误"), _l("提交的内容不完整或格式不对，请返回上一页重新填写。")),
    403: (_l("没有权限"), _l("你没有权限查看或办理这件事。如有疑问，请联系村干部。")),
    404: (_l("找不到这个页面"), _l("这个页面不存在或已被删除。")),
    405: (_l("操作方式不对"), _l("请从页面上的按钮进入。")),
    413: (_l("文件太大"), _l("上传的文件太大了，请换一个小一点的文件。")),
    429: (_l("操作太频繁"), _l("请稍等一会儿再试。")),
    500: (_l("系统出了点问题"), _l("服务器暂时出错，你的操作没有完成。请稍后再试。")),
}


def _members_only(error):
    """The content exists and is for verified members: say so, and who can verify."""
    from flask_login import current_user

    from .accounts.queries import verification_helpers

    return render("errors/members_only.html", status=403, helpers=verification_helpers(current_user))


def _error_page(error: HTTPException):
    code = error.code or 500
    title, message = MESSAGES.get(code, MESSAGES[500])
    if isinstance(error, CSRFError):
        message = _l("页面已过期或来源不明，请刷新页面后再提交。")
    return render("errors/error.html", status=code, code=code, title=title, message=message)


def failed_commit_page():
    """The change could not be saved (the database refused it at the last moment): say so
    plainly; nothing of it was kept."""
    return render("errors/error.html", status=500, code=500, title=_l("没有保存成功"),
                  message=_l("你的操作没有保存，请返回上一页再试一次。"))


def _unexpected(error: Exception):
    from .transaction import rollback

    rollback()
    return _error_page(InternalServerError())


def init_app(app) -> None:
    from .auth import MembersOnly

    app.register_error_handler(MembersOnly, _members_only)
    app.register_error_handler(HTTPException, _error_page)
    if not app.testing:
        app.register_error_handler(Exception, _unexpected)
