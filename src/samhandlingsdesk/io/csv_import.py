"""CSV import: this desk's own export of any kind, and hospitering intake files.

Reading is tolerant of real files: `;` or `,` (sniffed from the header), with or without
a BOM, UTF-8 or Windows-1252 (UTF-8 is tried strictly first), `'`-prefixed cells (exactly
one `'` is removed), headers in any case, the aliases of `csv_format.INTAKE_ALIASES`, and
absolute dates only (`domain.dates.parse_file_date`).

Every row is checked before anything is written, and each problem is reported by line and
column in Norwegian ("Linje 7, kolonne «Periode til»: …"). Line numbers count rows as a
spreadsheet shows them: the header is line 1. A national ID number in any cell stops the
row. The plan says how many rows are new, updated, unchanged, older than the desk's copy,
duplicates and invalid; `apply_import` writes nothing while a row is invalid unless asked
to skip invalid rows, and writes everything else in one transaction (Core `executemany`).

Merging (DESIGN.md "Rules of the house"):

- The id is the identity of a case. A row whose id is on the desk is compared on
  `updated_at` (to the microsecond, as files carry it): newer in the file -> the file's values
  replace the desk's in the columns the file has (a column the file lacks, such as the
  home address of a minimised export, is left alone), each change is written as an
  `import` event, local notes are kept and the file's new notes added, the version is
  bumped and `updated_at` takes the file's value. Equal -> unchanged, nothing written.
  Older -> the desk's copy is kept and the row is reported as older.
- A row whose id is not on the desk is a new case that keeps the id. Its ref is kept when
  it is a well-formed ref of the same kind that is free on this desk (so a colleague's
  "H-2026-0042" still finds it); otherwise it gets the next ref of the local sequence and
  the plan says so. Refs of cases already on the desk never change: the ref is a local
  label, the id is the identity.
- A row without an id (an intake) is matched on the applicant's name, applied-on date and
  period (other kinds: title and received date); a match is a duplicate and is skipped, so
  the same intake file imported twice makes no duplicates.
"""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from samhandlingsdesk.domain.derived import status_dates
from samhandlingsdesk.domain.kinds import (
    BY_LETTER,
    CLOSED_ON,
    KINDS,
    STATUS_DATE_FIELDS,
    STATUS_SINCE,
    default_direction,
    kind_spec,
    make_title,
)
from samhandlingsdesk.domain.limits import control_problem, length_problem
from samhandlingsdesk.domain.privacy import screen_text
from samhandlingsdesk.domain.problems import by_field, refusals
from samhandlingsdesk.domain.reasons import OTHER, read_reason
from samhandlingsdesk.domain.refs import REF_RE
from samhandlingsdesk.domain.text import intake as txt
from samhandlingsdesk.domain.text import transfer
from samhandlingsdesk.domain.text.common import CANNOT_READ, FILE_NOT_FOUND, rows
from samhandlingsdesk.domain.text.transfer import ACTION_LABELS
from samhandlingsdesk.domain.validate import validate_edit
from samhandlingsdesk.io.csv_format import (
    ID_HEADER,
    NOTES_HEADER,
    UPDATED_HEADER,
    CellError,
    Column,
    ParsedNote,
    columns,
    fold_header,
    note_key,
    parse_id,
    parse_notes,
    parse_status,
    parse_updated_at,
    parse_value,
    unescape_cell,
)
from samhandlingsdesk.io.headers import detail_score
from samhandlingsdesk.io.headers import resolve as resolve_headers
from samhandlingsdesk.io.notes_file import read_notes_file
from samhandlingsdesk.io.tables import Table

Action = Literal["new", "updated", "unchanged", "older", "duplicate", "invalid"]
ACTIONS: tuple[Action, ...] = ("new", "updated", "unchanged", "older", "duplicate", "invalid")
MAX_FILE_BYTES = 200 * 1024 * 1024
XLSX_SUFFIXES = (".xlsx", ".xlsm")
# The reader takes any cell the format allows, so the desk always reads its own export.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class CsvImportError(Exception):
    """The file cannot be imported at all, or the import was refused; `str()` is one
    Norwegian sentence."""


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.line == 0 and self.column:  # a form (Word) has fields, not lines
            return txt.AT_FIELD.format(column=self.column, message=self.message)
        if self.column:
            return txt.AT_CELL.format(line=self.line, column=self.column, message=self.message)
        return txt.AT_LINE.format(line=self.line, message=self.message)


@dataclass(slots=True)
class ParsedRow:
    """One row as read from the file, before it is compared with the desk."""

    line: int
    values: dict[str, Any]  # field name -> value, for the columns the file has
    status: str | None = None
    case_id: str | None = None
    ref: str | None = None
    notes: list[ParsedNote] | None = None  # None: the file has no notes column
    updated_at: datetime | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class ParsedFile:
    path: Path
    kind: str
    source: Literal["export", "intake"]
    encoding: str
    delimiter: str
    columns: dict[str, str]  # stored name -> the header as written in the file
    rows: list[ParsedRow]
    warnings: list[str] = field(default_factory=list)
    sheet: str | None = None  # the xlsx sheet the rows come from


@dataclass(slots=True)
class RowPlan:
    line: int
    action: Action
    kind: str
    title: str
    case_id: str | None = None
    ref: str | None = None  # the desk's ref (existing) or the ref the row will get
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    new_notes: list[ParsedNote] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    note: str = ""  # e.g. "ny ref H-2026-0043 (H-2026-0042 er i bruk)"
    row: ParsedRow | None = None
    local: dict[str, Any] | None = None  # the desk's values (existing cases)
    values: dict[str, Any] = field(default_factory=dict)  # what an update writes


@dataclass(slots=True)
class ImportPlan:
    file: ParsedFile
    rows: list[RowPlan]

    @property
    def kind(self) -> str:
        return self.file.kind

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(r.action for r in self.rows)
        return {a: c.get(a, 0) for a in ACTIONS}

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def invalid(self) -> int:
        return self.counts["invalid"]

    @property
    def to_write(self) -> int:
        c = self.counts
        return c["new"] + c["updated"]

    @property
    def warnings(self) -> list[str]:
        return self.file.warnings + [
            txt.AT_LINE.format(line=r.line, message=r.note)
            if r.line
            else r.note[:1].upper() + r.note[1:]
            for r in self.rows
            if r.note
        ]

    def summary(self) -> str:
        c = self.counts
        spec = kind_spec(self.kind)
        source = transfer.SOURCE_INTAKE if self.file.source == "intake" else transfer.SOURCE_EXPORT
        return transfer.PLAN_SUMMARY.format(
            file=self.file.path.name,
            kind=spec.label,
            source=source,
            rows=rows(len(self.rows)),
            counts=", ".join(f"{c[a]} {ACTION_LABELS[a]}" for a in ACTIONS),
        )


@dataclass(frozen=True, slots=True)
class ImportResult:
    plan: ImportPlan
    batch_id: str | None
    created: tuple[str, ...]  # refs
    updated: tuple[str, ...]  # refs
    skipped_invalid: int

    @property
    def written(self) -> int:
        return len(self.created) + len(self.updated)

    def summary(self) -> str:
        text = transfer.IMPORTED.format(new=len(self.created), updated=len(self.updated))
        c = self.plan.counts
        rest = [f"{c[a]} {ACTION_LABELS[a]}" for a in ("unchanged", "older", "duplicate") if c[a]]
        if self.skipped_invalid:
            rest.append(transfer.SKIPPED_INVALID.format(count=self.skipped_invalid))
        return text + (" · " + ", ".join(rest) if rest else "") + "."


# --- reading the file ------------------------------------------------------------------


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        raise CsvImportError(txt.NOT_CSV_BINARY.format(name=path.name))
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise CsvImportError(txt.NOT_UTF8.format(name=path.name)) from None


def _sniff(text: str) -> str:
    """The delimiter: the one of `;`, `,` and tab that splits the header most (outside
    quotes); `;` on a tie."""
    first = text.split("\n", 1)[0]
    best, best_n = ";", 0
    for d in (";", ",", "\t"):
        try:
            n = len(next(csv.reader([first], delimiter=d)))
        except (csv.Error, StopIteration):
            continue
        if n > best_n:
            best, best_n = d, n
    return best


def _guess_kind(headers: Sequence[str], first_ref: str | None, path: Path) -> str:
    """The kind of a file: from its refs if it has them, else from its headers (the kind
    with the most of its own columns; the file name breaks a tie)."""
    if first_ref and (m := REF_RE.fullmatch(first_ref.strip())):
        return BY_LETTER[m[1]].key.value
    scores = [(detail_score(kind, headers), kind) for kind in KINDS]
    scores.sort(reverse=True)
    (best, kind), (second, _) = scores[0], scores[1]
    if best == 0 or best == second:
        stem = path.stem.split("_")[0].lower()
        if stem in KINDS:
            return stem
        raise CsvImportError(txt.NO_KIND.format(name=path.name))
    return kind


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Choices that change how a file is read.

    `side`: the desk's side; a hospitering file without a direction gets the side's
    direction. `future_as_now`: a «Sist endret» later than now is taken as changed at the
    import (else the row is invalid). `sheet`: the xlsx sheet to read (else every sheet
    named after a kind, or the first). `now`: the time of the import (tests)."""

    side: str | None = None
    future_as_now: bool = False
    sheet: str | None = None
    now: datetime | None = None


def _read_csv_table(path: Path) -> Table:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CsvImportError(
                txt.TOO_BIG.format(name=path.name, megabytes=MAX_FILE_BYTES // 2**20)
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise CsvImportError(FILE_NOT_FOUND.format(path=path)) from None
    except IsADirectoryError:
        raise CsvImportError(txt.IS_FOLDER.format(path=path)) from None
    except OSError as exc:
        raise CsvImportError(CANNOT_READ.format(path=path, reason=exc.strerror)) from None
    text, encoding = _decode(data, path)
    del data
    delimiter = _sniff(text)
    # Rows are parsed as they are read (one row in memory at a time, besides its result).
    records = enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1)
    try:
        headers = next((r for _, r in records), [])
    except csv.Error as exc:
        raise CsvImportError(txt.NOT_CSV.format(name=path.name, reason=exc)) from None

    def rest() -> Iterator[tuple[int, list[str]]]:
        try:
            yield from records
        except csv.Error as exc:
            raise CsvImportError(txt.NOT_CSV.format(name=path.name, reason=exc)) from None

    table = Table(path.name, headers, rest(), encoding=encoding, delimiter=delimiter)
    table.notes = read_notes_file(path)
    return table


def read_file(path: Path, options: ReadOptions | None = None) -> ParsedFile:
    """Read and parse `path` (no database): a CSV file, or one sheet of an xlsx workbook
    (`read_files` reads them all). Raises CsvImportError when the file cannot be read as
    a table of this desk; row problems are kept on the rows."""
    return read_files(path, options)[0]


def read_files(path: Path, options: ReadOptions | None = None) -> list[ParsedFile]:
    """Every table of `path`: one for a CSV file, one per kind sheet of a workbook."""
    options = options or ReadOptions()
    if path.suffix.casefold() in XLSX_SUFFIXES:
        from samhandlingsdesk.io.xlsx import XlsxError, read_tables

        try:
            tables = read_tables(path, options.sheet)
        except XlsxError as exc:
            raise CsvImportError(str(exc)) from None
    elif path.suffix.casefold() == ".docx":
        from samhandlingsdesk.io.docx_form import DocxError
        from samhandlingsdesk.io.docx_form import read_table as read_form_table

        try:
            tables = [read_form_table(path)]
        except DocxError as exc:
            raise CsvImportError(str(exc)) from None
    else:
        tables = [_read_csv_table(path)]
    return [parse_table(path, t, options) for t in tables]


def parse_table(path: Path, table: Table, options: ReadOptions) -> ParsedFile:
    """Parse the rows of one table (its header resolved by `headers.resolve`)."""
    records = table.records
    headers = table.headers
    if not any(c.strip() for c in headers):
        raise CsvImportError(txt.TABLE_EMPTY.format(name=table.name))
    first = next(((i, r) for i, r in records if any(c.strip() for c in r)), None)
    if first is None:
        raise CsvImportError(txt.NO_ROWS.format(name=table.name))
    folded = [fold_header(h) for h in headers]
    ref_idx = folded.index("referanse") if "referanse" in folded else None
    first_ref = None
    if ref_idx is not None and len(first[1]) > ref_idx:
        first_ref = unescape_cell(first[1][ref_idx]) or None
    kind = table.kind or _guess_kind(headers, first_ref, path)
    side = options.side or ""
    res = resolve_headers(kind, headers, default_direction=default_direction(kind, side), side=side)
    seen = res.seen
    source: Literal["export", "intake"] = "export" if "id" in seen else "intake"
    notes_idx = next((i for i, c in res.used.items() if c.role == "notes"), None)
    keys = [i for i, c in res.used.items() if c.role in ("id", "ref")]
    now = options.now or datetime.now(UTC)

    def parse(line: int, cells: list[str]) -> ParsedRow:
        cells = res.cells(cells)
        if table.notes:  # notes kept apart: a notes sheet, or a notes file beside
            kept = next(
                (
                    table.notes[c]
                    for i in keys
                    if i < len(cells) and (c := cells[i].strip()) in table.notes
                ),
                None,
            )
            if kept and notes_idx is None:
                cells = [*cells, *[""] * (len(res.headers) - len(cells)), kept]
            elif kept and notes_idx is not None and not "".join(cells[notes_idx : notes_idx + 1]):
                cells = [*cells, *[""] * (notes_idx + 1 - len(cells))]
                cells[notes_idx] = kept
        row = _parse_row(kind, line, cells, used, len(headers_all), headers_all)
        check_row(row, cells, used, headers_all, now, options.future_as_now)
        return row

    used = dict(res.used)
    headers_all = list(res.headers)
    if table.notes and notes_idx is None:
        # Notes kept apart (a notes sheet or file) come in as one more cell.
        used[len(headers_all)] = next(c for c in columns(kind) if c.role == "notes")
        headers_all.append(NOTES_HEADER)
        seen.setdefault("notes", NOTES_HEADER)
    rows = [parse(first[0], first[1])]
    for line, cells in records:
        if any(c.strip() for c in cells):
            rows.append(parse(line, cells))
    warnings = [*table.warnings, *res.warnings]
    return ParsedFile(
        path, kind, source, table.encoding, table.delimiter, seen, rows, warnings, table.sheet
    )


def _parse_row(
    kind: str,
    line: int,
    cells: Sequence[str],
    used: Mapping[int, Column],
    width: int,
    headers: Sequence[str],
) -> ParsedRow:
    row = ParsedRow(line, {})
    reason_cells: dict[str, str] = {}
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        row.problems.append(
            Problem(
                line,
                None,
                txt.ROW_TOO_WIDE.format(cells=len(cells), width=width),
            )
        )
    for i, cell in enumerate(cells):
        raw = unescape_cell(cell)
        col = used.get(i)
        # Problems name the column as the file does (an alias such as «Til» included).
        header = headers[i].strip() if i < len(headers) else ""
        if col is None or col.role not in ("id", "updated_at", "ref"):
            # Control characters anywhere, and each note's own limit; a field's limit is
            # checked with the field (validate_values), where the row's values are typed.
            limit = control_problem(raw, multiline=True)
            if col is not None and col.role == "notes" and limit is None:
                notes = parse_notes(raw)
                long = next((m for n in notes if (m := length_problem(n.text, "note"))), None)
                limit = ("too_long", long) if long else None
            if col is not None and col.role == "reason" and limit is None:
                # A reason is no field of the kind: its text (kept as a comment) is
                # limited as multi-line free text.
                long = length_problem(raw.strip(), "longtext")
                limit = ("too_long", long) if long else None
            msg = limit[1] if limit else screen_text(raw)
            if msg:
                row.problems.append(Problem(line, header or None, msg))
                continue
        if col is None:
            continue
        text = raw.strip()
        try:
            if col.role == "id":
                row.case_id = parse_id(text)
            elif col.role == "ref":
                row.ref = text or None
            elif col.role == "status":
                row.status = parse_status(kind, text)
            elif col.role == "updated_at":
                row.updated_at = parse_updated_at(text)
            elif col.role == "notes":
                row.notes = parse_notes(raw)
            elif col.role == "reason":
                reason_cells[col.name] = text
            else:
                assert col.spec is not None
                row.values[col.name] = parse_value(col.spec, text)
        except CellError as exc:
            row.problems.append(Problem(line, header, str(exc)))
    if reason_cells:
        row.values.update(reason_values(reason_cells))
    # Columns the row is too short for count as empty.
    for i, col in used.items():
        if i >= len(cells) and col.spec is not None:
            row.values.setdefault(col.name, None)
        if i >= len(cells) and col.role == "notes":
            row.notes = row.notes or []
    return row


def check_row(
    row: ParsedRow,
    cells: Sequence[str],
    used: Mapping[int, Column],
    headers: Sequence[str],
    now: datetime,
    future_as_now: bool,
) -> None:
    """A change time later than `now` is never trusted: the row is invalid, or (when the
    user chose so) taken as changed at the time of the import. (Cells over the limits are
    reported with their field by `validate_values`, and notes in `_parse_row`.)"""
    if row.updated_at is None or row.updated_at <= now:
        return
    if future_as_now:
        row.updated_at = now
        return
    at = [i for i, c in used.items() if c.role == "updated_at"]
    header = headers[at[0]] if at else None
    value = cells[at[0]].strip() if at and at[0] < len(cells) else ""
    row.problems.append(Problem(row.line, header, txt.FUTURE_CHANGE.format(value=value)))


# --- comparing with the desk -------------------------------------------------------------


def _fold_name(text: Any) -> str:
    return " ".join(str(text or "").split()).casefold()


def natural_key(kind: str, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """How a row without an id is recognised on the desk."""
    if kind == "hospitering":
        return (
            _fold_name(values.get("applicant_name")),
            values.get("applied_on"),
            values.get("period_from"),
            values.get("period_to"),
        )
    return (_fold_name(make_title(kind, values, values.get("party"))), values.get("received_on"))


def reason_values(cells: Mapping[str, str]) -> dict[str, Any]:
    """The stored reason of a row from its `Begrunnelse` and comment cells: a key, a
    label or a label the desk once wrote gives the key; other text is «annet» with the
    text as the comment (before the comment cell's own text). Without a comment column,
    a reason other than «annet» leaves no comment behind."""
    out: dict[str, Any] = {}
    free = None
    if "reason" in cells:
        out["reason"], free = read_reason(cells["reason"])
    if "reason_comment" in cells or free:
        parts = [p for p in (free, cells.get("reason_comment", "").strip()) if p]
        out["reason_comment"] = "\n".join(parts) or None
    elif out.get("reason") != OTHER:
        out["reason_comment"] = None  # a file without the comment column: another reason
    return out


def stored_key(kind: str, row: Mapping[str, Any]) -> tuple[Any, ...]:
    """The natural key of a stored case, from the columns `store.bulk.ImportReader.
    key_rows` reads (typed)."""
    if kind == "hospitering":
        return natural_key(kind, row)
    return (_fold_name(row["title"]), row["received_on"])


def _column_for(file: ParsedFile, name: str) -> str:
    """The header a problem about field `name` is reported under: as written in the file,
    else the canonical label."""
    if name in file.columns:
        return file.columns[name]
    try:
        return kind_spec(file.kind).field(name).label
    except KeyError:
        return name


def _validate(
    file: ParsedFile,
    row: ParsedRow,
    old: Mapping[str, Any],
    changes: Mapping[str, Any],
    status: str,
    today: date,
) -> list[Problem]:
    """The one validation (`validate_edit`) of a row: a new case (`old` empty) or an
    update of a stored one, answering for what the row changes."""
    found = validate_edit(file.kind, status, old, {**changes, "status": status}, today=today)
    errors = by_field(refusals(found))
    already = {p.column for p in row.problems}
    out = []
    for name, msg in errors.items():
        col = _column_for(file, name)
        if col not in already:
            out.append(Problem(row.line, col, msg))
    return out


def _status_dates(
    kind: str,
    row: ParsedRow,
    existing: Mapping[str, Any],
    merged: Mapping[str, Any],
    status: str,
) -> dict[str, Any]:
    """The status dates an update of a stored case writes: the file's when it gives them,
    the desk's while the status stays, else the backfill's rule (`derived.status_dates`)
    — never the day of the import, whose own events are not moves."""
    same = status == existing["status"]
    given = {
        f.name: row.values.get(f.name) or (existing.get(f.name) if same else None)
        for f in STATUS_DATE_FIELDS
    }
    since, closed = status_dates(
        kind,
        status,
        since=given[STATUS_SINCE.name],
        closed=given[CLOSED_ON.name],
        received=merged["received_on"],
        changed=row.updated_at,
    )
    return {STATUS_SINCE.name: since, CLOSED_ON.name: closed}


def wanted_ids(file: ParsedFile) -> list[str]:
    """The ids the file's rows name (the cases to compare them with)."""
    return list(dict.fromkeys(r.case_id for r in file.rows if r.case_id))


def needs_keys(file: ParsedFile) -> bool:
    """Whether some row has no id (and is matched on its natural key)."""
    return any(not r.case_id for r in file.rows)


def classify(
    file: ParsedFile,
    local: Mapping[str, dict[str, Any]],
    keys: Mapping[tuple[Any, ...], str],
    today: date,
) -> ImportPlan:
    """Compare every row with the desk's cases — `local`: id -> stored values (with the
    notes as (at, text) pairs under `_notes`); `keys`: natural key -> ref — and decide
    what importing it would do."""
    kind = file.kind
    spec = kind_spec(kind)
    seen_ids: set[str] = set()
    seen_keys: set[tuple[Any, ...]] = set()
    plans: list[RowPlan] = []
    for row in file.rows:
        values = dict(row.values)
        plan = RowPlan(row.line, "invalid", kind, "", row=row, problems=list(row.problems))
        existing = local.get(row.case_id) if row.case_id else None
        if existing is not None and existing["kind"] != kind:
            plan.problems.append(
                Problem(
                    row.line,
                    file.columns.get("id", ID_HEADER),
                    transfer.OTHER_KIND.format(
                        kind=kind_spec(existing["kind"]).label,
                        ref=existing["ref"],
                        wanted=spec.label,
                    ),
                )
            )
            existing = None
        if existing is not None:
            merged = {**existing, **values}
            status = row.status or existing["status"]
        else:
            merged = dict(values)
            merged.setdefault("received_on", today)
            if merged.get("received_on") is None:
                merged["received_on"] = today
            status = row.status or spec.first_status
        plan.title = make_title(kind, merged, merged.get("party"))
        old = existing if existing is not None else {}
        plan.problems += _validate(file, row, old, merged if not old else values, status, today)
        if existing is not None and row.updated_at is None:
            plan.problems.append(
                Problem(
                    row.line,
                    file.columns.get("updated_at", UPDATED_HEADER),
                    transfer.NO_UPDATED_AT,
                )
            )
        if plan.problems:
            plans.append(plan)
            continue
        # Duplicates inside the file.
        if row.case_id:
            if row.case_id in seen_ids:
                plan.action = "duplicate"
                plan.note = transfer.SAME_ID_ABOVE
                plans.append(plan)
                continue
            seen_ids.add(row.case_id)
        else:
            key = natural_key(kind, merged)
            if key in seen_keys or key in keys:
                plan.action = "duplicate"
                if key in keys:
                    plan.ref = keys[key]
                    plan.note = transfer.ALREADY_AS.format(ref=keys[key])
                else:
                    plan.note = transfer.SAME_CASE_ABOVE
                plans.append(plan)
                continue
            seen_keys.add(key)
        if existing is None:
            plan.action = "new"
            plan.case_id = row.case_id
            plan.new_notes = list(row.notes or [])
            plans.append(plan)
            continue
        plan.case_id = existing["id"]
        plan.ref = existing["ref"]
        plan.local = existing
        file_at, local_at = row.updated_at, existing["updated_at"]
        assert file_at is not None
        if file_at < local_at:
            plan.action = "older"
        elif file_at == local_at:
            plan.action = "unchanged"
        else:
            values.update(_status_dates(kind, row, existing, merged, status))
            plan.values = values
            changes: dict[str, tuple[Any, Any]] = {}
            if row.status and row.status != existing["status"]:
                changes["status"] = (existing["status"], row.status)
            for name, value in values.items():
                if existing.get(name) != value:
                    changes[name] = (existing.get(name), value)
            have = {note_key(at, text) for at, text in existing["_notes"]}
            notes = [n for n in (row.notes or []) if note_key(n.at, n.text) not in have]
            plan.changes = changes
            plan.new_notes = notes
            plan.action = "updated" if changes or notes else "unchanged"
        plans.append(plan)
    return ImportPlan(file, plans)
