"""What an audit entry is about, in words: "反映 #6「村口石桥的护栏…」", not "case 6".

The audit area knows no other area's models; each area registers how its objects read
(`@describes("case")` in its queries module), the way areas subscribe to signals.
"""
from collections import defaultdict
from collections.abc import Callable, Iterable

from flask_babel import lazy_gettext as _l

Describer = Callable[[list[int]], dict[int, str]]
_DESCRIBERS: dict[str, Describer] = {}

# What a kind of object is called when it no longer exists (the log outlives what it names).
KIND_LABELS = {
    "user": _l("账号"), "region": _l("地区"), "village": _l("村"), "case": _l("反映"),
    "disclosure": _l("公开"), "comment": _l("评论"), "letter": _l("来信"), "ledgerline": _l("账目"),
    "financeperiod": _l("财务公开"), "registeritem": _l("资产资源登记"), "import": _l("导入"),
    "point_entry": _l("积分"), "good_deed_claim": _l("好人好事申报"), "point_report": _l("积分月报"),
    "procedure": _l("权力清单事项"), "matter": _l("办理事项"), "store_item": _l("热心超市商品"),
    "store_order": _l("热心超市兑换"),
    "league_table": _l("考评表"), "survey_answer": _l("群众测评"), "service_request": _l("服务请求"),
    "service_guide": _l("办事指南"), "team_member": _l("服务团队成员"), "directory_entry": _l("便民电话"),
    "lesson": _l("课堂内容"), "care_person": _l("关爱对象"), "care_visit": _l("关爱走访"),
    "post": _l("村友圈帖子"), "post_comment": _l("村友圈评论"), "activity": _l("活动"), "local_news": _l("本地新闻"),
    "appeal": _l("申诉"), "mute": _l("暂停发言"),
}


def describes(*object_types: str):
    """Register fn(ids) → {id: words} for the object types."""

    def register(describer: Describer) -> Describer:
        for object_type in object_types:
            _DESCRIBERS[object_type] = describer
        return describer

    return register


def known_object_types() -> set[str]:
    return set(_DESCRIBERS)


def describe_objects(entries: Iterable) -> dict[tuple[str, int | None], str]:
    """Words for the object of each entry, fetched once per kind for the whole page."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        if entry.object_id is not None:
            wanted[entry.object_type].add(entry.object_id)
    words: dict[tuple[str, int | None], str] = {}
    for object_type, ids in wanted.items():
        describer = _DESCRIBERS.get(object_type)
        found = describer(sorted(ids)) if describer else {}
        kind = str(KIND_LABELS.get(object_type, _l("记录")))
        for object_id in ids:
            words[(object_type, object_id)] = found.get(object_id) or f"{kind} #{object_id}"
    for entry in entries:
        if entry.object_id is None:
            words[(entry.object_type, None)] = str(KIND_LABELS.get(entry.object_type, ""))
    return words


def quote(text: str, length: int = 14) -> str:
    text = " ".join((text or "").split())
    return f"「{text if len(text) <= length else text[:length - 1] + '…'}」"
