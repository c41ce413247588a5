"""Files move into place only after the commit: a refused report or a commit that fails
leaves no file behind, a kept one leaves exactly its files, and a crash between a commit and
its rename is finished (or cleaned) by the nightly job."""
import io
import os
import time
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from webapp.cases.models import Attachment, Case
from webapp.extensions import db
from webapp.media import PART, finish_parts, upload_root


def stored_files() -> set[str]:
    root = upload_root()
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def photo() -> tuple:
    data = io.BytesIO()
    Image.new("RGB", (1600, 1200), (90, 120, 90)).save(data, "JPEG")
    data.seek(0)
    return data, "rail.jpg"


def report(client, text="石桥护栏又断了", **extra):
    return client.post("/cases/new", {"category": "hazard", "text": text, "photos": photo(), **extra},
                       content_type="multipart/form-data")


def test_a_kept_report_leaves_exactly_its_two_photo_sizes(login):
    before = stored_files()
    assert report(login("13800000005")).status_code == 303
    case = db.session.scalar(select(Case).order_by(Case.id.desc()))
    new = stored_files() - before
    assert new == {case.attachments[0].path, case.attachments[0].small_path}


def test_a_refused_report_leaves_no_file(login):
    before = stored_files()
    assert report(login("13800000005"), text="x").status_code == 422  # too short: refused after the upload
    assert stored_files() == before


def test_a_failed_commit_after_an_upload_leaves_no_file(login, monkeypatch):
    """The database refuses the commit at the last moment: the person is told, no row and
    no file remain — not even the prepared one."""
    villager = login("13800000005")
    before, cases_before = stored_files(), db.session.scalar(select(db.func.count()).select_from(Case))
    session_class = type(db.session())
    real_commit = session_class.commit
    calls = []

    def refuse_the_report(self):
        """The commit that would keep the report (its photos are prepared by then) fails."""
        if not calls and any(name.endswith(PART) for name in stored_files() - before):
            calls.append(1)
            raise RuntimeError("the database refused the commit")
        return real_commit(self)

    monkeypatch.setattr(session_class, "commit", refuse_the_report)
    response = report(villager)
    monkeypatch.undo()
    assert calls and response.status_code == 500 and "没有保存成功" in response.get_data(as_text=True)
    assert stored_files() == before
    db.session.rollback()
    assert db.session.scalar(select(db.func.count()).select_from(Case)) == cases_before


def test_the_nightly_job_finishes_a_rename_a_crash_cut_off_and_deletes_the_rest(app, login):
    assert report(login("13800000005")).status_code == 303
    attachment = db.session.scalar(select(Attachment).order_by(Attachment.id.desc()))
    root = upload_root()
    kept = root / attachment.path
    os.replace(kept, str(kept) + PART)  # as if the process died between the commit and the rename
    stray = root / "cases" / "stray.jpg"
    Path(str(stray) + PART).write_bytes(b"nobody kept me")
    an_hour_ago = time.time() - 3600
    for part in (Path(str(kept) + PART), Path(str(stray) + PART)):
        os.utime(part, (an_hour_ago, an_hour_ago))
    finished, deleted = finish_parts()
    assert (finished, deleted) == (1, 1)
    assert kept.exists() and not Path(str(stray) + PART).exists()
