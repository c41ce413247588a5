"""Carrying out a resolution (流程通): tasks with an owner and a deadline; the owner's progress
(with a photo), and a cadre's report is also added under the resolution's notice; villagers give feedback; a task past
its deadline is reported to the township once, by the sweep."""
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm.attributes import flag_modified

from ... import media
from ...accounts.models import User
from ...audit.services import record
from ...auth import may_give_feedback, may_publish, may_report_progress, may_run_meeting
from ...cases.recipients import role_holder_ids
from ...database import utcnow
from ...disclosures.models import Disclosure
from ...disclosures.services import add_progress
from ...extensions import db
from ...i18n import BEIJING
from ...jobs import deliver_after_commit
from ...notifications.services import notify
from ...regions.models import Region
from ...service import ServiceError
from ..models.meetings import FEEDBACK, PROGRESS, TASK_DONE, TASK_OPEN, Meeting, Task, TaskUpdate
from . import search

OVERDUE_TO = ("township_staff",)  # the township's command centre sees overdue tasks


def today() -> date:
    return utcnow().astimezone(BEIJING).date()


def add_task(cadre, meeting: Meeting, title: str, owner: User | None, due_on: date) -> Task:
    if not may_run_meeting(cadre, meeting):
        raise ServiceError(_l("你不能做这一步。"))
    if not meeting.resolution_notice_id:
        raise ServiceError(_l("决议公布以后才能分派落实任务。"))
    title = (title or "").strip()
    if not 2 <= len(title) <= 80:
        raise ServiceError(_l("任务写 2 到 80 个字。"), "title")
    if owner is None or owner.village_id != meeting.village_id:
        raise ServiceError(_l("请选本村的负责人。"), "owner")
    if due_on < today():
        raise ServiceError(_l("期限不能早于今天。"), "due_on")
    task = Task(meeting_id=meeting.id, village_id=meeting.village_id, title=title, owner_id=owner.id, due_on=due_on)
    db.session.add(task)
    db.session.flush()
    with force_locale("zh_Hans_CN"):
        notify([owner.id], "task.assigned", _("议事决议的落实任务交给你了：%(t)s", t=title), url=f"/tasks/{task.id}")
    search.index_topic(meeting.topic)
    record(cadre, "task.added", task, region=meeting.village_id, owner=owner.id, due_on=due_on.isoformat())
    deliver_after_commit()
    return task


def prepare_photo(photo) -> media.Prepared | None:
    return media.prepare_photo(photo, "tasks", "photo")


def report_progress(person, task: Task, text: str, progress: int, photo: media.Prepared | None = None) -> TaskUpdate:
    if not may_report_progress(person, task):
        raise ServiceError(_l("只有负责人和村干部可以报告进展。"))
    if task.status == TASK_DONE:
        raise ServiceError(_l("这项任务已经完成了。"))
    text = (text or "").strip()
    if not 2 <= len(text) <= 2000:
        raise ServiceError(_l("请写下进展（2到2000字）。"), "text")
    if not task.progress <= progress <= 100:
        raise ServiceError(_l("进度在 %(p)s%% 到 100%% 之间。", p=task.progress), "progress")
    entry = TaskUpdate(task_id=task.id, author_id=person.id, kind=PROGRESS, text=text, progress=progress)
    if photo:
        entry.photo_path = media.keep(photo).path
    db.session.add(entry)
    task.progress = progress
    if progress == 100:
        task.status, task.done_at = TASK_DONE, utcnow()
    notice = db.session.get(Disclosure, task.meeting.resolution_notice_id)
    if may_publish(person, notice.region):  # a cadre's report also goes under the resolution's notice
        with force_locale("zh_Hans_CN"):
            add_progress(person, notice, _("落实进展｜%(t)s：%(x)s（%(p)s%%）", t=task.title, x=text, p=progress))
    record(person, "task.progress", task, region=task.village_id, progress=progress)
    return entry


def give_feedback(person, task: Task, text: str) -> TaskUpdate:
    """A villager's word on how the task is going; the owner is told."""
    if not may_give_feedback(person, task):
        raise ServiceError(_l("本村认证村民才能评价落实情况。"))
    text = (text or "").strip()
    if not 2 <= len(text) <= 500:
        raise ServiceError(_l("请写下你的看法（2到500字）。"), "text")
    entry = TaskUpdate(task_id=task.id, author_id=person.id, kind=FEEDBACK, text=text)
    db.session.add(entry)
    flag_modified(task, "status")  # the task's row carries the village: its pages are made again
    with force_locale("zh_Hans_CN"):
        notify([task.owner_id], "task.feedback", _("村民对落实任务有反馈：%(t)s", t=task.title), url=f"/tasks/{task.id}")
    record(person, "task.feedback", task, region=task.village_id)
    deliver_after_commit()
    return entry


def report_overdue_tasks() -> int:
    """Open tasks past their deadline, each told to its village's township once (the sweep
    claims it with a guarded UPDATE, so two sweeps at once report once)."""
    due = db.session.execute(select(Task.id, Task.title, Task.village_id).where(
        Task.status == TASK_OPEN, Task.due_on < today(), Task.overdue_reported_at.is_(None))).all()
    reported = 0
    for task_id, title, village_id in due:
        claimed = db.session.execute(update(Task).where(Task.id == task_id, Task.overdue_reported_at.is_(None))
                                     .values(overdue_reported_at=utcnow())).rowcount
        if not claimed:
            continue
        village = db.session.get(Region, village_id)
        with force_locale("zh_Hans_CN"):
            notify(role_holder_ids([village.parent_id], OVERDUE_TO), "task.overdue",
                   _("%(v)s 的议事落实任务已超期：%(t)s", v=village.name, t=title), url=f"/tasks/{task_id}")
        reported += 1
    if reported:
        deliver_after_commit()
    return reported
