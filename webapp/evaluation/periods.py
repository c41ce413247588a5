"""The periods a league table covers, on the Beijing calendar: ISO weeks from Monday 00:00
("2026-W49"), months ("2026-11") and years ("2026"); and the quarters of the survey ("2026-Q4")."""
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _

from ..i18n import BEIJING
from .models import MONTH, WEEK


def _first_day(period: str, label: str) -> date:
    if period == WEEK:
        year, week = label.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    if period == MONTH:
        year, month = label.split("-")
        return date(int(year), int(month), 1)
    return date(int(label), 1, 1)


def _next_first_day(period: str, first: date) -> date:
    if period == WEEK:
        return first + timedelta(days=7)
    if period == MONTH:
        return date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return date(first.year + 1, 1, 1)


def label_of(period: str, day: date) -> str:
    if period == WEEK:
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    if period == MONTH:
        return f"{day.year}-{day.month:02d}"
    return str(day.year)


def bounds(period: str, label: str) -> tuple[datetime, datetime]:
    """[start, end) of the period as aware datetimes (Beijing midnight)."""
    first = _first_day(period, label)
    return (datetime.combine(first, time.min, BEIJING),
            datetime.combine(_next_first_day(period, first), time.min, BEIJING))


def finished(period: str, since: datetime, now: datetime) -> list[str]:
    """Every period from the one holding `since` to the last one that has ended by `now`."""
    day, today = since.astimezone(BEIJING).date(), now.astimezone(BEIJING).date()
    first, labels = _first_day(period, label_of(period, day)), []
    while (following := _next_first_day(period, first)) <= today:
        labels.append(label_of(period, first))
        first = following
    return labels


def previous(period: str, label: str, count: int) -> list[str]:
    """The `count` periods ending with `label`, oldest first (for a chart's trend)."""
    labels, first = [label], _first_day(period, label)
    while len(labels) < count:
        first = _first_day(period, label_of(period, first - timedelta(days=1)))
        labels.insert(0, label_of(period, first))
    return labels


def title(period: str, label: str) -> str:
    if period == WEEK:
        year, week = label.split("-W")
        first = _first_day(period, label)
        last = first + timedelta(days=6)
        return _("%(y)s年第%(w)s周（%(a)s—%(b)s）", y=year, w=int(week), a=f"{first.month}月{first.day}日",
                 b=f"{last.month}月{last.day}日")
    if period == MONTH:
        return _("%(y)s年%(m)s月", y=label[:4], m=int(label[5:]))
    return _("%(y)s年", y=label)


def short_title(period: str, label: str) -> str:
    """For a chart's axis: "第49周", "11月", "2026"."""
    if period == WEEK:
        return _("第%(w)s周", w=int(label.split("-W")[1]))
    if period == MONTH:
        return _("%(m)s月", m=int(label[5:]))
    return label


def quarter_of(moment: datetime) -> str:
    day = moment.astimezone(BEIJING).date()
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def previous_quarter(quarter: str) -> str:
    year, number = int(quarter[:4]), int(quarter[-1])
    return f"{year - 1}-Q4" if number == 1 else f"{year}-Q{number - 1}"


def quarter_title(quarter: str) -> str:
    return _("%(y)s年第%(q)s季度", y=quarter[:4], q=quarter[-1])


def quarters_of_year(year: str) -> list[str]:
    return [f"{year}-Q{n}" for n in range(1, 5)]

