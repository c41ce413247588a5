"""flask cases sweep [--now ISO-TIME]"""
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import click
from flask.cli import AppGroup

BEIJING = ZoneInfo("Asia/Shanghai")
cases_cli = AppGroup("cases", help="Reports and their deadlines.")


@cases_cli.command("sweep")
@click.option("--now", "now_text", default=None,
              help="Sweep as of this time (ISO 8601, e.g. 2026-11-25T09:00; Beijing time unless a zone is "
                   "given); default: now.")
def sweep_command(now_text):
    """Escalate every case whose deadline has passed, once."""
    from .sweep import sweep_overdue

    try:
        now = datetime.fromisoformat(now_text) if now_text else datetime.now(UTC)
    except ValueError:
        raise click.BadParameter("an ISO 8601 time, e.g. 2026-12-31T09:00", param_hint="--now") from None
    if now.tzinfo is None:  # a time written without a zone is Beijing time, as everywhere here
        now = now.replace(tzinfo=BEIJING)
    report = sweep_overdue(now)
    click.echo(f"sweep as of {now.isoformat()}: {report.summary()}")
    for case_id, old, new in report.escalated[:50]:
        click.echo(f"  case #{case_id}: {old} → {new}")
    if len(report.escalated) > 50:
        click.echo(f"  … and {len(report.escalated) - 50} more")
