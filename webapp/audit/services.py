"""Writing and checking the audit chain."""
import hashlib
import json
import logging
from dataclasses import dataclass

from sqlalchemy import select

from ..database import utcnow
from ..extensions import db
from .models import GENESIS_HASH, AuditEntry, AuditHead

log = logging.getLogger("cunli.audit")


HASHED = ("id", "at", "actor_id", "action", "object_type", "object_id", "region_id", "detail",
          "prev_hash")


def _hash_of(fields: dict) -> str:
    values = [fields[name] for name in HASHED]
    values[1] = values[1].isoformat(timespec="microseconds")
    canonical = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def entry_hash(entry: AuditEntry) -> str:
    return _hash_of({name: getattr(entry, name) for name in HASHED})


def _locked_head() -> AuditHead:
    head = db.session.scalar(select(AuditHead).where(AuditHead.id == 1).with_for_update())
    if head is None:
        head = AuditHead(id=1, last_id=0, last_hash=GENESIS_HASH)
        db.session.add(head)
        db.session.flush()
    return head


def record(actor, action: str, obj=None, *, object_type: str | None = None,
           object_id: int | None = None, region=None, **detail) -> AuditEntry:
    """Append one entry in the caller's transaction; the caller commits."""
    if obj is not None:
        db.session.flush()
        object_type = object_type or type(obj).__name__.lower()
        object_id = object_id if object_id is not None else obj.id
    head = _locked_head()
    entry = AuditEntry(
        id=head.last_id + 1,
        at=utcnow(),
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=object_type or "",
        object_id=object_id,
        region_id=getattr(region, "id", region),
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
        prev_hash=head.last_hash,
    )
    entry.hash = entry_hash(entry)
    head.last_id, head.last_hash = entry.id, entry.hash
    db.session.add(entry)
    log.info("audit #%s %s by %s on %s %s", entry.id, action, entry.actor_id, object_type, object_id)
    return entry


@dataclass
class ChainReport:
    checked: int
    broken_id: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def verify_chain(batch: int = 5000) -> ChainReport:
    """Walk the chain from the start; name the first entry whose hash or link is wrong."""
    prev_hash, checked, last_id = GENESIS_HASH, 0, 0
    while True:
        entries = db.session.scalars(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not entries:
            break
        for entry in entries:
            if entry.id != last_id + 1:
                return ChainReport(checked, last_id + 1, "entry is missing")
            if entry.prev_hash != prev_hash:
                return ChainReport(checked, entry.id, "link to the previous entry does not match")
            if entry_hash(entry) != entry.hash:
                return ChainReport(checked, entry.id, "content does not match its hash")
            prev_hash, checked, last_id = entry.hash, checked + 1, entry.id
        db.session.expunge_all()
    head = db.session.get(AuditHead, 1)
    if head is not None and (head.last_id != last_id or head.last_hash != prev_hash):
        return ChainReport(checked, last_id + 1, "entries after this one are missing")
    return ChainReport(checked)


def record_many(entries: list[dict]) -> None:
    """Append many entries at once (the sweep): one lock of the head, one bulk insert.
    Each dict has actor_id, action, object_type, object_id, region_id and detail (a dict)."""
    if not entries:
        return
    from ..database import insert_rows

    head = _locked_head()
    rows, at = [], utcnow()
    last_id, last_hash = head.last_id, head.last_hash
    for item in entries:
        last_id += 1
        row = dict(id=last_id, at=at, actor_id=item.get("actor_id"), action=item["action"],
                   object_type=item["object_type"], object_id=item.get("object_id"),
                   region_id=item.get("region_id"),
                   detail=json.dumps(item.get("detail", {}), ensure_ascii=False, sort_keys=True,
                                     default=str),
                   prev_hash=last_hash)
        row["hash"] = last_hash = _hash_of(row)
        rows.append(row)
    head.last_id, head.last_hash = last_id, last_hash
    insert_rows(AuditEntry.__table__, rows)
