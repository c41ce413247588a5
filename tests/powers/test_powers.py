"""A live matter walks its procedure step by step; every step is on its public trail and in
the audit log."""
import pytest
from sqlalchemy import select

from webapp.audit.models import AuditEntry
from webapp.extensions import db
from webapp.powers import services
from webapp.powers.models import Matter
from webapp.regions.queries import region_by_code
from webapp.service import ServiceError

from ..client import page_text

STEPS = "申请｜申请人｜0\n评议｜村民代表会议｜10\n审批｜乡镇｜20"


def test_a_matter_walks_its_steps_in_public_and_in_the_audit_log(person, login):
    secretary = person("13800000003")
    procedure = services.create_procedure(secretary, region_by_code("QS-DX-DA"), "低保申请", STEPS)
    matter = services.start_matter(secretary, procedure, "李某低保申请")
    for note in ("材料齐全", "代表会议通过", "乡镇批准"):
        services.complete_step(secretary, matter, note)
    assert matter.finished_at is not None and matter.done_steps == 3
    with pytest.raises(ServiceError, match="已经办完"):
        services.complete_step(secretary, matter, "多一步")
    trail = page_text(login("13800000005").get(f"/powers/matters/{matter.id}"))
    for words in ("材料齐全", "代表会议通过", "乡镇批准", "村民代表会议", "张卫东"):
        assert words in trail
    steps = list(db.session.scalars(select(AuditEntry.detail).where(
        AuditEntry.action == "power.step_done", AuditEntry.object_id == matter.id)))
    assert len(steps) == 3 and '"step": 3' in steps[-1]


def test_steps_must_be_written_as_name_decider_days(person):
    with pytest.raises(ServiceError, match="第 2 步写得不对"):
        services.create_procedure(person("13800000003"), region_by_code("QS-DX-DA"), "坏清单",
                                  "申请｜申请人｜0\n评议 村民代表会议")


def test_only_the_village_cadres_move_a_matter_and_others_only_read(login):
    matter = db.session.scalar(select(Matter))
    villager = login("13800000005")
    assert villager.get(f"/powers/matters/{matter.id}").status_code == 200
    assert villager.post(f"/powers/matters/{matter.id}", {"note": "我来批"}).status_code == 403
    assert login("13800000006").get(f"/powers/matters/{matter.id}").status_code == 403
    secretary = login("13800000003")
    assert secretary.post(f"/powers/matters/{matter.id}", {"note": ""}).status_code == 422
    assert secretary.post(f"/powers/matters/{matter.id}", {"note": "村两委同意"}).status_code == 303
