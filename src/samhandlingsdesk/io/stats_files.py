"""The statistics report as files: one workbook (a cover sheet and a sheet per table with a
native Excel bar chart beside it), or the same tables as CSV in the desk's CSV format
(`;`, UTF-8 with BOM, CRLF, formula escape).

File formats only: a `Report` (domain) in, files out. A file is written to a temporary
name in the target folder and then linked to its name, so a half-written file never
carries the final name and an existing file is never replaced. Reports are for the
committee: normal permissions (the umask), like the CSV exports.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from samhandlingsdesk.domain.dates import format_date
from samhandlingsdesk.domain.statistics import Report, StatTable
from samhandlingsdesk.domain.text import stats as txt
from samhandlingsdesk.io import tempfiles
from samhandlingsdesk.io.csv_format import DELIMITER, ENCODING, LINE_END, escape_cell

HEADER_ROW = 4  # the table's header row on its sheet (title, scope, blank above)
SHEET_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")


class ReportFileError(Exception):
    """The file cannot be written (one Norwegian sentence)."""


def sheet_name(t: StatTable) -> str:
    name = txt.SHEETS.get(t.key) or SHEET_FORBIDDEN.sub("-", t.title)
    return name[:31]


def _temp(folder: Path, hint: str) -> tuple[Path, int]:
    made = tempfiles.create(folder, hint)
    if made is None:  # pragma: no cover
        raise ReportFileError(txt.WRITE_FAILED.format(path=folder, reason=txt.REASON_TEMP_FILE))
    return made


def _place(tmp: Path, final: Path) -> None:
    """Give the finished file its name; an existing file is never replaced."""
    try:
        os.link(tmp, final)
    except FileExistsError:
        raise ReportFileError(txt.OUT_EXISTS.format(path=final)) from None
    except OSError:
        if final.exists():
            raise ReportFileError(txt.OUT_EXISTS.format(path=final)) from None
        os.replace(tmp, final)
        return
    tmp.unlink()


def _write(final: Path, fill: Callable[[int, Path], None]) -> Path:
    folder = final.parent
    if final.exists():
        raise ReportFileError(txt.OUT_EXISTS.format(path=final))
    if not folder.is_dir():
        raise ReportFileError(txt.NOT_A_FOLDER.format(path=folder))
    try:
        tmp, fd = _temp(folder, final.name)
        try:
            fill(fd, tmp)
            _place(tmp, final)
        finally:
            with suppress(OSError):
                tmp.unlink()
            tempfiles.release(tmp)
    except OSError as exc:
        raise ReportFileError(
            txt.WRITE_FAILED.format(path=final, reason=exc.strerror or exc)
        ) from None
    return final


def cover_lines(report: Report) -> list[tuple[str, str]]:
    side = txt.SIDE_LABELS.get(report.desk_side or "", txt.SIDE_UNKNOWN)
    lines = [
        (txt.COVER_PERIOD, f"{report.scope.period.label} ({format_date(report.scope.period.start)}"
         f"–{format_date(report.scope.period.end)})"),
        (txt.COVER_SCOPE, report.scope.party or txt.SIDE_LABELS.get(report.scope.side or "",
                                                                     txt.ALL_PARTIES)),
        (txt.COVER_SIDE, side),
        (txt.COVER_MADE, format_date(report.made_on)),
    ]  # fmt: skip
    for i, rule in enumerate(report.rules()):
        lines.append((txt.COVER_RULES if i == 0 else "", rule))
    return lines


# --- xlsx ----------------------------------------------------------------------------------


def write_xlsx(report: Report, path: Path) -> Path:
    """The workbook: a cover sheet, then a sheet per table with its bar chart."""

    def fill(fd: int, tmp: Path) -> None:
        os.close(fd)
        workbook(report).save(tmp)

    return _write(path, fill)


def workbook(report: Report):  # type: ignore[no-untyped-def]
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    cover = wb.active
    cover.title = txt.COVER_SHEET
    cover["A1"] = txt.COVER_TITLE
    cover["A1"].font = Font(bold=True, size=14)
    row = 3
    for label, value in cover_lines(report):
        cover.cell(row, 1, label).font = Font(bold=True)
        cover.cell(row, 2, value)
        row += 1
    row += 1
    cover.cell(row, 1, txt.COVER_TABLES).font = Font(bold=True)
    for t in report.tables:
        cover.cell(row, 2, sheet_name(t))
        cover.cell(row, 3, t.title)
        row += 1
    cover.column_dimensions["A"].width = 20
    cover.column_dimensions["B"].width = 60
    for t in report.tables:
        _table_sheet(wb, report, t)
    return wb


def _table_sheet(wb, report: Report, t: StatTable) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(sheet_name(t))
    ws["A1"] = t.title
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = report.scope.label
    ws.cell(HEADER_ROW, 1, t.row_header).font = Font(bold=True)
    for j, col in enumerate(t.columns, start=2):
        ws.cell(HEADER_ROW, j, col).font = Font(bold=True)
    for i, r in enumerate(t.rows, start=HEADER_ROW + 1):
        ws.cell(i, 1, r.label)
        for j, c in enumerate(r.cells, start=2):
            ws.cell(i, j, c.value if c.value is not None else c.text)
    last = HEADER_ROW + len(t.rows)
    if t.note:
        ws.cell(last + 2, 1, t.note)
    ws.column_dimensions["A"].width = max(14, min(50, max(len(r.label) for r in t.rows) + 2))
    for j, col in enumerate(t.columns, start=2):
        ws.column_dimensions[get_column_letter(j)].width = max(10, len(col) + 2)
    if t.chart is None or not t.columns:
        return
    charted = t.chart_rows()
    first, end = HEADER_ROW + 1 + charted[0], HEADER_ROW + 1 + charted[-1]
    chart = BarChart()
    chart.type = "col" if t.chart == "month" else "bar"
    chart.title = f"{t.title}: {t.columns[t.chart_column]}"
    chart.legend = None
    chart.height = 7.5
    chart.width = 16
    data_col = 2 + t.chart_column
    chart.add_data(
        Reference(ws, min_col=data_col, min_row=HEADER_ROW, max_row=end), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=end))
    if t.chart == "category":
        chart.y_axis.scaling.orientation = "minMax"
        chart.x_axis.scaling.orientation = "maxMin"  # first row on top, as in the table
    ws.add_chart(chart, f"{get_column_letter(len(t.columns) + 3)}{HEADER_ROW}")


# --- csv -----------------------------------------------------------------------------------


def csv_name(stem: str, t: StatTable) -> str:
    return f"{stem}_{t.key}.csv"


def write_csv(report: Report, folder: Path, stem: str) -> list[Path]:
    """One file per table (header row, then the rows as shown) and a cover file."""
    if not folder.is_dir():
        raise ReportFileError(txt.NOT_A_FOLDER.format(path=folder))
    written: list[Path] = []

    def rows_file(final: Path, rows: list[list[str]]) -> None:
        def fill(fd: int, _tmp: Path) -> None:
            with open(fd, "w", encoding=ENCODING, newline="") as fh:
                w = csv.writer(fh, delimiter=DELIMITER, lineterminator=LINE_END)
                for row in rows:
                    w.writerow([escape_cell(x) for x in row])

        written.append(_write(final, fill))

    try:
        rows_file(
            folder / f"{stem}_forside.csv",
            [[txt.COVER_TITLE, ""], *([a, b] for a, b in cover_lines(report))],
        )
        for t in report.tables:
            rows = [[t.row_header, *t.columns]]
            rows += [[r.label, *(c.text for c in r.cells)] for r in t.rows]
            rows_file(folder / csv_name(stem, t), rows)
    except ReportFileError:
        for p in written:
            with suppress(OSError):
                p.unlink()
        raise
    return written
