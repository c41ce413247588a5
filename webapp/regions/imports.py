"""Importing the region tree from CSV: code,name,level,parent_code."""
import hashlib

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit.services import record
from ..csvimport import ImportReport, read_rows
from ..extensions import db
from ..service import ServiceError
from .models import CHILD_LEVELS, LEVELS, Region
from .services import CODE, add_region

LEVEL_WORDS = {
    "县": "county", "区": "county", "乡镇": "township", "镇": "township", "乡": "township",
    "街道": "township", "村": "village", "社区": "village", "村民小组": "group", "组": "group",
    "小组": "group", "网格": "grid",
}


def import_regions(raw: bytes, actor=None, filename: str = "") -> ImportReport:
    report = ImportReport()
    rows = read_rows(raw, ("code", "name", "level", "parent_code"), report)
    existing = {r.code: r for r in db.session.scalars(select(Region))}
    # First pass: what each new code will be, so a parent may come later in the file.
    planned: dict[str, str] = {}  # code -> level
    for line, row in rows:
        code, level = row["code"], LEVEL_WORDS.get(row["level"], row["level"])
        if level not in LEVELS:
            report.reject(line, _("类别“%(level)s”不认识，应为 县/乡镇/村/村民小组/网格。", level=row["level"]))
        elif code in existing or code in planned:
            report.reject(line, _("代码 %(code)s 重复。", code=code))
        else:
            planned[code] = level
            row["level"] = level
            continue
        row["level"] = None
    for line, row in rows:
        if row["level"] is None:
            continue
        parent_code = row["parent_code"]
        parent_level = None
        if parent_code:
            parent_level = existing[parent_code].level if parent_code in existing else planned.get(parent_code)
            if parent_level is None:
                report.reject(line, _("上级代码 %(code)s 不存在。", code=parent_code))
                continue
        if row["level"] not in CHILD_LEVELS[parent_level]:
            report.reject(line, _("“%(name)s”的类别与上级不符。", name=row["name"]))
            continue
        try:
            _check_fields(row["code"], row["name"])
        except ServiceError as error:
            report.reject(line, str(error.message))
    if not report.ok:
        report.errors.sort()
        return report
    # Parents before children: by level, keeping the file's order within a level.
    for _line, row in sorted(rows, key=lambda lr: LEVELS.index(lr[1]["level"])):
        parent = existing.get(row["parent_code"]) if row["parent_code"] else None
        existing[row["code"]] = add_region(parent, row["level"], row["code"], row["name"])
    report.created["regions"] = len(rows)
    record(actor, "import.regions", object_type="import", count=len(rows), file=filename,
           sha256=hashlib.sha256(raw).hexdigest())
    db.session.flush()
    return report


def _check_fields(code: str, name: str) -> None:
    if not CODE.match(code):
        raise ServiceError(_("代码只能用字母、数字和短横线，最长32位。"))
    if not name or len(name) > 64:
        raise ServiceError(_("请填写名称（最长64字）。"))
