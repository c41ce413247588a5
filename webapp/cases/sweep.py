"""The deadline sweep: every case whose deadline has passed goes one level up the ladder, the
miss is counted against the team that let it pass, and the next level and the reporter are told.

Idempotent and safe side by side: each batch is read and changed inside one write transaction
that holds the rows (SQLite: BEGIN IMMEDIATE, one writer at a time; PostgreSQL: FOR UPDATE SKIP
LOCKED, so two sweeps take disjoint rows), and the UPDATE is guarded by the case's version and
deadline. A case changed once is no longer due, so a second sweep finds nothing to do.
"""
import logging
from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import bindparam, or_, select, update

from ..audit.services import record_many
from ..database import UTCDateTime, insert_rows, utcnow
from ..extensions import db
from ..jobs import request_delivery
from ..notifications.services import excerpt, outbox_rows, queue_notifications
from ..transaction import commit
from .deadlines import NEXT_LEVEL, due_at
from .models import IN_PROGRESS, LEVEL_LABELS, OPEN, Case, CaseEvent, DeadlineMiss
from .recipients import HandlerCache, team_region_id

log = logging.getLogger("cunli.cases")


@dataclass
class SweepReport:
    escalated: list[tuple[int, str, str]] = field(default_factory=list)  # (case, from, to)
    batches: int = 0

    def summary(self) -> str:
        moves: dict[tuple[str, str], int] = {}
        for _case, old, new in self.escalated:
            moves[(old, new)] = moves.get((old, new), 0) + 1
        parts = [f"{old}→{new}: {n}" for (old, new), n in sorted(moves.items())]
        return f"escalated {len(self.escalated)} case(s)" + (f" ({', '.join(parts)})" if parts else "")


def _due_rows(now, batch: int):
    query = (select(Case.id, Case.version, Case.level, Case.village_id, Case.grid_id, Case.due_at,
                    Case.reporter_id, Case.text)
             .where(Case.status.in_((OPEN, IN_PROGRESS)), Case.due_at <= now)
             .order_by(Case.due_at, Case.id).limit(batch))
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=Case)
    return db.session.execute(query).all()


def _escalate_batch(rows, now, cache: HandlerCache, report: SweepReport) -> None:
    updates, events, misses, outbox, audit = [], [], [], [], []
    # Texts are translated once per batch, not once per case: the sweep's cost is per row.
    notes = {level: _("%(level)s未在期限内处置，自动升级", level=LEVEL_LABELS[level]) for level in NEXT_LEVEL}
    told = {level: _("你反映的%%(what)s已自动升级到%(level)s", level=LEVEL_LABELS[level])
            for level in NEXT_LEVEL.values()}
    title = _("超期升级%(what)s")
    for row in rows:
        village = cache.village(row.village_id)
        settings = cache.settings(village.ancestor_ids[0])
        new_level = NEXT_LEVEL[row.level]
        updates.append(dict(b_id=row.id, b_version=row.version, b_level=new_level,
                            b_due=due_at(new_level, now, settings)))
        note = notes[row.level]
        events.append(dict(case_id=row.id, at=now, actor_id=None, kind="escalated", note=note,
                           from_level=row.level, to_level=new_level))
        misses.append(dict(case_id=row.id, level=row.level, due_at=row.due_at, recorded_at=now,
                           team_region_id=team_region_id(row.level, village, row.grid_id)))
        url = f"/cases/{row.id}"
        outbox += outbox_rows(cache.handlers(new_level, row.village_id, row.grid_id),
                              "case.escalated", title % {"what": excerpt(row.text, 20)},
                              body=note, url=url, case_id=row.id, sms=True, now=now)
        outbox += outbox_rows([row.reporter_id], "case.progress", told[new_level] % {"what": excerpt(row.text)},
                              url=url, case_id=row.id, now=now)
        audit.append(dict(action="case.escalated", object_type="case", object_id=row.id,
                          region_id=row.village_id, detail={"from": row.level, "to": new_level}))
        report.escalated.append((row.id, row.level, new_level))
    table = Case.__table__
    guarded = (update(table)
               .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"),
                      # no IN (…): an executemany cannot expand it
                      table.c.due_at <= now, or_(table.c.status == OPEN, table.c.status == IN_PROGRESS))
               .values(level=bindparam("b_level"), due_at=bindparam("b_due", type_=UTCDateTime()),
                       status=OPEN, assigned_to_id=None, department="",
                       missed_count=table.c.missed_count + 1, version=table.c.version + 1))
    db.session.connection().execute(guarded, updates)
    insert_rows(CaseEvent.__table__, events)
    insert_rows(DeadlineMiss.__table__, misses)
    queue_notifications(outbox)
    record_many(audit)


def sweep_overdue(now=None, batch: int = 500, max_batches: int | None = None) -> SweepReport:
    """A batch runner (an edge, like a job): escalate every case due at `now`, one committed
    batch at a time, so a crash repeats at most the batch it was in."""
    now = now or utcnow()
    report, cache = SweepReport(), HandlerCache()
    with force_locale("zh_Hans_CN"):  # notification texts are stored in Chinese
        while max_batches is None or report.batches < max_batches:
            rows = _due_rows(now, batch)
            if not rows:
                commit()
                break
            _escalate_batch(rows, now, cache, report)
            commit()
            report.batches += 1
    if report.escalated:
        log.info("sweep at %s: %s", now.isoformat(), report.summary())
        request_delivery()
    return report
