"""How each step reads on a case's timeline."""
from flask_babel import lazy_gettext as _l

from .models import LEVEL_LABELS

EVENT_LABELS = {
    "reported": _l("反映问题"),
    "resolved": _l("办结"),
    "to_village": _l("转交"),
    "to_township": _l("提交"),
    "assigned": _l("分派专人办理"),
    "dispatched": _l("分流"),
    "sent_back": _l("退回"),
    "escalated": _l("超期自动升级"),
    "rated": _l("评价"),
    "reopened": _l("不满意，重新办理"),
    "escalated_unsatisfied": _l("再次不满意，升级"),
    "mediation_started": _l("受理调解"),
    "mediation_failed": _l("调解未成功"),
    "lawyer_took_over": _l("公益律师接手"),
}
LEVEL_TO = LEVEL_LABELS
