"""A league table as a spreadsheet (openpyxl), with the same columns as the page."""
import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .figures import rates
from .models import YEAR


def header(table) -> list[str]:
    cells = [_("名次"), _("村") if table.region.level == "township" else _("乡镇"), _("反映件数"), _("已处置"),
             _("处置率"), _("及时处置"), _("及时处置率"), _("满意率"), _("错过期限"), _("团队积分"),
             _("服务请求"), _("按时答复率"), _("服务满意率")]
    if table.period == YEAR:
        cells += [_("群众测评人数"), _("群众测评平均分")]
    return cells


def _percent(value) -> str:
    return "—" if value is None else f"{value:g}%"


def rows(table) -> list[list]:
    """The table's rows as the page shows them (the totals last)."""
    out = []
    for rank, row in [*enumerate(table.figures["rows"], start=1), ("", table.figures["totals"])]:
        r = rates(row)
        cells = [rank, row["name"] if rank else _("合计"), row["cases"], row["handled"], _percent(r["handling"]),
                 row["on_time"], _percent(r["on_time"]), _percent(r["satisfaction"]), row["missed"], row["points"],
                 row.get("requests", 0), _percent(r["requests_on_time"]), _percent(r["requests_satisfaction"])]
        if table.period == YEAR:
            survey = row.get("survey") or {}
            cells += [survey.get("answers", "") if rank else "", survey.get("overall", "—") if rank else ""]
        out.append(cells)
    return out


def table_workbook(table, title: str) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.title = table.label
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(header(table))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows(table):
        sheet.append(row)
    sheet.column_dimensions["B"].width = 16
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out
