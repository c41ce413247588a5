"""Check the audit chain every night; a break is logged loudly for the admins."""
import logging

from . import in_app

log = logging.getLogger("cunli.audit")


@in_app
def verify_audit_chain() -> dict:
    from webapp.audit.services import verify_chain

    report = verify_chain()
    if report.ok:
        log.info("audit chain intact: %s entries", report.checked)
    else:
        log.error("audit chain broken at entry #%s: %s", report.broken_id, report.reason)
    return {"checked": report.checked, "broken_id": report.broken_id, "reason": report.reason}
