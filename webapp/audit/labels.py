"""How each audit action reads on a trail (留痕)."""
from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "account.signup": _l("注册账号"),
    "account.renamed": _l("修改姓名"),
    "account.password_changed": _l("修改密码"),
    "account.password_reset": _l("重置密码"),
    "account.verified": _l("身份认证通过"),
    "account.verification_refused": _l("身份认证退回"),
    "account.party_claimed": _l("申请党员认证"),
    "account.party_verified": _l("党员认证通过"),
    "account.party_refused": _l("党员认证退回"),
    "account.enabled": _l("启用账号"),
    "account.disabled": _l("停用账号"),
    "role.granted": _l("授予角色"),
    "role.revoked": _l("撤销角色"),
    "region.created": _l("新建地区"),
    "region.renamed": _l("地区改名"),
    "import.regions": _l("导入地区"),
    "import.households": _l("导入户籍"),
    "import.people": _l("导入人员"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
