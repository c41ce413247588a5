"""Good deeds claimed by villagers, decided by a village cadre."""
from flask_babel import lazy_gettext as _l

from ... import media
from ...audit.services import record
from ...auth import may_run_points
from ...database import utcnow
from ...extensions import db
from ...jobs import deliver_after_commit
from ...notifications.services import cut, excerpt, notify
from ...service import ServiceError
from ..models import GoodDeedClaim, PointRule
from ..models.claims import APPROVED, PENDING, REJECTED
from .ledger import check_award, write_entry


def prepare_claim_photo(file) -> media.Prepared | None:
    return media.prepare_photo(file, "claims", "photo")


def claim_good_deed(user, text: str, photo, now=None) -> GoodDeedClaim:
    """`photo` is prepared (prepare_claim_photo) before the write transaction."""
    if not user.is_verified:
        raise ServiceError(_l("认证身份以后才能申报好人好事。"))
    text = (text or "").strip()
    if not 4 <= len(text) <= 500:
        raise ServiceError(_l("请写下做了什么好事（4到500字）。"), "text")
    if photo is None:
        raise ServiceError(_l("请附一张照片作证。"), "photo")
    claim = GoodDeedClaim(user_id=user.id, village_id=user.village_id, text=text, created_at=now or utcnow(),
                          photo_path=media.keep(photo).path)
    db.session.add(claim)
    record(user, "points.claimed", claim, object_type="good_deed_claim", region=user.village_id)
    return claim


def _check_pending(actor, claim: GoodDeedClaim) -> None:
    if not may_run_points(actor, claim.user.village):
        raise ServiceError(_l("你不能审核这条申报。"))
    if claim.status != PENDING:
        raise ServiceError(_l("这条申报已经审核过了。"))


def approve_claim(actor, claim: GoodDeedClaim, rule: PointRule | None, now=None):
    """Pays the claimant under the chosen rule, through the same checks as any award."""
    _check_pending(actor, claim)
    if rule is None or rule.awarded_by == "auto":
        raise ServiceError(_l("请选择按哪条规则记分。"), "rule")
    now = now or utcnow()
    check_award(actor, claim.user, rule, now, auto=False)
    entry = write_entry(actor, claim.user, rule, claim.text[:60], now, source_ref=f"claim:{claim.id}")
    db.session.flush()
    claim.status, claim.rule_id, claim.entry_id = APPROVED, rule.id, entry.id
    claim.decided_at, claim.decided_by_id = now, actor.id
    record(actor, "points.claim_approved", claim, object_type="good_deed_claim", region=claim.village_id,
           rule=rule.code, points=rule.points)
    notify([claim.user_id], "points", str(_l("你申报的好人好事%(what)s已通过，获得 %(n)s 分。", what=excerpt(claim.text),
                                             n=rule.points)), url="/points", now=now)
    deliver_after_commit()


def reject_claim(actor, claim: GoodDeedClaim, reason: str, now=None) -> None:
    _check_pending(actor, claim)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_l("请写明不通过的原因，申报人会看到。"), "reason")
    now = now or utcnow()
    claim.status, claim.reason = REJECTED, reason[:200]
    claim.decided_at, claim.decided_by_id = now, actor.id
    record(actor, "points.claim_rejected", claim, object_type="good_deed_claim", region=claim.village_id,
           reason=reason)
    notify([claim.user_id], "points", str(_l("你申报的好人好事%(what)s没有通过：%(reason)s", what=excerpt(claim.text),
                                             reason=cut(reason, 80))),
           url="/points/claims", now=now)
    deliver_after_commit()
