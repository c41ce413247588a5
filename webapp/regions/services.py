"""Writes to the region tree. Each writes the audit log."""
import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..audit.services import record
from ..auth import may_manage_region
from ..extensions import db
from ..service import ServiceError
from .models import CHILD_LEVELS, Region

CODE = re.compile(r"^[A-Za-z0-9\-]{1,32}$")


def check_new_region(parent: Region | None, level: str, code: str, name: str) -> None:
    """The rules a new region keeps, shared by the admin form and the CSV import."""
    if level not in CHILD_LEVELS.get(parent.level if parent else None, ()):
        raise ServiceError(_l("这一级下面不能建这类地区。"), "level")
    if not CODE.match(code or ""):
        raise ServiceError(_l("代码只能用字母、数字和短横线，最长32位。"), "code")
    if not (name or "").strip() or len(name) > 64:
        raise ServiceError(_l("请填写名称（最长64字）。"), "name")


def add_region(parent: Region | None, level: str, code: str, name: str) -> Region:
    """Insert without committing or auditing: callers do both (admin form, import, demo)."""
    check_new_region(parent, level, code, name)
    if db.session.scalar(select(Region.id).where(Region.code == code)):
        raise ServiceError(_l("代码已被使用。"), "code")
    region = Region(code=code, name=name.strip(), level=level, parent=parent)
    db.session.add(region)
    db.session.flush()
    region.path = f"{parent.path if parent else '/'}{region.id}/"
    return region


def create_region(actor, parent: Region, level: str, code: str, name: str) -> Region:
    if not may_manage_region(actor, parent):
        raise ServiceError(_l("你不能管理这个地区。"))
    region = add_region(parent, level, code, name)
    record(actor, "region.created", region, region=region, code=code, name=region.name, level=level)
    return region


def rename_region(actor, region: Region, name: str) -> None:
    if not may_manage_region(actor, region):
        raise ServiceError(_l("你不能管理这个地区。"))
    name = (name or "").strip()
    if not name or len(name) > 64:
        raise ServiceError(_l("请填写名称（最长64字）。"), "name")
    old = region.name
    region.name = name
    record(actor, "region.renamed", region, region=region, old=old, name=name)
