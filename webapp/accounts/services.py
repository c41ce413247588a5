"""Every write to accounts, as verb_noun(actor, ...). Each writes the audit log and flushes; the
request (or the command) commits."""
import re
import secrets
from functools import lru_cache

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from .. import signals
from ..audit.services import record
from ..auth import may_grant, may_manage_person, may_verify, may_verify_party
from ..database import utcnow
from ..extensions import db
from ..jobs import deliver_after_commit
from ..notifications.services import cut, notify
from ..regions.models import GROUP, VILLAGE, Region
from ..service import ServiceError
from .models import Resident, RoleMembership, User

PHONE = re.compile(r"^1[3-9]\d{9}$")
MIN_PASSWORD = 6


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    """A real hash, made with the method and cost accounts are hashed with, to check against
    when the phone is unknown: a wrong phone and a wrong password then take the same time,
    so nobody can probe which numbers have accounts."""
    return generate_password_hash("not-a-password", method=method)


def normalise_phone(raw: str) -> str:
    phone = re.sub(r"[\s\-]", "", raw or "")
    if phone.startswith("+86"):
        phone = phone[3:]
    return phone


def check_phone(phone: str) -> str:
    phone = normalise_phone(phone)
    if not PHONE.match(phone):
        raise ServiceError(_l("请填写11位中国大陆手机号码，例如 13812345678。"), "phone")
    return phone


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ServiceError(_l("密码至少需要6位。"), "password")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def _check_home(village: Region | None, group: Region | None) -> None:
    if village is None or village.level != VILLAGE:
        raise ServiceError(_l("请选择你所在的村。"), "village")
    if group is None or group.level != GROUP or group.parent_id != village.id:
        raise ServiceError(_l("请选择你所在的村民小组。"), "group")


def sign_up(phone: str, name: str, password: str, village: Region | None,
            group: Region | None) -> User:
    phone = check_phone(phone)
    name = (name or "").strip()
    if not 1 <= len(name) <= 32:
        raise ServiceError(_l("请填写你的姓名。"), "name")
    check_password(password)
    _check_home(village, group)
    if db.session.scalar(select(User.id).where(User.phone == phone)):
        raise ServiceError(_l("这个手机号已经注册过了，请直接登录。"), "phone")
    user = User(phone=phone, name=name, password_hash=hash_password(password),
                village_id=village.id, group_id=group.id)
    db.session.add(user)
    db.session.flush()
    record(user, "account.signup", user, region=village)
    return user


def authenticate(phone: str, password: str) -> User:
    phone = normalise_phone(phone)
    user = db.session.scalar(select(User).where(User.phone == phone)) if PHONE.match(phone) else None
    if user is None:
        check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password or "")
        raise ServiceError(_l("手机号或密码不对，请再试一次。"))
    if not check_password_hash(user.password_hash, password or ""):
        raise ServiceError(_l("手机号或密码不对，请再试一次。"))
    if not user.active:
        raise ServiceError(_l("这个账号已停用，请联系村干部。"))
    return user


def end_sessions(person: User) -> None:
    """Every session and remember cookie of the account stops working, on every phone."""
    person.session_generation = (person.session_generation or 0) + 1


def log_out(user: User) -> None:
    end_sessions(user)



def change_password(actor: User, current: str, new: str) -> None:
    """Other phones logged in as this person are logged out; the caller logs this one in
    again under the new generation."""
    if not check_password_hash(actor.password_hash, current or ""):
        raise ServiceError(_l("原密码不对。"), "current")
    check_password(new)
    actor.password_hash = hash_password(new)
    end_sessions(actor)
    record(actor, "account.password_changed", actor, region=actor.village)


def rename_self(actor: User, name: str) -> None:
    name = (name or "").strip()
    if not 1 <= len(name) <= 32:
        raise ServiceError(_l("请填写你的姓名。"), "name")
    if actor.is_verified and name != actor.name:
        raise ServiceError(_l("已认证的姓名需由村干部修改。"), "name")
    actor.name = name
    record(actor, "account.renamed", actor, region=actor.village, name=name)


# ---- verification -------------------------------------------------------------------------

def verify_villager(actor: User, person: User, resident: Resident | None) -> None:
    if not may_verify(actor, person):
        raise ServiceError(_l("你不能认证这位村民。"))
    if person.is_verified:
        raise ServiceError(_l("这位村民已经认证过了。"))
    if resident is None or resident.household.village_id != person.village_id:
        raise ServiceError(_l("请在本村户籍名单中选择对应的人。"), "resident")
    if resident.account is not None:
        raise ServiceError(_l("户籍名单中的这个人已经绑定了别的账号。"), "resident")
    household = resident.household
    person.resident = resident
    person.group_id = household.group_id or person.group_id
    person.grid_id = household.grid_id
    person.verified_at = utcnow()
    person.verified_by_id = actor.id
    person.verification_note = ""
    record(actor, "account.verified", person, region=person.village,
           resident=resident.id, household=household.code)
    with force_locale("zh_Hans_CN"):
        notify([person.id], "account.verified", _("你的身份已认证：现在可以投票、议事和获得积分了。"), url="/", sms=True)
    deliver_after_commit()
    signals.send_after_commit(signals.villager_verified, person, actor=actor)


def refuse_verification(actor: User, person: User, reason: str) -> None:
    reason = (reason or "").strip()
    if not may_verify(actor, person):
        raise ServiceError(_l("你不能认证这位村民。"))
    if not reason:
        raise ServiceError(_l("请写明不能认证的原因，方便村民补充。"), "reason")
    person.verification_note = reason[:200]
    record(actor, "account.verification_refused", person, region=person.village, reason=reason)
    with force_locale("zh_Hans_CN"):
        notify([person.id], "account.verification_refused", _("身份暂时没有认证：%(why)s", why=cut(reason, 40)), url="/")
    deliver_after_commit()


def claim_party_membership(actor: User) -> None:
    if actor.is_party_member or actor.party_claimed_at:
        raise ServiceError(_l("已经提交过党员认证申请。"))
    if not actor.is_verified:
        raise ServiceError(_l("请先完成村民身份认证，再申请党员认证。"))
    actor.party_claimed_at = utcnow()
    record(actor, "account.party_claimed", actor, region=actor.village)


def decide_party_membership(actor: User, person: User, approve: bool) -> None:
    if not may_verify_party(actor, person):
        raise ServiceError(_l("只有本村党组织可以认证党员。"))
    if person.party_claimed_at is None or person.is_party_member:
        raise ServiceError(_l("这位村民没有待审核的党员认证申请。"))
    if approve:
        person.party_verified_at = utcnow()
    else:
        person.party_claimed_at = None
    record(actor, "account.party_verified" if approve else "account.party_refused",
           person, region=person.village)
    if approve:
        signals.send_after_commit(signals.party_member_verified, person, actor=actor)


# ---- administration ------------------------------------------------------------------------

def grant_role(actor: User, person: User, role: str, region: Region | None, title: str = "") -> RoleMembership:
    if region is None or not may_grant(actor, person, role, region):
        raise ServiceError(_l("不能在这个地区授予这个角色。"), "role")
    exists = db.session.scalar(select(RoleMembership).where(
        RoleMembership.user_id == person.id, RoleMembership.role == role,
        RoleMembership.region_id == region.id))
    if exists:
        raise ServiceError(_l("这个人已经在这个地区担任这个角色。"), "role")
    membership = RoleMembership(user=person, role=role, region=region, title=(title or "").strip()[:32],
                                granted_by_id=actor.id)
    db.session.add(membership)
    record(actor, "role.granted", person, region=region, role=role, title=membership.title)
    signals.send_after_commit(signals.role_granted, person, actor=actor, role=role, region=region)
    return membership


def revoke_role(actor: User, membership: RoleMembership) -> None:
    person, region, role = membership.user, membership.region, membership.role
    if not may_grant(actor, person, role, region):
        raise ServiceError(_l("不能撤销这个角色。"))
    if person.id == actor.id and role == "admin":
        raise ServiceError(_l("不能撤销自己的管理员角色，请让上级管理员办理。"))
    db.session.delete(membership)
    record(actor, "role.revoked", person, region=region, role=role)
    signals.send_after_commit(signals.role_revoked, person, actor=actor, role=role, region=region)


def reset_password(actor: User, person: User) -> str:
    """A new temporary password, shown once to the admin to pass on by phone or in person."""
    if not may_manage_person(actor, person):
        raise ServiceError(_l("你不能管理这个人的账号。"))
    temporary = f"{secrets.randbelow(10**8):08d}"
    person.password_hash = hash_password(temporary)
    end_sessions(person)
    record(actor, "account.password_reset", person, region=person.village)
    return temporary


def set_active(actor: User, person: User, active: bool) -> None:
    if not may_manage_person(actor, person) or person.id == actor.id:
        raise ServiceError(_l("你不能管理这个人的账号。"))
    person.active = active
    if not active:
        end_sessions(person)
    record(actor, "account.enabled" if active else "account.disabled", person, region=person.village)
