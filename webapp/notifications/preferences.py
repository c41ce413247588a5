"""What reaches a person by which channel, and when (SPEC §8).

Every event has a kind ("case.escalated", "notice.published" …) that falls in a group a person
decides about. In-app always; SMS as the event proposes unless the person turned it on or off
for the group; SMS held back during the person's quiet hours (default 22:00–07:00 Beijing) unless
the message is urgent; a group may be gathered into one SMS a day (the digest) instead of one
per event. Emergencies (broadcasts) go by every channel at once and ignore all of it."""
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..i18n import BEIJING

GROUPS = {
    "cases": _l("我反映的问题和我办理的案件"),
    "notices": _l("新的公开：通知、财务、政策"),
    "replies": _l("回复和评论：信箱、议题、评论"),
    "deliberation": _l("议事：投票、议事会、落实任务"),
    "points": _l("积分和热心超市"),
    "account": _l("账号：认证结果"),
}
EMERGENCY = "emergency"
PREFIXES = (("case.", "cases"), ("notice.", "notices"), ("finance.", "notices"), ("letter.", "replies"),
            ("comment.", "replies"), ("topic.answered", "replies"), ("vote.", "deliberation"),
            ("meeting.", "deliberation"), ("topic.", "deliberation"), ("task.", "deliberation"),
            ("points", "points"), ("store.", "points"), ("evaluation.", "cases"), ("account.", "account"), ("broadcast.", EMERGENCY))
DIGEST_AT = time(18, 0)  # the day's digest goes at six in the evening


def group_of(kind: str) -> str:
    return next((group for prefix, group in PREFIXES if kind.startswith(prefix)), "cases")


@dataclass(frozen=True)
class Choice:
    sms: str = "default"  # "default" (as the event proposes), "on" or "off"
    digest: bool = False


def choices_of(user_ids) -> tuple[dict, dict]:
    """({(user_id, group): Choice}, {user_id: (quiet_from, quiet_to)}) of everyone who changed a
    setting, read once per request or job (kept on `g`): an event for 180,000 villagers, or a
    sweep making thousands of events, reads them once, not once per event. Only the few who
    changed something have rows; everyone else has the defaults."""
    from flask import g

    from .models import NotificationChoice, QuietHours

    if "notification_choices" not in g:
        choices = {(r.user_id, r.group): Choice(r.sms, r.digest) for r in db.session.scalars(select(NotificationChoice))}
        quiet = {r.user_id: (r.quiet_from, r.quiet_to) for r in db.session.scalars(select(QuietHours))}
        g.notification_choices = (choices, quiet)
    return g.notification_choices


def forget_choices() -> None:
    """After a person changes their settings, in the same request."""
    from flask import g

    g.pop("notification_choices", None)


def end_of_quiet(now: datetime, quiet: tuple[int, int]) -> datetime | None:
    """When the quiet hours `now` falls in end (None when it falls in none)."""
    start, end = quiet
    if start == end:
        return None
    local = now.astimezone(BEIJING)
    minute = local.hour * 60 + local.minute
    inside = start <= minute < end if start < end else (minute >= start or minute < end)
    if not inside:
        return None
    ends = local.replace(hour=end // 60, minute=end % 60, second=0, microsecond=0)
    if ends <= local:
        ends += timedelta(days=1)
    return ends


def channels_for(user_ids, kind: str, sms: bool, urgent: bool, now: datetime) -> list[tuple[int, str, dict]]:
    """(user_id, channel, extra columns) for each outbox row an event makes: in-app for everyone;
    SMS when the person's choice (or, by default, the event) says so, held through their quiet
    hours or gathered into the digest unless it is urgent."""
    from flask import current_app

    from .models import IN_APP, SMS

    ids = list(dict.fromkeys(user_ids))
    group = group_of(kind)
    if group == EMERGENCY:
        return [(u, channel, {}) for u in ids for channel in (IN_APP, SMS)]
    choices, quiet = choices_of(ids)
    default_quiet = tuple(current_app.config["QUIET_HOURS_DEFAULT"])
    rows = []
    for user_id in ids:
        rows.append((user_id, IN_APP, {}))
        choice = choices.get((user_id, group), Choice())
        if choice.sms == "off" or (choice.sms == "default" and not sms):
            continue
        if urgent:
            rows.append((user_id, SMS, {}))
        elif choice.digest:
            rows.append((user_id, SMS, {"digest": True}))
        else:
            rows.append((user_id, SMS, {"not_before": end_of_quiet(now, quiet.get(user_id, default_quiet))}))
    return rows


def set_preferences(person, chosen: dict[str, Choice], quiet_from: int, quiet_to: int) -> None:
    """A person's own settings: per group, SMS (default/on/off) and the digest; quiet hours."""
    from ..audit.services import record
    from ..service import ServiceError
    from .models import NotificationChoice, QuietHours

    if set(chosen) - set(GROUPS) or any(c.sms not in ("default", "on", "off") for c in chosen.values()):
        raise ServiceError(_l("设置不对，请刷新页面再试。"))
    if not (0 <= quiet_from < 24 * 60 and 0 <= quiet_to < 24 * 60):
        raise ServiceError(_l("免打扰时间不对。"), "quiet_from")
    rows = {r.group: r for r in db.session.scalars(select(NotificationChoice)
                                                   .where(NotificationChoice.user_id == person.id))}
    for group, choice in chosen.items():
        row = rows.get(group) or NotificationChoice(user_id=person.id, group=group)
        row.sms, row.digest = choice.sms, choice.digest
        db.session.add(row)
    quiet = db.session.get(QuietHours, person.id) or QuietHours(user_id=person.id)
    quiet.quiet_from, quiet.quiet_to = quiet_from, quiet_to
    db.session.add(quiet)
    forget_choices()
    record(person, "notifications.preferences_set", person, quiet=f"{quiet_from}-{quiet_to}",
           sms={g: c.sms for g, c in chosen.items()}, digest=sorted(g for g, c in chosen.items() if c.digest))


def preferences_of(person) -> tuple[dict[str, Choice], tuple[int, int]]:
    from flask import current_app

    choices, quiet = choices_of([person.id])
    return ({group: choices.get((person.id, group), Choice()) for group in GROUPS},
            quiet.get(person.id, tuple(current_app.config["QUIET_HOURS_DEFAULT"])))
