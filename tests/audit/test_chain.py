"""The audit log is append-only and hash-chained; a changed entry is found by name."""
import threading

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from webapp.audit.models import AuditEntry
from webapp.audit.services import record, verify_chain
from webapp.extensions import db

from ..client import page_text


def test_every_service_write_leaves_an_entry_naming_who_acted(login, person):
    before = db.session.scalar(select(func.max(AuditEntry.id)))
    admin = login("13800000003")
    admin.post(f"/admin/people/{person('13800000005').id}/password", {})
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.id > before))
    assert entry.action == "account.password_reset"
    assert entry.actor_id == person("13800000003").id
    assert entry.object_type == "user" and entry.object_id == person("13800000005").id
    assert verify_chain().ok


@pytest.mark.parametrize("statement", [
    "UPDATE audit_entry SET action = 'forged' WHERE id = 1",
    "DELETE FROM audit_entry WHERE id = 1",
])
def test_the_database_refuses_to_change_or_delete_an_entry(app, statement):
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text(statement))
        db.session.flush()
    db.session.rollback()
    assert db.session.get(AuditEntry, 1).action == "import.regions"


def _tamper(statement):
    """Go around the database's refusal, as someone with the server's files might."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER USER"))
        db.session.execute(text(statement))
        db.session.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER USER"))
    else:
        db.session.execute(text("DROP TRIGGER audit_entry_no_update"))
        db.session.execute(text("DROP TRIGGER audit_entry_no_delete"))
        db.session.execute(text(statement))
    db.session.commit()


@pytest.mark.parametrize("statement, broken_id", [
    ("UPDATE audit_entry SET detail = '{\"count\": 99}' WHERE id = 2", 2),
    ("DELETE FROM audit_entry WHERE id = 2", 2),
    ("DELETE FROM audit_entry WHERE id = 3", 3),
])
def test_verify_names_the_first_broken_entry(app, statement, broken_id):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0
    _tamper(statement)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"BROKEN at entry #{broken_id}" in result.output


def test_concurrent_writers_never_fork_the_chain(app):
    """Eight threads append at once; each must wait its turn at the chain's head."""
    errors = []

    def append(n):
        try:
            with app.app_context():
                for i in range(5):
                    record(None, "test.concurrent", object_type="test", object_id=n * 100 + i)
                    db.session.commit()
                db.session.remove()
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=append, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    db.session.expire_all()
    report = verify_chain()
    assert report.ok, report
    assert db.session.scalar(select(func.count()).where(AuditEntry.action == "test.concurrent")) == 40


def test_the_county_admin_sees_the_set_up_imports_and_township_staff_their_township(login, person):
    from webapp.audit.queries import entries_in
    from webapp.regions.queries import region_by_code


    assert login("13800000001").get("/admin/audit").status_code == 200
    county_actions = {e.action for e in entries_in(region_by_code("QS"), limit=10_000)}
    assert {"import.regions", "import.people"} <= county_actions
    admin = login("13800000003")
    admin.post(f"/admin/people/{person('13800000005').id}/password", {})
    township = page_text(login("13800000002").get("/admin/audit"))
    assert "重置密码" in township
    township_actions = {e.action for e in entries_in(region_by_code("QS-DX"), limit=10_000)}
    assert "import.regions" not in township_actions


def test_every_action_in_the_log_reads_as_words_not_a_code(app):
    """The demo county walks most services; each of their actions has its Chinese label."""
    from webapp.audit.labels import ACTION_LABELS

    actions = set(db.session.scalars(select(AuditEntry.action).distinct()))
    assert actions and not actions - set(ACTION_LABELS), sorted(actions - set(ACTION_LABELS))


def test_every_object_in_the_log_is_named_in_words(app, login):
    """The audit page says "反映 #6「村口石桥…」" or "兑换 #2（毛巾）", never "case 6" or
    "store_order 2"; every kind of object the demo writes has its describer."""
    import re

    from webapp.audit.objects import known_object_types

    kinds = set(db.session.scalars(select(AuditEntry.object_type).where(AuditEntry.object_id.is_not(None)).distinct()))
    assert kinds and not kinds - known_object_types(), sorted(kinds - known_object_types())
    page = page_text(login("13800000001").get("/admin/audit"))
    for _ in range(5):  # the first pages of the log
        assert not re.search(r"\b[a-z_]+ \d+\b", re.sub(r"<[^>]+>", " ", page)), "a code in the log"
        more = re.search(r'href="(/admin/audit\?region=\d+&amp;before=\d+)"', page)
        if not more:
            break
        page = page_text(login("13800000001").get(more.group(1).replace("&amp;", "&")))
    assert "「" in page or "（" in page
