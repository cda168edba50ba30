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
import re
import sys
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.derived import derive
from samhandlingsdesk.domain.kinds import (
    BY_LETTER,
    KINDS,
    FieldSpec,
    default_direction,
    kind_spec,
    make_title,
)
from samhandlingsdesk.domain.limits import control_problem, length_problem
from samhandlingsdesk.domain.privacy import screen_text
from samhandlingsdesk.domain.text import intake as txt
from samhandlingsdesk.domain.validate import validate_values
from samhandlingsdesk.io.csv_format import (
    NOTES_HEADER,
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
from samhandlingsdesk.store.db import Desk

Action = Literal["new", "updated", "unchanged", "older", "duplicate", "invalid"]
ACTIONS: tuple[Action, ...] = ("new", "updated", "unchanged", "older", "duplicate", "invalid")
ACTION_LABELS: dict[str, str] = {
    "new": "nye",
    "updated": "oppdatert",
    "unchanged": "uendret",
    "older": "eldre enn her (beholdt)",
    "duplicate": "duplikater",
    "invalid": "med feil",
}
MAX_FILE_BYTES = 200 * 1024 * 1024
_REF = re.compile(r"(H|V|L1|L3|N)-([0-9]{4})-([0-9]{4,})")
# Case columns a file may set (the rest are derived or bookkeeping).
CASE_FIELDS_ALL = (
    "received_on",
    "party",
    "contact_name",
    "contact_phone",
    "email",
    "archive_ref",
    "tags",
)
_CHUNK = 500
XLSX_SUFFIXES = (".xlsx", ".xlsm")
# The reader takes any cell the format allows, so the desk always reads its own export.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
_INSERT_CHUNK = 2000


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
            return f"Feltet «{self.column}»: {self.message}"
        if self.column:
            return f"Linje {self.line}, kolonne «{self.column}»: {self.message}"
        return f"Linje {self.line}: {self.message}"


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
            f"Linje {r.line}: {r.note}" if r.line else r.note[:1].upper() + r.note[1:]
            for r in self.rows
            if r.note
        ]

    def summary(self) -> str:
        c = self.counts
        spec = kind_spec(self.kind)
        what = "inntaksfil" if self.file.source == "intake" else "eksportfil"
        n = len(self.rows)
        head = f"{self.file.path.name}: {spec.label} ({what}), {n} {'rad' if n == 1 else 'rader'}"
        parts = ", ".join(f"{c[a]} {ACTION_LABELS[a]}" for a in ACTIONS)
        return f"{head}: {parts}."


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
        text = f"Importert: {len(self.created)} nye, {len(self.updated)} oppdatert"
        c = self.plan.counts
        rest = []
        if c["unchanged"]:
            rest.append(f"{c['unchanged']} uendret")
        if c["older"]:
            rest.append(f"{c['older']} eldre enn her (beholdt)")
        if c["duplicate"]:
            rest.append(f"{c['duplicate']} duplikater")
        if self.skipped_invalid:
            rest.append(f"{self.skipped_invalid} med feil hoppet over")
        return text + (" · " + ", ".join(rest) if rest else "") + "."


# --- reading the file ------------------------------------------------------------------


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        raise CsvImportError(f"{path.name} ser ikke ut som en CSV-fil (den inneholder binærdata).")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise CsvImportError(
            f"{path.name} er verken UTF-8 eller Windows-1252. Lagre den som «CSV UTF-8» og "
            "prøv igjen."
        ) from None


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
    if first_ref and (m := _REF.fullmatch(first_ref.strip())):
        return BY_LETTER[m[1]].key.value
    scores = [(detail_score(kind, headers), kind) for kind in KINDS]
    scores.sort(reverse=True)
    (best, kind), (second, _) = scores[0], scores[1]
    if best == 0 or best == second:
        stem = path.stem.split("_")[0].lower()
        if stem in KINDS:
            return stem
        raise CsvImportError(
            f"Finner ikke ut hvilken sakstype {path.name} gjelder: kolonnenavnene passer "
            "ikke med noen av sakstypene. Se README.md (CSV-filer) for kolonnene."
        )
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
            raise CsvImportError(f"{path.name} er for stor til å importeres (over 200 MB).")
        data = path.read_bytes()
    except FileNotFoundError:
        raise CsvImportError(f"Finner ikke filen {path}.") from None
    except IsADirectoryError:
        raise CsvImportError(f"{path} er en mappe, ikke en fil.") from None
    except OSError as exc:
        raise CsvImportError(f"Kan ikke lese {path}: {exc.strerror}.") from None
    text, encoding = _decode(data, path)
    del data
    delimiter = _sniff(text)
    # Rows are parsed as they are read (one row in memory at a time, besides its result).
    records = enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1)
    try:
        headers = next((r for _, r in records), [])
    except csv.Error as exc:
        raise CsvImportError(f"{path.name} kan ikke leses som CSV: {exc}.") from None

    def rest() -> Iterator[tuple[int, list[str]]]:
        try:
            yield from records
        except csv.Error as exc:
            raise CsvImportError(f"{path.name} kan ikke leses som CSV: {exc}.") from None

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
        raise CsvImportError(f"{table.name} er tom.")
    first = next(((i, r) for i, r in records if any(c.strip() for c in r)), None)
    if first is None:
        raise CsvImportError(f"{table.name} har ingen rader under overskriften.")
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
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        row.problems.append(
            Problem(
                line,
                None,
                f"raden har {len(cells)} celler, men overskriften har {width}. Er det et "
                "skilletegn i en celle uten anførselstegn?",
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
                row.values["reason"] = text or None
            else:
                assert col.spec is not None
                row.values[col.name] = parse_value(col.spec, text)
        except CellError as exc:
            row.problems.append(Problem(line, header, str(exc)))
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

Query = Callable[[str, Sequence[Any]], list[dict[str, Any]]]


def _sqlite_query(conn: Any) -> Query:
    def q(sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        cur = conn.execute(sql, tuple(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    return q


def _sa_query(conn: Any) -> Query:
    def q(sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        result = conn.exec_driver_sql(sql, tuple(params))
        return [dict(r._mapping) for r in result.fetchall()]

    return q


def _typed(f: FieldSpec | None, value: Any) -> Any:
    """A stored value (as the sqlite3 driver returns it) as the domain uses it."""
    if value is None or f is None:
        return value
    if f.type == "date" and isinstance(value, str):
        return date.fromisoformat(value[:10])
    if f.type == "tri":
        return bool(value)
    if f.type == "int":
        return int(value)
    return value


def _chunks(items: Sequence[str], n: int = _CHUNK) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _load_local(query: Query, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The desk's cases with these ids: case columns, typed detail fields, notes."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for r in query(f'SELECT * FROM "case" WHERE id IN ({marks})', chunk):
            out[r["id"]] = r
    by_kind: dict[str, list[str]] = {}
    for cid, r in out.items():
        by_kind.setdefault(r["kind"], []).append(cid)
    for kind, kids in by_kind.items():
        spec = kind_spec(kind)
        fields = {f.name: f for f in spec.all_fields}
        for chunk in _chunks(kids):
            marks = ",".join("?" * len(chunk))
            for r in query(f"SELECT * FROM {kind} WHERE case_id IN ({marks})", chunk):
                cid = r.pop("case_id")
                out[cid].update(r)
        for cid in kids:
            rec = out[cid]
            for name, f in fields.items():
                rec[name] = _typed(f, rec.get(name))
            rec["_notes"] = set()
    for chunk in _chunks(list(out)):
        marks = ",".join("?" * len(chunk))
        for r in query(f"SELECT case_id, at, text FROM note WHERE case_id IN ({marks})", chunk):
            at = datetime.fromisoformat(str(r["at"]))
            at = at.replace(tzinfo=UTC) if at.tzinfo is None else at
            out[r["case_id"]]["_notes"].add(note_key(at, r["text"]))
    return out


def _fold_name(text: Any) -> str:
    return " ".join(str(text or "").split()).casefold()


def _natural_key(kind: str, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """How a row without an id is recognised on the desk."""
    if kind == "hospitering":
        return (
            _fold_name(values.get("applicant_name")),
            values.get("applied_on"),
            values.get("period_from"),
            values.get("period_to"),
        )
    return (_fold_name(make_title(kind, values, values.get("party"))), values.get("received_on"))


def _d(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _local_keys(query: Query, kind: str) -> dict[tuple[Any, ...], str]:
    """Natural key -> ref of every case of `kind` on the desk."""
    if kind == "hospitering":
        rows = query(
            "SELECT c.ref, h.applicant_name, h.applied_on, h.period_from, h.period_to "
            'FROM hospitering h JOIN "case" c ON c.id = h.case_id',
            (),
        )
        return {
            (
                _fold_name(r["applicant_name"]),
                _d(r["applied_on"]),
                _d(r["period_from"]),
                _d(r["period_to"]),
            ): r["ref"]
            for r in rows
        }
    rows = query('SELECT ref, title, received_on FROM "case" WHERE kind = ?', (kind,))
    return {(_fold_name(r["title"]), _d(r["received_on"])): r["ref"] for r in rows}


def _stored_utc(value: Any) -> datetime:
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


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
    file: ParsedFile, row: ParsedRow, values: Mapping[str, Any], status: str
) -> list[Problem]:
    errors = validate_values(file.kind, values, status)
    already = {p.column for p in row.problems}
    out = []
    for name, msg in errors.items():
        col = _column_for(file, name)
        if col not in already:
            out.append(Problem(row.line, col, msg))
    return out


def classify(file: ParsedFile, query: Query, today: date) -> ImportPlan:
    """Compare every row with the desk and decide what importing it would do."""
    kind = file.kind
    spec = kind_spec(kind)
    ids = [r.case_id for r in file.rows if r.case_id]
    local = _load_local(query, list(dict.fromkeys(ids)))
    keys = _local_keys(query, kind) if any(not r.case_id for r in file.rows) else {}
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
                    file.columns.get("id", "ID"),
                    f"saken med denne ID-en er en {kind_spec(existing['kind']).label} på "
                    f"dette skrivebordet ({existing['ref']}), ikke en {spec.label}.",
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
        plan.problems += _validate(file, row, merged, status)
        if existing is not None and row.updated_at is None:
            plan.problems.append(
                Problem(
                    row.line,
                    file.columns.get("updated_at", "Sist endret"),
                    "mangler; uten endringstidspunkt kan ikke importen avgjøre om filen "
                    "eller skrivebordet har den nyeste utgaven.",
                )
            )
        if plan.problems:
            plans.append(plan)
            continue
        # Duplicates inside the file.
        if row.case_id:
            if row.case_id in seen_ids:
                plan.action = "duplicate"
                plan.note = "samme ID som en rad lenger opp; raden er hoppet over."
                plans.append(plan)
                continue
            seen_ids.add(row.case_id)
        else:
            key = _natural_key(kind, merged)
            if key in seen_keys or key in keys:
                plan.action = "duplicate"
                if key in keys:
                    plan.ref = keys[key]
                    plan.note = f"finnes allerede som {keys[key]}; raden er hoppet over."
                else:
                    plan.note = "samme sak som en rad lenger opp; raden er hoppet over."
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
        file_at, local_at = row.updated_at, _stored_utc(existing["updated_at"])
        assert file_at is not None
        if file_at < local_at:
            plan.action = "older"
        elif file_at == local_at:
            plan.action = "unchanged"
        else:
            changes: dict[str, tuple[Any, Any]] = {}
            if row.status and row.status != existing["status"]:
                changes["status"] = (existing["status"], row.status)
            for name, value in values.items():
                if existing.get(name) != value:
                    changes[name] = (existing.get(name), value)
            notes = [
                n for n in (row.notes or []) if note_key(n.at, n.text) not in existing["_notes"]
            ]
            plan.changes = changes
            plan.new_notes = notes
            plan.action = "updated" if changes or notes else "unchanged"
        plans.append(plan)
    return ImportPlan(file, plans)


def plan_import(
    desk: Desk, path: Path, *, today: date | None = None, options: ReadOptions | None = None
) -> ImportPlan:
    """Read `path` and compare it with the desk (the dry run and the desk's preview)."""
    file = read_file(path, options)
    conn = desk.reader()
    conn.execute("BEGIN")
    try:
        return classify(file, _sqlite_query(conn), today or date.today())
    finally:
        conn.execute("COMMIT")


def plan_imports(
    desk: Desk, path: Path, *, today: date | None = None, options: ReadOptions | None = None
) -> list[ImportPlan]:
    """`plan_import` for every table of `path` (each kind sheet of a workbook)."""
    files = read_files(path, options)
    conn = desk.reader()
    conn.execute("BEGIN")
    try:
        return [classify(f, _sqlite_query(conn), today or date.today()) for f in files]
    finally:
        conn.execute("COMMIT")


# --- writing -----------------------------------------------------------------------------


def _assign_refs(query: Query, plans: Sequence[RowPlan], kind: str, today: date) -> None:
    """Refs for the new cases: the file's when it is a ref of this kind written as the
    desk writes refs and is free here, else the next of the local sequence for the year
    received. (A ref names one (kind, year, number), so a free ref is a free number.)"""
    spec = kind_spec(kind)
    wanted = [p.row.ref for p in plans if p.row is not None and p.row.ref]
    taken: set[str] = set()
    for chunk in _chunks(wanted):
        marks = ",".join("?" * len(chunk))
        taken |= {r["ref"] for r in query(f'SELECT ref FROM "case" WHERE ref IN ({marks})', chunk)}
    kept_seqs: dict[int, int] = {}
    rest: list[RowPlan] = []
    for p in plans:
        assert p.row is not None
        ref = p.row.ref
        m = _REF.fullmatch(ref) if ref else None
        canonical = m is not None and ref == _make_ref(spec.letter, int(m[2]), int(m[3]))
        if m and ref and m[1] == spec.letter and canonical and ref not in taken:
            p.ref = ref
            taken.add(ref)
            year, seq = int(m[2]), int(m[3])
            kept_seqs[year] = max(kept_seqs.get(year, 0), seq)
            continue
        rest.append(p)
    max_seq: dict[int, int] = {}
    for p in rest:
        assert p.row is not None
        received = p.row.values.get("received_on") or today
        year = received.year
        if year not in max_seq:
            row = query(
                'SELECT coalesce(max(ref_seq), 0) AS m FROM "case" WHERE kind = ? AND ref_year = ?',
                (kind, year),
            )
            max_seq[year] = max(row[0]["m"], kept_seqs.get(year, 0))
        max_seq[year] += 1
        p.ref = _make_ref(spec.letter, year, max_seq[year])
        if p.row.ref:
            p.note = f"fikk ref {p.ref} ({p.row.ref} er i bruk her eller gjelder en annen type)."


def _make_ref(letter: str, year: int, seq: int) -> str:
    return f"{letter}-{year}-{seq:04d}"


def apply_import(
    desk: Desk,
    path: Path,
    *,
    skip_invalid: bool = False,
    reminders: Reminders | None = None,
    today: date | None = None,
    now: datetime | None = None,
    options: ReadOptions | None = None,
) -> ImportResult:
    """Import `path` in one transaction. The file is compared with the desk again inside
    the transaction, so the plan is true for what is written. Raises CsvImportError when
    rows are invalid and `skip_invalid` is false (nothing written)."""
    import sqlalchemy as sa

    from samhandlingsdesk.store.commands import EVENT, NOTE, new_batch
    from samhandlingsdesk.store.tables import CASE_TABLE, DETAIL_TABLES
    from samhandlingsdesk.store.values import to_text

    reminders = reminders or Reminders()
    today = today or date.today()
    now = now or datetime.now(UTC)
    options = options or ReadOptions()
    file = read_file(path, replace(options, now=options.now or now))
    kind = file.kind
    spec = kind_spec(kind)
    detail_t = DETAIL_TABLES[kind]
    detail_names = [f.name for f in spec.fields]
    batch = new_batch()
    with desk.engine.begin() as conn:
        query = _sa_query(conn)
        plan = classify(file, query, today)
        if plan.invalid and not skip_invalid:
            n = plan.invalid
            raise CsvImportError(
                f"{n} {'rad har' if n == 1 else 'rader har'} feil; ingenting er importert. "
                "Rett feilene, eller importer bare de gyldige radene."
            )
        new = [p for p in plan.rows if p.action == "new"]
        upd = [p for p in plan.rows if p.action == "updated"]
        if not new and not upd:
            return ImportResult(plan, None, (), (), plan.invalid)
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        _assign_refs(query, new, kind, today)
        next_note = (
            query("SELECT coalesce(max(id), 0) AS m FROM note", ())[0]["m"] + 1  # explicit ids
        )
        case_rows: list[dict[str, Any]] = []
        detail_rows: list[dict[str, Any]] = []
        note_rows: list[dict[str, Any]] = []
        event_rows: list[dict[str, Any]] = []

        def event(cid: str, action: str, name: str | None, old: Any, new_v: Any) -> None:
            event_rows.append(
                {
                    "case_id": cid,
                    "batch_id": batch,
                    "at": now,
                    "action": action,
                    "field": name,
                    "old": to_text(old),
                    "new": to_text(new_v),
                    "undone_by": None,
                }
            )

        def add_notes(cid: str, notes: Sequence[ParsedNote], log: bool) -> None:
            nonlocal next_note
            for n in reversed(notes):  # oldest first: a later note gets a higher id
                note_rows.append(
                    {"id": next_note, "case_id": cid, "at": n.at or now, "text": n.text}
                )
                if log:
                    event(cid, "import", f"note:{next_note}", None, n.text)
                next_note += 1

        # New cases: details and notes first, then the case row (the search index builds
        # each case's document once, complete, when the case row goes in).
        for i, p in enumerate(new, 1):
            assert p.row is not None and p.ref is not None
            values = dict(p.row.values)
            if values.get("received_on") is None:
                values["received_on"] = today
            status = p.row.status or spec.first_status
            cid = p.case_id or str(uuid.uuid4())
            p.case_id = cid
            m = _REF.fullmatch(p.ref)
            assert m is not None
            detail = {n: values.get(n) for n in detail_names}
            common = {n: values.get(n) for n in CASE_FIELDS_ALL}
            derived = derive(kind, status, {**common, **detail}, reminders)
            case_rows.append(
                {
                    "id": cid,
                    "ref": p.ref,
                    "ref_year": int(m[2]),
                    "ref_seq": int(m[3]),
                    "kind": kind,
                    "queue": spec.queue,
                    "status": status,
                    "snoozed_until": None,
                    "created_at": now,
                    "updated_at": p.row.updated_at or now,
                    "version": 1,
                    "reason": values.get("reason"),
                    **common,
                    **derived,
                }
            )
            detail_rows.append({"case_id": cid, **detail})
            add_notes(cid, p.new_notes, log=False)
            event(cid, "import_create", None, None, p.ref)
            if i % _INSERT_CHUNK == 0 or i == len(new):
                # In chunks, so a large file does not hold every parameter row at once.
                if detail_rows:
                    conn.execute(sa.insert(detail_t), detail_rows)
                if note_rows:
                    conn.execute(sa.insert(NOTE), note_rows)
                if case_rows:
                    conn.execute(sa.insert(CASE_TABLE), case_rows)
                if event_rows:
                    conn.execute(sa.insert(EVENT), event_rows)
                for rows in (detail_rows, note_rows, case_rows, event_rows):
                    rows.clear()

        # Updated cases: the file's columns, the recomputed derived ones, version + 1.
        present = [n for n in file.columns if n in (*CASE_FIELDS_ALL, *detail_names)]
        case_cols = [n for n in present if n in CASE_FIELDS_ALL]
        if "status" in file.columns:
            case_cols.append("status")
        if "reason" in file.columns:
            case_cols.append("reason")
        det_cols = [n for n in present if n in detail_names]
        upd_case: list[dict[str, Any]] = []
        upd_detail: list[dict[str, Any]] = []
        for p in upd:
            assert p.local is not None and p.row is not None and p.case_id is not None
            merged = {**p.local, **p.row.values}
            status = p.row.status or p.local["status"]
            merged["status"] = status
            derived = derive(kind, status, merged, reminders)
            upd_case.append(
                {
                    "b_id": p.case_id,
                    "b_version": p.local["version"],
                    "b_new_version": p.local["version"] + 1,
                    "b_updated_at": p.row.updated_at,
                    **{f"b_{n}": merged.get(n) for n in case_cols},
                    **{f"b_{k}": v for k, v in derived.items()},
                }
            )
            if det_cols:
                upd_detail.append(
                    {"b_case_id": p.case_id, **{f"b_{n}": merged.get(n) for n in det_cols}}
                )
            for name, (old, new_v) in p.changes.items():
                event(p.case_id, "import", name, old, new_v)
            add_notes(p.case_id, p.new_notes, log=True)
        if upd_detail:
            stmt = (
                sa.update(detail_t)
                .where(detail_t.c.case_id == sa.bindparam("b_case_id"))
                .values({n: sa.bindparam(f"b_{n}", type_=detail_t.c[n].type) for n in det_cols})
            )
            conn.execute(stmt, upd_detail)
        if note_rows:
            conn.execute(sa.insert(NOTE), note_rows)
        if upd_case:
            derived_names = list(derive(kind, spec.first_status, {}, reminders))
            set_cols = [*case_cols, *derived_names]
            c = CASE_TABLE.c
            stmt = (
                sa.update(CASE_TABLE)
                .where(c.id == sa.bindparam("b_id"), c.version == sa.bindparam("b_version"))
                .values(
                    {
                        **{n: sa.bindparam(f"b_{n}", type_=c[n].type) for n in set_cols},
                        "version": sa.bindparam("b_new_version"),
                        "updated_at": sa.bindparam("b_updated_at", type_=c.updated_at.type),
                    }
                )
            )
            result = conn.execute(stmt, upd_case)
            if result.rowcount not in (-1, len(upd_case)):
                raise CsvImportError(
                    "En sak ble endret et annet sted mens importen pågikk; ingenting er "
                    "importert. Prøv igjen."
                )
        if event_rows:
            conn.execute(sa.insert(EVENT), event_rows)
    return ImportResult(
        plan,
        batch,
        tuple(p.ref for p in new if p.ref),
        tuple(p.ref for p in upd if p.ref),
        plan.invalid,
    )
