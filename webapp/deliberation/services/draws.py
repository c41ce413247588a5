"""A draw of representatives, step by step (docs/sortition.md): the cadre names the witnesses;
each witness commits to a secret; the roster is frozen and its hash published; each witness
reveals; the draw is made from the frozen inputs alone. Every step is public and audited, and
no step can be taken out of order or twice."""
import json
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from ...accounts.models import Resident, User
from ...audit.services import record
from ...auth import may_run_deliberation, may_witness
from ...database import utcnow
from ...extensions import db
from ...i18n import BEIJING
from ...regions.models import Region
from ...service import ServiceError
from .. import sortition
from ..models.draws import COMMITTING, DRAWN, FROZEN, Draw, DrawWitness

AGE_BANDS = ((18, 39, "18-39岁"), (40, 59, "40-59岁"), (60, 200, "60岁以上"))


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise ServiceError(_l("你不能做这一步。"))


def _touch(draw: Draw) -> None:
    """Each step changes the draw's row too, so pages that show the draw are made again (the
    witness's row alone is placed nowhere: page_scope "covered")."""
    flag_modified(draw, "status")


def start_draw(cadre, village: Region, title: str, seats: int, witnesses: list[tuple[User, str]],
               group_ids: list[int] | None = None) -> Draw:
    _refuse_unless(may_run_deliberation(cadre, village))
    if len(witnesses) < sortition.MIN_WITNESSES:
        raise ServiceError(_l("至少要 %(n)s 位见证人。", n=sortition.MIN_WITNESSES), "witnesses")
    if len({w.id for w, _role in witnesses}) != len(witnesses):
        raise ServiceError(_l("同一个人不能当两次见证人。"), "witnesses")
    if seats < 1:
        raise ServiceError(_l("至少抽 1 人。"), "seats")
    draw = Draw(village_id=village.id, title=title.strip(), seats=seats, created_by_id=cadre.id,
                group_ids=",".join(str(g) for g in sorted(group_ids or [])))
    db.session.add(draw)
    db.session.flush()
    for position, (person, role) in enumerate(witnesses, start=1):
        db.session.add(DrawWitness(draw_id=draw.id, user_id=person.id, position=position, role=role))
    record(cadre, "draw.started", draw, region=village.id, seats=seats, witnesses=[w.id for w, _r in witnesses])
    return draw


def commit(person, witness: DrawWitness, commitment: str) -> None:
    """The witness publishes sha256(secret), computed on their phone; the secret stays with them."""
    _refuse_unless(may_witness(person, witness))
    draw = witness.draw
    commitment = commitment.strip().lower()
    if draw.status != COMMITTING or witness.commitment:
        raise ServiceError(_l("现在不能再提交承诺。"))
    if len(commitment) != 64 or any(c not in "0123456789abcdef" for c in commitment):
        raise ServiceError(_l("承诺应是64位的十六进制数。"), "commitment")
    witness.commitment, witness.committed_at = commitment, utcnow()
    _touch(draw)
    record(person, "draw.committed", draw, region=draw.village_id, position=witness.position, commitment=commitment)


def commit_from_form(person, witness: DrawWitness, commitment: str, secret: str) -> None:
    """The hash the phone made, or (without JavaScript) the secret, hashed here and not kept."""
    if not commitment.strip():
        if len(secret) < sortition.MIN_SECRET_LENGTH:
            raise ServiceError(_l("密语至少要 %(n)s 个字。", n=sortition.MIN_SECRET_LENGTH), "secret")
        commitment = sortition.commitment(secret)
    commit(person, witness, commitment)


def stratum_of(person: User, resident: Resident | None, groups: dict[int, str], on: date) -> str:
    group = groups.get(person.group_id, "未分组")
    gender = resident.gender if resident and resident.gender in ("男", "女") else "性别未登记"
    band = "年龄未登记"
    if resident and resident.birth_year:
        age = on.year - resident.birth_year
        band = next((label for low, high, label in AGE_BANDS if low <= age <= high), "")
    return f"{group}·{gender}·{band}" if band else ""


def eligible_roster(draw: Draw, on: date) -> list[dict]:
    """Verified, active villagers of the draw's village (or of its chosen groups), adults."""
    query = (select(User, Resident).outerjoin(Resident, User.resident_id == Resident.id)
             .where(User.village_id == draw.village_id, User.active.is_(True), User.verified_at.is_not(None)))
    chosen = [int(g) for g in draw.group_ids.split(",") if g]
    if chosen:
        query = query.where(User.group_id.in_(chosen))
    groups = dict(db.session.execute(select(Region.id, Region.name).where(Region.parent_id == draw.village_id)).all())
    entries = []
    for person, resident in db.session.execute(query).all():
        stratum = stratum_of(person, resident, groups, on)
        if stratum:  # under 18: not eligible
            entries.append((str(person.id), stratum))
    return sortition.frozen_roster(entries)


def freeze(cadre, draw: Draw, quotas: dict[str, int] | None = None) -> None:
    """Fix the roster and the quotas, once every witness has committed, before any reveal."""
    _refuse_unless(may_run_deliberation(cadre, draw.village))
    if draw.status != COMMITTING:
        raise ServiceError(_l("名册已经冻结。"))
    if any(not w.commitment for w in draw.witnesses):
        raise ServiceError(_l("还有见证人没有提交承诺。"))
    roster = eligible_roster(draw, utcnow().astimezone(BEIJING).date())
    sizes = sortition.strata_sizes(roster)
    try:
        quotas = dict(quotas) if quotas is not None else sortition.proportional_quotas(sizes, draw.seats)
        sortition.check_quotas(quotas, sizes)
    except sortition.DrawError as error:
        raise ServiceError(str(error), "quotas") from error
    if sum(quotas.values()) != draw.seats:
        raise ServiceError(_l("各类名额加起来应是 %(n)s 人。", n=draw.seats), "quotas")
    draw.roster_json = sortition.canonical(roster).decode()
    draw.roster_sha256 = sortition.roster_hash(roster)
    draw.quotas_json = sortition.canonical(quotas).decode()
    draw.status, draw.frozen_at = FROZEN, utcnow()
    record(cadre, "draw.frozen", draw, region=draw.village_id, roster_sha256=draw.roster_sha256,
           eligible=len(roster), quotas=quotas)


def reveal(person, witness: DrawWitness, secret: str) -> None:
    _refuse_unless(may_witness(person, witness))
    draw = witness.draw
    if draw.status != FROZEN or witness.secret:
        raise ServiceError(_l("现在不能公开密语。"))
    if sortition.commitment(secret) != witness.commitment:
        raise ServiceError(_l("这句密语和你事先提交的承诺对不上。"), "secret")
    witness.secret, witness.revealed_at = secret, utcnow()
    _touch(draw)
    record(person, "draw.revealed", draw, region=draw.village_id, position=witness.position)


def set_public_number(cadre, draw: Draw, number: str) -> None:
    """A public number no witness controls (e.g. a lottery's next draw), entered after the freeze."""
    _refuse_unless(may_run_deliberation(cadre, draw.village))
    if draw.status != FROZEN:
        raise ServiceError(_l("只能在名册冻结以后、抽签以前填写。"))
    draw.public_number = number.strip()[:64]
    record(cadre, "draw.public_number", draw, region=draw.village_id, number=draw.public_number)


def make_draw(cadre, draw: Draw) -> dict:
    """Once every witness has revealed: the seed and the result, from the frozen inputs only."""
    _refuse_unless(may_run_deliberation(cadre, draw.village))
    if draw.status != FROZEN:
        raise ServiceError(_l("现在不能抽签。"))
    if any(not w.secret for w in draw.witnesses):
        raise ServiceError(_l("还有见证人没有公开密语。"))
    page = published(draw)
    try:
        result = sortition.replay(page)
    except sortition.DrawError as error:
        raise ServiceError(str(error)) from error
    draw.seed = sortition.seed(draw.roster_sha256, page["quotas"], [w.secret for w in draw.witnesses],
                               draw.public_number)
    draw.result_json = sortition.canonical(result).decode()
    draw.status, draw.drawn_at = DRAWN, utcnow()
    record(cadre, "draw.drawn", draw, region=draw.village_id, seed=draw.seed, panel=sortition.panel(result))
    return result


def published(draw: Draw) -> dict:
    """The draw's public record: what its page shows and what verify_draw.py reads."""
    page = {"algorithm": sortition.ALGORITHM, "draw": draw.id, "title": draw.title, "seats": draw.seats,
            "status": draw.status,
            "witnesses": [{"position": w.position, "role": w.role, "commitment": w.commitment,
                           "secret": w.secret} for w in draw.witnesses]}
    if draw.status in (FROZEN, DRAWN):
        page.update(roster=json.loads(draw.roster_json), roster_sha256=draw.roster_sha256,
                    quotas=json.loads(draw.quotas_json), public_number=draw.public_number)
    if draw.status == DRAWN:
        page.update(seed=draw.seed, result=json.loads(draw.result_json))
    return page
