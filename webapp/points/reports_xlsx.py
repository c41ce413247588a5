"""The monthly report as a spreadsheet (openpyxl), with the same tables as the page."""
import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .models import KINDS


def report_tables(report) -> list[tuple[str, list[str], list[list]]]:
    """(sheet title, header, rows) — what the page shows and the workbook holds."""
    figures = report.figures
    people = [[rank, name, points] for rank, (_uid, name, points) in enumerate(figures["people"], start=1)]
    households = [[rank, label, points] for rank, (_hid, label, points) in enumerate(figures["households"], start=1)]
    teams = [[t["name"], t["on_time"], t["satisfied"], t["basic"], t["missed"], t["points"]] for t in figures["teams"]]
    kinds = [[str(KINDS[k]), figures["by_kind"].get(k, 0)] for k in KINDS]
    kinds.append([_("热心超市兑换（件）"), figures["redemptions"]["count"]])
    kinds.append([_("热心超市兑换（积分）"), figures["redemptions"]["points"]])
    return [
        (_("个人排行"), [_("名次"), _("姓名"), _("积分")], people),
        (_("户排行"), [_("名次"), _("户"), _("积分")], households),
        (_("网格团队"), [_("网格"), _("按时处置"), _("满意"), _("基本满意"), _("错过期限"), _("团队积分")], teams),
        (_("分类汇总"), [_("项目"), _("数量")], kinds),
    ]


def report_workbook(report) -> io.BytesIO:
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in report_tables(report):
        sheet = book.create_sheet(title)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.column_dimensions["B"].width = 28
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out
