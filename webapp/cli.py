"""flask commands: demo, import, audit."""
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from .accounts.imports import import_households, import_people
from .audit.services import verify_chain
from .csvimport import ImportReport
from .demo import DEMO_PASSWORD, LOGINS, database_is_empty, load_demo
from .regions.imports import import_regions
from .transaction import commit

import_cli = AppGroup("import", help="Import regions, households or people from a CSV file.")
audit_cli = AppGroup("audit", help="The audit log.")


def _print_report(report: ImportReport, path: str) -> None:
    if report.ok:
        commit()
        made = "，".join(f"{k} {v}" for k, v in report.created.items())
        click.echo(f"导入成功（{path}）：{made}")
        return
    click.echo(f"导入失败，没有写入任何数据（{path}）。以下 {len(report.errors)} 行有问题：", err=True)
    for line, message in report.errors:
        click.echo(f"  第 {line} 行：{message}", err=True)
    sys.exit(1)


@import_cli.command("regions")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_regions_command(path):
    """CSV columns: code,name,level,parent_code"""
    _print_report(import_regions(Path(path).read_bytes(), filename=Path(path).name), path)


@import_cli.command("households")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_households_command(path):
    """CSV columns: household_code,village_code,group_code,grid_code,address,name,relation,phone,id_last4"""
    _print_report(import_households(Path(path).read_bytes(), filename=Path(path).name), path)


@import_cli.command("people")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--passwords-out", type=click.Path(dir_okay=False), default=None,
              help="Where to write the temporary passwords of new accounts (CSV).")
def import_people_command(path, passwords_out):
    """CSV columns: phone,name,village_code,group_code,role,role_region_code,title,household_code"""
    report = import_people(Path(path).read_bytes(), filename=Path(path).name)
    _print_report(report, path)
    if report.notes:
        out = Path(passwords_out or f"{path}.passwords.csv")
        out.write_text("\n".join(report.notes) + "\n", encoding="utf-8")
        out.chmod(0o600)
        click.echo(f"新账号的临时密码已写入 {out}，请分发后删除该文件。")


@audit_cli.command("verify")
def audit_verify_command():
    """Check the hash chain; name the first broken entry."""
    report = verify_chain()
    if report.ok:
        click.echo(f"audit chain intact: {report.checked} entries")
        return
    click.echo(f"audit chain BROKEN at entry #{report.broken_id}: {report.reason} "
               f"({report.checked} entries before it are intact)", err=True)
    sys.exit(1)


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has regions.")
def demo_command(if_empty):
    """Load the demo county 青山县 with its demo logins."""
    if not database_is_empty():
        click.echo("数据库里已经有数据，未加载演示数据。")
        if if_empty:
            return
        sys.exit(1)
    load_demo()
    click.echo(f"已加载演示县：青山县。演示账号（密码都是 {DEMO_PASSWORD}）：")
    for phone, who in LOGINS:
        click.echo(f"  {phone}  {who}")


@click.command("generate-county")
@click.option("--notices", default=100_000, show_default=True)
@click.option("--villagers", default=180_000, show_default=True)
@click.option("--households", default=252_000, show_default=True)
def generate_county_command(notices, villagers, households):
    """A county at Ninghai scale (18 townships, 363 villages) for benchmarks."""
    from .regions.generator import generate_county

    generate_county(notices=notices, villagers=villagers, households=households, log=click.echo)


@click.command("points-rebuild")
def points_rebuild_command():
    """Recompute cached point balances from the ledger and report any difference."""
    from .points.services import rebuild_balances

    differences = rebuild_balances()
    commit()
    for user_id, cached, actual in differences:
        click.echo(f"user #{user_id}: cached {cached}, ledger {actual} → fixed")
    click.echo(f"{len(differences)} balance(s) differed from the ledger")


def register_commands(app) -> None:
    app.cli.add_command(points_rebuild_command)
    app.cli.add_command(generate_county_command)
    app.cli.add_command(import_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(demo_command)
    from .cases.cli import cases_cli

    app.cli.add_command(cases_cli)
