"""Reading CSV files for imports: every row is checked before anything is written, and every
bad row is reported by its line number in Chinese, so a file imports whole or not at all."""
import csv
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def reject(self, line: int, message: str) -> None:
        self.errors.append((line, message))


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or GB18030, which is what Excel in China saves."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(_("文件编码无法识别，请另存为 UTF-8 编码的 CSV 文件。"))


def read_rows(raw: bytes, required: tuple[str, ...], report: ImportReport) -> list[tuple[int, dict]]:
    """(line number, row) pairs with stripped values; header problems go to the report."""
    try:
        text = decode(raw)
    except ValueError as error:
        report.reject(0, str(error))
        return []
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in headers]
    if missing:
        report.reject(1, _("表头缺少这些列：%(cols)s", cols="、".join(missing)))
        return []
    reader.fieldnames = headers
    rows = []
    for number, row in enumerate(reader, start=2):
        cleaned = {k: (v or "").strip() for k, v in row.items() if k}
        if any(cleaned.values()):
            rows.append((number, cleaned))
    if not rows:
        report.reject(2, _("文件里没有数据行。"))
    return rows
