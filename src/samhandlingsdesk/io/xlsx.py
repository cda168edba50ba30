"""Excel workbooks (xlsx) in and out: the same columns and rules as the CSV files.

Writing (`write_workbook`): one sheet per kind, named by its label as Excel allows
(«LIS3-ALIS»), and the notes on a «Notater» sheet of their own, one row per note (so no
cell passes Excel's 32,767 characters). Each sheet has a bold, frozen header row, an
autofilter and column widths that fit the header and the first rows; dates are real
dates shown `dd.mm.åååå`; every text is written as a string (so `=…` is never a formula
and `0301` keeps its zero) and control characters are shown as their Unicode pictures
(ESC as ␛). Streaming: rows go from the store's batches to the writer's temporary files, so memory
stays flat in the number of rows. Two writers are kept behind one interface so the
benchmark can compare them: XlsxWriter in constant-memory mode (the default, it measured
faster) and openpyxl in write-only mode.

Reading (`read_tables`): openpyxl in read-only mode; every sheet named after a kind (or
only the one asked for; a workbook from elsewhere: its first sheet), cells as the text
they show — a date stored as a date, a number as its digits (`0301` with a `0000` format
keeps its zero), a phone stored as a number as its digits. The import then applies the
CSV rules to the text. No database.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Final

from samhandlingsdesk.domain.kinds import KINDS, TRI_LABELS, kind_spec
from samhandlingsdesk.domain.limits import shown_cell
from samhandlingsdesk.domain.text import intake as txt
from samhandlingsdesk.domain.text.common import FILE_NOT_FOUND
from samhandlingsdesk.io import tempfiles
from samhandlingsdesk.io.csv_format import (
    Column,
    cell_formatter,
    columns,
    escape_cell,
    format_decimal,
    unescape_cell,
)
from samhandlingsdesk.io.notes_file import note_rows, notes_by_case
from samhandlingsdesk.io.tables import Table

DATE_FORMAT: Final = "dd.mm.yyyy"
FETCH_ROWS: Final = 500
WIDTH_SAMPLE: Final = 200  # rows looked at for the column widths
MAX_WIDTH: Final = 60
ENGINE = "xlsxwriter"  # the writer the export uses (the benchmark tries both)


class XlsxError(Exception):
    """The workbook cannot be read; `str()` is one Norwegian sentence."""


def visible(text: str) -> str:
    """Control characters as their Unicode control pictures (ESC -> ␛), tab and line
    breaks kept: what any file cell gets (`domain.limits.shown_cell`)."""
    return shown_cell(text)


def sheet_name(kind: str) -> str:
    """A kind's sheet: its label as Excel allows (no `/\\?*[]:`, at most 31 characters)."""
    return re.sub(r"[/\\?*\[\]:]", "-", kind_spec(kind).label)[:31]


SHEET_KINDS: Final = {sheet_name(k).casefold(): k for k in KINDS}


# --- writing -----------------------------------------------------------------------------


def _value_maker(col: Column, kind: str) -> Callable[[Any], Any]:
    """Stored value -> the cell value: a date, an int, or a string."""
    if col.spec is not None and col.spec.type == "date":
        return lambda v: date.fromisoformat(str(v)[:10]) if v else None
    if col.spec is not None and col.spec.type == "int":
        return lambda v: v if v is None or isinstance(v, int) else format_decimal(v)
    fmt = cell_formatter(col, kind)
    return lambda v: visible(unescape_cell(fmt(v))) if v is not None else None


class _Writer:
    """One workbook being written: sheets, rows, formats (two engines)."""

    def __init__(self, path: Path, engine: str) -> None:
        self.engine = engine
        if engine == "xlsxwriter":
            import xlsxwriter

            self.wb = xlsxwriter.Workbook(
                str(path),
                {
                    "constant_memory": True,
                    "strings_to_numbers": False,
                    "strings_to_formulas": False,
                    "strings_to_urls": False,
                    "default_date_format": DATE_FORMAT,
                },
            )
            self.bold = self.wb.add_format({"bold": True})
            self.datef = self.wb.add_format({"num_format": DATE_FORMAT})
        else:
            from openpyxl import Workbook

            self.wb = Workbook(write_only=True)
        self.path = path

    def sheet(self, name: str, headers: Sequence[str], widths: Sequence[int]) -> Any:
        if self.engine == "xlsxwriter":
            ws = self.wb.add_worksheet(name)
            for i, w in enumerate(widths):
                ws.set_column(i, i, w)
            ws.freeze_panes(1, 0)
            for i, h in enumerate(headers):
                ws.write_string(0, i, h, self.bold)
            return [ws, 1, len(headers)]
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        ws = self.wb.create_sheet(name)
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = "A2"
        bold = Font(bold=True)
        cells = []
        for h in headers:
            c = WriteOnlyCell(ws, h)
            c.font = bold
            cells.append(c)
        ws.append(cells)
        return [ws, 1, len(headers)]

    def row(self, sheet: Any, values: Sequence[Any]) -> None:
        ws, r, _ = sheet
        if self.engine == "xlsxwriter":
            for i, v in enumerate(values):
                if v is None:
                    continue
                if isinstance(v, str):
                    ws.write_string(r, i, v)
                elif isinstance(v, date):
                    ws.write_datetime(r, i, datetime.combine(v, time()), self.datef)
                else:
                    ws.write_number(r, i, v)
        else:
            from openpyxl.cell import WriteOnlyCell

            cells: list[Any] = []
            for v in values:
                c = WriteOnlyCell(ws, v)
                if isinstance(v, str):
                    c.data_type = "s"
                elif isinstance(v, date):
                    c.number_format = DATE_FORMAT
                cells.append(c)
            ws.append(cells)
        sheet[1] = r + 1

    def finish_sheet(self, sheet: Any) -> None:
        ws, r, n = sheet
        if self.engine == "xlsxwriter":
            ws.autofilter(0, 0, max(r - 1, 0), n - 1)
        else:
            from openpyxl.utils import get_column_letter

            ws.auto_filter.ref = f"A1:{get_column_letter(n)}{max(r, 1)}"

    def close(self) -> None:
        if self.engine == "xlsxwriter":
            self.wb.close()
        else:
            self.wb.save(str(self.path))


def _width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    text = str(value)
    return max((len(line) for line in text.split("\n")), default=0)


def write_workbook(
    kinds: Sequence[tuple[str, Iterable[Sequence[Sequence[Any]]]]],
    out_dir: Path,
    day: date,
    *,
    include_personal: bool,
    tick: Callable[[int], None] | None = None,
    library: str | None = None,
) -> tuple[Path, dict[str, int]]:
    """Write the kinds into one new workbook in `out_dir`; each kind comes with its rows,
    in batches, of the stored values of `csv_export.file_columns(kind, …)`. Returns the
    workbook's path and the rows per kind. `library`: "xlsxwriter" or "openpyxl" (else
    `ENGINE`)."""
    import os

    from samhandlingsdesk.io import csv_export as ce

    name = "samhandlingsdesk" if len(kinds) != 1 else kinds[0][0]
    tmp, fd = ce.temp_file(out_dir, ce.file_name(name, day, 1, ".xlsx"))
    os.close(fd)
    rows: dict[str, int] = {}
    writer = _Writer(tmp, library or ENGINE)
    try:
        # Every sheet is made (from its first rows) before any is filled, so the sheets
        # stand in order with the notes last; the cursors are read in turn.
        started = []
        for kind, batches in kinds:
            cols = columns(kind, include_personal=include_personal)
            idx = [i for i, c in enumerate(cols) if c.role != "notes"]
            makers = [_value_maker(cols[i], kind) for i in idx]
            cur = iter(batches)
            first = list(next(cur, []))
            sample = [[m(r[i]) for m, i in zip(makers, idx, strict=True)] for r in first]
            head = sample[:WIDTH_SAMPLE]
            widths = [
                min(MAX_WIDTH, max([len(cols[i].header) + 2] + [_width(v[j]) + 1 for v in head]))
                for j, i in enumerate(idx)
            ]
            sheet = writer.sheet(sheet_name(kind), [cols[i].header for i in idx], widths)
            notes_i = next(i for i, c in enumerate(cols) if c.role == "notes")
            started.append((kind, cur, first, sample, makers, idx, notes_i, sheet))
        notes_sheet = writer.sheet(txt.NOTES_SHEET, txt.NOTES_SHEET_HEADERS, (12, 38, 17, 80))
        for kind, cur, first, sample, makers, idx, notes_i, sheet in started:
            n = 0
            batch = first
            while batch:
                for k, r in enumerate(batch):
                    values = (
                        sample[k]
                        if batch is first
                        else [m(r[i]) for m, i in zip(makers, idx, strict=True)]
                    )
                    writer.row(sheet, values)
                    if r[notes_i] and r[notes_i] != "[]":
                        for ref, cid, stamp, text in note_rows(str(r[0]), str(r[1]), r[notes_i]):
                            writer.row(notes_sheet, [ref, cid, stamp, visible(unescape_cell(text))])
                n += len(batch)
                if tick is not None:
                    tick(len(batch))
                batch = list(next(cur, []))
            del sample, first
            writer.finish_sheet(sheet)
            rows[kind] = n
        writer.finish_sheet(notes_sheet)
        writer.close()
        return ce.place(tmp, out_dir, name, day, ".xlsx"), rows
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        tempfiles.release(tmp)


# --- reading -----------------------------------------------------------------------------


def cell_text(value: Any, number_format: str = "General") -> str:
    """A cell's value as the text it shows (for the CSV rules): dates `dd.mm.åååå`,
    whole numbers as digits (zero-padded to a `0000` format), decimals with a comma."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return TRI_LABELS[value]
    if isinstance(value, datetime):
        if value.time() == time():
            return value.strftime("%d.%m.%Y")
        return value.isoformat()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return format_decimal(value)
        digits = str(int(value))
        fmt = (number_format or "").strip()
        if fmt and set(fmt) == {"0"}:
            digits = digits.zfill(len(fmt))
        return digits
    return escape_cell(str(value))


def _rows(ws: Any, formats: bool) -> Iterator[tuple[int, list[str]]]:
    """The rows of a sheet as text. `formats`: look at each number's format (a workbook
    with `0000`-like formats); without, the faster values-only reading."""
    if not formats:
        start = ws.min_row or 1
        for n, values in enumerate(ws.iter_rows(values_only=True), start):
            yield n, [cell_text(v) for v in values]
        return
    for n, row in enumerate(ws.iter_rows(), 1):
        line = next((c.row for c in row if getattr(c, "row", None)), n)
        yield line, [cell_text(c.value, getattr(c, "number_format", "General")) for c in row]


def _header(
    records: Iterator[tuple[int, list[str]]],
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    for _line, cells in records:
        if any(c.strip() for c in cells):
            while cells and not cells[-1].strip():
                cells.pop()
            return [unescape_cell(c) for c in cells], records
    return [], records


_NOTES_CACHE: dict[str, Any] = {}  # the notes of the last workbook read, by path and stamp


def sheet_names(path: Path) -> list[str]:
    """The sheets an import of the workbook reads (every kind sheet, else the first)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        names = list(wb.sheetnames)
    finally:
        wb.close()
    return [n for n in names if n.casefold() in SHEET_KINDS] or names[:1]


def read_tables(path: Path, sheet: str | None = None) -> list[Table]:
    """The tables of a workbook: every kind sheet (with the notes sheet's notes), or
    `sheet` only, or the first sheet of a workbook from elsewhere. Sheets are read by
    `FastBook` (the sheet XML streamed with lxml: about three times openpyxl's speed on
    the inline strings the export writes); a workbook it cannot read is read by openpyxl
    in read-only mode."""
    if not path.exists():
        raise XlsxError(FILE_NOT_FOUND.format(path=path))
    try:
        book: Any = FastBook(path)
    except Exception:
        book = _OpenpyxlBook(path)
    names = list(book.sheetnames)
    notes: dict[str, str] = {}
    notes_name = next((n for n in names if n.casefold() == txt.NOTES_SHEET.casefold()), None)
    if notes_name is not None:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if _NOTES_CACHE.get("key") != key:
            # The import reads a workbook once per kind sheet: its notes sheet only once.
            _h, records = _header(book.rows(notes_name))
            _NOTES_CACHE.clear()
            _NOTES_CACHE.update(key=key, notes=notes_by_case(c for _line, c in records))
        notes = _NOTES_CACHE["notes"]
    if sheet is not None:
        chosen = [n for n in names if n.casefold() == sheet.casefold()]
        if not chosen:
            raise XlsxError(
                txt.NO_SHEET.format(
                    name=path.name, sheet=sheet, sheets=", ".join(f"«{n}»" for n in names)
                )
            )
    else:
        chosen = [n for n in names if n.casefold() in SHEET_KINDS] or names[:1]
    tables = []
    for name in chosen:
        headers, records = _header(book.rows(name))
        if not headers:
            raise XlsxError(txt.EMPTY_SHEET.format(sheet=name, name=path.name))
        tables.append(
            Table(
                f"{path.name} ({name})",
                headers,
                records,
                encoding="xlsx",
                kind=SHEET_KINDS.get(name.casefold()),
                notes=notes,
                sheet=name,
            )
        )
    return tables


class _OpenpyxlBook:
    """A workbook read by openpyxl in read-only mode."""

    def __init__(self, path: Path) -> None:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            self.wb = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
            raise XlsxError(txt.NOT_XLSX.format(name=path.name)) from None
        self.sheetnames = list(self.wb.sheetnames)
        # Zero-padded formats (`0000`) need each cell's format; else read values only.
        self.formats = any(set(str(f)) == {"0"} for f in getattr(self.wb, "_number_formats", ()))

    def rows(self, name: str) -> Iterator[tuple[int, list[str]]]:
        return _rows(self.wb[name], self.formats)


_NS: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Built-in number formats that show a date (ECMA-376 18.8.30).
_DATE_IDS: Final = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
_COL: Final = re.compile(r"[A-Z]+")


def _is_date_format(code: str) -> bool:
    plain = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code).lower()
    return any(ch in plain for ch in "dmyhs") and "general" not in plain


class FastBook:
    """A workbook's sheets streamed straight from their XML (lxml `iterparse`): shared and
    inline strings, numbers, booleans, dates by their cell style (built-in date formats and
    custom ones with d/m/y/h/s), `0000`-like formats zero-padded, the 1904 date system.
    Each row element is freed once read, so memory stays flat."""

    def __init__(self, path: Path) -> None:
        from lxml import etree

        self.path = path
        self.zip = zipfile.ZipFile(path)
        wb = etree.fromstring(self.zip.read("xl/workbook.xml"))
        rels = etree.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{_PKG_REL}Relationship")}
        self.sheets: dict[str, str] = {}
        for el in wb.iter(f"{_NS}sheet"):
            target = targets[el.get(f"{_REL_NS}id")]
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            self.sheets[el.get("name")] = member
        self.sheetnames = list(self.sheets)
        pr = wb.find(f"{_NS}workbookPr")
        self.epoch = (
            datetime(1904, 1, 1)
            if pr is not None and pr.get("date1904") in ("1", "true")
            else datetime(1899, 12, 30)
        )
        self.shared = self._shared_strings(etree)
        self.styles = self._styles(etree)

    def _shared_strings(self, etree: Any) -> list[str]:
        if "xl/sharedStrings.xml" not in self.zip.namelist():
            return []
        root = etree.fromstring(self.zip.read("xl/sharedStrings.xml"))
        return ["".join(t.text or "" for t in _texts(si)) for si in root.iter(f"{_NS}si")]

    def _styles(self, etree: Any) -> list[str]:
        """Per cell style: "date", "0" * n (zero-padded), or "" (a plain number)."""
        if "xl/styles.xml" not in self.zip.namelist():
            return []
        root = etree.fromstring(self.zip.read("xl/styles.xml"))
        codes = {
            int(n.get("numFmtId")): n.get("formatCode") or "" for n in root.iter(f"{_NS}numFmt")
        }
        out = []
        xfs = root.find(f"{_NS}cellXfs")
        for xf in xfs.iter(f"{_NS}xf") if xfs is not None else ():
            fid = int(xf.get("numFmtId") or 0)
            code = codes.get(fid, "")
            if fid in _DATE_IDS or (code and _is_date_format(code)):
                out.append("date")
            elif code and set(code) == {"0"}:
                out.append(code)
            else:
                out.append("")
        return out

    def rows(self, name: str) -> Iterator[tuple[int, list[str]]]:
        from lxml import etree

        shared, styles, epoch = self.shared, self.styles, self.epoch
        n = 0
        with self.zip.open(self.sheets[name]) as fh:
            for _event, row in etree.iterparse(fh, events=("end",), tag=f"{_NS}row"):
                n = int(row.get("r") or n + 1)
                cells: list[str] = []
                for c in row.iterchildren(f"{_NS}c"):
                    ref = c.get("r")
                    if ref:
                        col = 0
                        for ch in _COL.match(ref)[0]:  # type: ignore[index]
                            col = col * 26 + ord(ch) - 64
                        if col - 1 > len(cells):
                            cells += [""] * (col - 1 - len(cells))
                    t = c.get("t")
                    if t == "inlineStr":
                        is_ = c.find(f"{_NS}is")
                        text = "".join(x.text or "" for x in _texts(is_)) if is_ is not None else ""
                        cells.append(escape_cell(text))
                        continue
                    v = c.findtext(f"{_NS}v")
                    if v is None:
                        cells.append("")
                    elif t == "s":
                        cells.append(escape_cell(shared[int(v)]))
                    elif t in ("str", "e"):
                        cells.append(escape_cell(v))
                    elif t == "b":
                        cells.append(TRI_LABELS[v in ("1", "true")])
                    elif t == "d":
                        cells.append(cell_text(datetime.fromisoformat(v)))
                    else:
                        number = float(v)
                        style = styles[int(c.get("s") or 0)] if styles else ""
                        if style == "date":
                            ms = round(number * 86_400_000)  # to the millisecond, as Excel
                            cells.append(cell_text(epoch + timedelta(milliseconds=ms)))
                        else:
                            cells.append(cell_text(number, style or "General"))
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]
                yield n, cells


def _texts(el: Any) -> Iterator[Any]:
    """The `t` elements of a string item, without phonetic runs (`rPh`)."""
    for child in el:
        if child.tag == f"{_NS}t":
            yield child
        elif child.tag == f"{_NS}r":
            yield from child.iterfind(f"{_NS}t")
