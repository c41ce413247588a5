"""Importing the household registry and people with roles from CSV.

households.csv: household_code,village_code,group_code,grid_code,address,name,relation,phone,id_last4
  one row per member; the household's own columns repeat on each of its rows.
people.csv: phone,name,village_code,group_code,role,role_region_code,title,household_code
  creates the account if the phone is new (with a temporary password listed in the report),
  grants the role if one is given, and verifies the person when household_code names a
  registry entry of the same name.
"""
import hashlib
import secrets

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit.services import record
from ..csvimport import ImportReport, read_rows
from ..database import utcnow
from ..extensions import db
from ..regions.models import GRID, GROUP, VILLAGE, Region
from ..roles import ROLES
from .models import Household, Resident, RoleMembership, User
from .services import PHONE, hash_password, normalise_phone


def _regions_by_code() -> dict[str, Region]:
    return {r.code: r for r in db.session.scalars(select(Region))}


def _child(regions, code, village, level, report, line, label):
    """The group or grid of the village named by code; None (and a rejection) if wrong."""
    region = regions.get(code)
    if region is None or region.level != level or region.parent_id != village.id:
        report.reject(line, _("%(label)s代码 %(code)s 不属于这个村。", label=label, code=code))
        return None
    return region


def import_households(raw: bytes, actor=None, filename: str = "") -> ImportReport:
    report = ImportReport()
    rows = read_rows(raw, ("household_code", "village_code", "group_code", "name"), report)
    regions = _regions_by_code()
    known = set(db.session.scalars(select(Household.code)))
    households: dict[str, dict] = {}
    for line, row in rows:
        code = row["household_code"]
        if not code or len(code) > 32:
            report.reject(line, _("缺少户号。"))
            continue
        if code in known:
            report.reject(line, _("户号 %(code)s 已经在户籍中。", code=code))
            continue
        village = regions.get(row["village_code"])
        if village is None or village.level != VILLAGE:
            report.reject(line, _("村代码 %(code)s 不存在。", code=row["village_code"]))
            continue
        group = _child(regions, row["group_code"], village, GROUP, report, line, _("村民小组"))
        grid = (_child(regions, row["grid_code"], village, GRID, report, line, _("网格"))
                if row.get("grid_code") else None)
        if group is None or (row.get("grid_code") and grid is None):
            continue
        shape = (village.id, group.id, grid.id if grid else None, row.get("address", ""))
        entry = households.setdefault(code, {"shape": shape, "members": []})
        if entry["shape"] != shape:
            report.reject(line, _("同一户号 %(code)s 的村、组、网格或地址前后不一致。", code=code))
            continue
        phone = normalise_phone(row.get("phone", ""))
        if phone and not PHONE.match(phone):
            report.reject(line, _("手机号 %(phone)s 不是11位大陆手机号。", phone=row.get("phone")))
            continue
        if not row["name"] or len(row["name"]) > 32:
            report.reject(line, _("缺少姓名。"))
            continue
        gender, born = row.get("gender", "").strip(), row.get("birth_year", "").strip()
        if gender not in ("", "男", "女"):
            report.reject(line, _("性别请填“男”或“女”，不知道就空着。"))
            continue
        if born and not (born.isdigit() and 1900 <= int(born) <= 2100):
            report.reject(line, _("出生年份 %(year)s 不对，请填四位数字的年份。", year=born))
            continue
        # Gender and birth year place a person in the strata of a draw of representatives.
        entry["members"].append(dict(name=row["name"], relation=row.get("relation", "")[:16],
                                     phone=phone, id_last4=row.get("id_last4", "")[:4], gender=gender,
                                     birth_year=int(born) if born else None))
    if not report.ok:
        return report
    members = 0
    for code, entry in households.items():
        village_id, group_id, grid_id, address = entry["shape"]
        household = Household(code=code, village_id=village_id, group_id=group_id,
                              grid_id=grid_id, address=address[:128])
        household.residents = [Resident(**m) for m in entry["members"]]
        members += len(entry["members"])
        db.session.add(household)
    report.created.update(households=len(households), residents=members)
    record(actor, "import.households", object_type="import", households=len(households),
           residents=members, file=filename, sha256=hashlib.sha256(raw).hexdigest())
    db.session.flush()
    return report


def import_people(raw: bytes, actor=None, filename: str = "",
                  passwords: dict[str, str] | None = None) -> ImportReport:
    """passwords: phone → password to use instead of a generated one (the demo uses this)."""
    report = ImportReport()
    rows = read_rows(raw, ("phone", "name", "village_code", "group_code"), report)
    regions = _regions_by_code()
    accounts = {u.phone: u for u in db.session.scalars(select(User))}
    planned = []
    seen_roles = set()
    for line, row in rows:
        phone = normalise_phone(row["phone"])
        if not PHONE.match(phone):
            report.reject(line, _("手机号 %(phone)s 不是11位大陆手机号。", phone=row["phone"]))
            continue
        village = regions.get(row["village_code"])
        if village is None or village.level != VILLAGE:
            report.reject(line, _("村代码 %(code)s 不存在。", code=row["village_code"]))
            continue
        group = _child(regions, row["group_code"], village, GROUP, report, line, _("村民小组"))
        if group is None:
            continue
        existing = accounts.get(phone)
        if existing is not None and existing.name != row["name"]:
            report.reject(line, _("手机号 %(phone)s 已注册，姓名却不同。", phone=phone))
            continue
        role, role_region = row.get("role", ""), None
        if role:
            role_region = regions.get(row.get("role_region_code", ""))
            if role not in ROLES:
                report.reject(line, _("角色 %(role)s 不认识。", role=role))
                continue
            if role_region is None or role_region.level not in ROLES[role].levels:
                report.reject(line, _("角色所在地区代码 %(code)s 不对。", code=row.get("role_region_code", "")))
                continue
            if (phone, role, role_region.id) in seen_roles:
                report.reject(line, _("这一行重复了。"))
                continue
            seen_roles.add((phone, role, role_region.id))
        resident = None
        if row.get("household_code"):
            resident = db.session.scalar(
                select(Resident).join(Household).where(
                    Household.code == row["household_code"], Resident.name == row["name"],
                    Household.village_id == village.id))
            if resident is None:
                report.reject(line, _("户号 %(code)s 中没有叫 %(name)s 的人。",
                                      code=row["household_code"], name=row["name"]))
                continue
        planned.append((phone, row, village, group, role, role_region, resident))
    if not report.ok:
        return report
    generated: list[str] = []
    created_accounts = granted = 0
    for phone, row, village, group, role, role_region, resident in planned:
        user = accounts.get(phone)
        if user is None:
            password = (passwords or {}).get(phone) or f"{secrets.randbelow(10**8):08d}"
            if not passwords:
                generated.append(f"{phone},{row['name']},{password}")
            user = User(phone=phone, name=row["name"], password_hash=hash_password(password),
                        village_id=village.id, group_id=group.id)
            db.session.add(user)
            accounts[phone] = user
            created_accounts += 1
        if resident is not None and user.resident_id is None and resident.account is None:
            user.resident = resident
            user.group_id = resident.household.group_id or group.id
            user.grid_id = resident.household.grid_id
            user.verified_at = utcnow()
            user.verified_by_id = getattr(actor, "id", None)
        if role:
            user.memberships.append(RoleMembership(role=role, region=role_region,
                                                   title=row.get("title", "")[:32],
                                                   granted_by_id=getattr(actor, "id", None)))
            granted += 1
    report.created.update(accounts=created_accounts, roles=granted)
    if generated:
        report.notes = ["phone,name,temporary_password", *generated]
    record(actor, "import.people", object_type="import", accounts=created_accounts, roles=granted,
           file=filename, sha256=hashlib.sha256(raw).hexdigest())
    db.session.flush()
    return report
