"""CSV export: one file per kind for colleagues, in the format of `csv_format`.

Streams: one `sqlite3` cursor per kind over the columns of the case and detail tables (no
ORM objects, no list of rows), each row formatted and written at once, so memory stays
flat in the number of rows. Each file is written to a hidden temporary file in the target
folder, created with the folder's normal permissions (the umask: colleagues must be able to
read it, unlike the desk's own 0600 files), and then linked into place under its final
name (`hospitering_2026-11-23.csv`, then `_2`, `_3` on the same day) without ever
replacing a file, so a colleague never opens half a file. Every export is recorded in
`export_log` (when, the filter, the kinds, the rows, the files).

No SQLAlchemy, no Textual: the CLI exports without loading either.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from samhandlingsdesk.domain.dates import OSLO, format_date
from samhandlingsdesk.domain.kinds import KINDS, kind_spec
from samhandlingsdesk.domain.text import plural
from samhandlingsdesk.domain.text.intake import NOTES_FILE
from samhandlingsdesk.io import tempfiles
from samhandlingsdesk.io.csv_format import (
    DELIMITER,
    ENCODING,
    LINE_END,
    Column,
    cell_formatter,
    columns,
)
from samhandlingsdesk.io.notes_file import CELL_NOTES_MAX, note_rows, notes_path, write_notes_file
from samhandlingsdesk.store.db import Desk, DeskError

Progress = Callable[[int, int], None]  # rows done, rows in total
FETCH_ROWS = 500  # rows per fetch; progress is reported after each
NEW_FILE_MODE = 0o666  # before the umask: "normal permissions"
STORED_DATETIME = "%Y-%m-%d %H:%M:%S.%f"  # how the desk stores UTC timestamps


class ExportError(Exception):
    """The export could not run; `str()` is one Norwegian sentence."""


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """What to export. Empty tuples mean "all"; dates are inclusive."""

    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # keys (or labels) of statuses
    parties: tuple[str, ...] = ()  # municipality / unit names (any part of a Sami name)
    received_from: date | None = None
    received_to: date | None = None
    changed_since: date | None = None  # content changed on or after this day (Oslo)
    since_last: bool = False  # any event after the previous export
    include_personal: bool = False  # home address and home phone

    def to_json(self) -> str:
        data = asdict(self)
        for key in ("received_from", "received_to", "changed_since"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        for key in ("kinds", "statuses", "parties"):
            data[key] = list(data[key])
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    def describe(self) -> str:
        """The filter in Norwegian, for the result line and the CLI."""
        parts: list[str] = []
        if self.kinds:
            parts.append("typer: " + ", ".join(kind_spec(k).label for k in self.kinds))
        if self.statuses:
            parts.append("status: " + ", ".join(self.statuses))
        if self.parties:
            parts.append("part: " + ", ".join(self.parties))
        if self.received_from or self.received_to:
            parts.append(
                f"mottatt {format_date(self.received_from) or '…'}–"
                f"{format_date(self.received_to) or '…'}"
            )
        if self.changed_since:
            parts.append(f"endret fra {format_date(self.changed_since)}")
        if self.since_last:
            parts.append("endret siden forrige eksport")
        parts.append("med personopplysninger" if self.include_personal else "uten hjemmeadresse")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class ExportResult:
    files: tuple[Path, ...]
    rows: dict[str, int] = field(default_factory=dict)  # kind -> rows written
    since: datetime | None = None  # the previous export, for --since-last
    notes_files: tuple[Path, ...] = ()  # notes too long for one cell, one row per note
    messages: tuple[str, ...] = ()  # what the user should know about the files

    @property
    def total(self) -> int:
        return sum(self.rows.values())


# --- the query -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Where:
    sql: str
    params: tuple[Any, ...]


def _stored(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime(STORED_DATETIME)


def last_export_at(conn: sqlite3.Connection) -> datetime | None:
    row = conn.execute("SELECT max(at) FROM export_log").fetchone()
    if not row or row[0] is None:
        return None
    dt = datetime.fromisoformat(row[0])
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


def _resolve_parties(conn: sqlite3.Connection, wanted: Sequence[str]) -> list[str]:
    """The stored party names that match any wanted name: the whole name or one part of a
    name with parallel Sami/Kven names, compared case-insensitively (æøå included, which
    SQLite's own lower() does not fold)."""
    folded = {" ".join(w.split()).casefold() for w in wanted if w.strip()}
    out = []
    for (party,) in conn.execute('SELECT DISTINCT party FROM "case" WHERE party IS NOT NULL'):
        name = " ".join(party.split()).casefold()
        parts = {name, *(p.strip() for p in name.split(" - "))}
        if parts & folded:
            out.append(party)
    return out


def _resolve_statuses(kind: str, wanted: Sequence[str]) -> list[str]:
    spec = kind_spec(kind)
    folded = {" ".join(w.split()).casefold() for w in wanted}
    return [
        s.key for s in spec.statuses if s.key.casefold() in folded or s.label.casefold() in folded
    ]


def check_filter(flt: ExportFilter) -> None:
    """Refuse unknown kinds and statuses with a Norwegian sentence (ExportError)."""
    for k in flt.kinds:
        if k not in KINDS:
            raise ExportError(f"Ukjent sakstype «{k}». Gyldige: {', '.join(KINDS)}.")
    kinds = flt.kinds or tuple(KINDS)
    for s in flt.statuses:
        if not any(_resolve_statuses(k, [s]) for k in kinds):
            raise ExportError(f"Ukjent status «{s}» for {', '.join(kinds)}.")
    if flt.received_from and flt.received_to and flt.received_to < flt.received_from:
        raise ExportError("«Mottatt til» kan ikke være før «Mottatt fra».")


def _where(
    kind: str, flt: ExportFilter, since: datetime | None, parties: Sequence[str]
) -> _Where | None:
    """The WHERE clause for `kind`, or None when the filter rules the kind out. `parties`
    are the stored names the party filter resolved to (`_resolve_parties`)."""
    clauses = ["c.kind = ?"]
    params: list[Any] = [kind]
    if flt.statuses:
        keys = _resolve_statuses(kind, flt.statuses)
        if not keys:
            return None
        clauses.append(f"c.status IN ({','.join('?' * len(keys))})")
        params += keys
    if flt.parties:
        if not parties:
            return None
        clauses.append(f"c.party IN ({','.join('?' * len(parties))})")
        params += parties
    if flt.received_from:
        clauses.append("c.received_on >= ?")
        params.append(flt.received_from.isoformat())
    if flt.received_to:
        clauses.append("c.received_on <= ?")
        params.append(flt.received_to.isoformat())
    if flt.changed_since:
        start = datetime.combine(flt.changed_since, time(0), tzinfo=OSLO)
        clauses.append("c.updated_at >= ?")
        params.append(_stored(start))
    if flt.since_last and since is not None:
        clauses.append("c.id IN (SELECT case_id FROM event WHERE at > ?)")
        params.append(_stored(since))
    return _Where(" AND ".join(clauses), tuple(params))


def _kinds(flt: ExportFilter) -> tuple[str, ...]:
    return tuple(k for k in KINDS if not flt.kinds or k in flt.kinds)


def select_sql(kind: str, cols: Sequence[Column], where: str = "c.kind = ?") -> str:
    exprs = ", ".join(c.sql for c in cols)
    return (
        f'SELECT {exprs} FROM "case" c JOIN {kind} d ON d.case_id = c.id '
        f"WHERE {where} ORDER BY c.ref_year, c.ref_seq"
    )


def _reader(desk: Desk) -> sqlite3.Connection:
    """A plain-tuple connection of its own (the export may run in a worker thread)."""
    try:
        conn = sqlite3.connect(
            desk.path,
            timeout=3,
            check_same_thread=False,
            isolation_level=None,
        )
    except sqlite3.Error as exc:
        raise DeskError(f"Kan ikke lese {desk.path}: {exc}.") from None
    conn.execute("PRAGMA busy_timeout = 3000")
    return conn


def count_rows(desk: Desk, flt: ExportFilter) -> dict[str, int]:
    """Rows per kind that `flt` would export (the preview in the desk)."""
    check_filter(flt)
    conn = _reader(desk)
    try:
        since = last_export_at(conn) if flt.since_last else None
        parties = _resolve_parties(conn, flt.parties) if flt.parties else []
        out: dict[str, int] = {}
        for kind in _kinds(flt):
            w = _where(kind, flt, since, parties)
            if w is None:
                out[kind] = 0
                continue
            sql = f'SELECT count(*) FROM "case" c WHERE {w.sql}'
            out[kind] = conn.execute(sql, w.params).fetchone()[0]
        return out
    finally:
        conn.close()


# --- files ---------------------------------------------------------------------------------


def file_name(kind: str, day: date, n: int = 1, ext: str = ".csv") -> str:
    suffix = "" if n == 1 else f"_{n}"
    return f"{kind}_{day.isoformat()}{suffix}{ext}"


def _temp_file(folder: Path, final_hint: str) -> tuple[Path, int]:
    """A new hidden file in `folder`, created with the normal permissions (the umask),
    registered so that a signal removes it (io/tempfiles.py)."""
    tempfiles.install_signal_cleanup()
    for _ in range(100):
        tmp = tempfiles.temp_path(folder, final_hint)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE)
        except FileExistsError:
            continue
        tempfiles.register(tmp)
        return tmp, fd
    raise ExportError(f"Kan ikke lage en midlertidig fil i {folder}.")  # pragma: no cover


def _place(tmp: Path, folder: Path, kind: str, day: date, ext: str = ".csv") -> Path:
    """Give the finished temporary file its name: the first free of `kind_day.csv`,
    `kind_day_2.csv`, … An existing file is never replaced (a hard link fails if the name
    is taken; where links are not supported, rename after checking)."""
    for n in range(1, 1000):
        final = folder / file_name(kind, day, n, ext)
        if final.exists():
            continue
        try:
            os.link(tmp, final)
        except FileExistsError:
            continue
        except OSError:
            if final.exists():
                continue
            os.replace(tmp, final)
            return final
        tmp.unlink()
        return final
    raise ExportError(f"For mange eksporter av {kind} i dag i {folder}.")  # pragma: no cover


def _prepare_folder(out_dir: Path) -> Path:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"Kan ikke lage mappen {out_dir}: {exc.strerror}.") from None
    if not out_dir.is_dir():
        raise ExportError(f"{out_dir} er ikke en mappe.")
    if not os.access(out_dir, os.W_OK):
        raise ExportError(f"Har ikke tilgang til å skrive i {out_dir}.")
    return out_dir


def write_kind(
    conn: sqlite3.Connection,
    kind: str,
    where: _Where,
    out_dir: Path,
    day: date,
    *,
    include_personal: bool,
    tick: Callable[[int], None] | None = None,
    long_notes: list[Path] | None = None,
) -> tuple[Path, int]:
    """Write one kind's file; returns its path and the number of rows. Notes that would
    pass `CELL_NOTES_MAX` characters in a case's cell go to a notes file beside it, whose
    path is added to `long_notes`."""
    cols = columns(kind, include_personal=include_personal)
    fmts = [cell_formatter(c, kind) for c in cols]
    apart: list[list[str]] = []  # notes rows of the cases whose notes do not fit a cell
    n_notes = next((i for i, c in enumerate(cols) if c.role == "notes"), None)
    if n_notes is not None:
        notes_fmt = fmts[n_notes]
        current: list[Any] = []

        def notes_cell_or_apart(value: Any) -> str:
            cell = notes_fmt(value)
            if len(cell) <= CELL_NOTES_MAX:
                return cell
            apart.extend(note_rows(str(current[0]), str(current[1]), value))
            return ""

        fmts[n_notes] = notes_cell_or_apart
    tmp, fd = _temp_file(out_dir, file_name(kind, day))
    n = 0
    try:
        with open(fd, "w", encoding=ENCODING, newline="") as fh:
            writer = csv.writer(fh, delimiter=DELIMITER, lineterminator=LINE_END)
            writer.writerow([c.header for c in cols])
            cur = conn.execute(select_sql(kind, cols, where.sql), where.params)
            pairs = list(zip(fmts, range(len(fmts)), strict=True))
            writerow = writer.writerow
            while True:
                batch = cur.fetchmany(FETCH_ROWS)
                if not batch:
                    break
                for row in batch:
                    if n_notes is not None:
                        current[:] = row[:2]  # ref and id, for notes written apart
                    writerow([f(row[i]) for f, i in pairs])
                n += len(batch)
                if tick is not None:
                    tick(len(batch))
        final = _place(tmp, out_dir, kind, day)
        if apart and long_notes is not None:
            beside = notes_path(final)
            ntmp, nfd = _temp_file(out_dir, beside.name)
            os.close(nfd)
            try:
                write_notes_file(ntmp, apart)
                os.replace(ntmp, beside)
            finally:
                tempfiles.release(ntmp)
            long_notes.append(beside)
        return final, n
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    finally:
        tempfiles.release(tmp)


def export_csv(
    desk: Desk,
    flt: ExportFilter,
    out_dir: Path,
    *,
    today: date | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
    fmt: str = "csv",
) -> ExportResult:
    """Export the cases `flt` selects, one file per kind with rows, into `out_dir`
    (`fmt="xlsx"`: one workbook with a sheet per kind and the notes on a sheet of their own).

    Kinds without rows get no file; when no kind has rows, nothing is written and nothing
    is logged (the result has no files). Raises ExportError with a Norwegian sentence.
    """
    check_filter(flt)
    started = now or datetime.now(UTC)
    day = today or started.astimezone(OSLO).date()
    conn = _reader(desk)
    written: list[Path] = []
    long_notes: list[Path] = []
    rows: dict[str, int] = {}
    try:
        conn.execute("BEGIN")  # one snapshot for the counts and every file
        since = last_export_at(conn) if flt.since_last else None
        parties = _resolve_parties(conn, flt.parties) if flt.parties else []
        plan: list[tuple[str, _Where, int]] = []
        for kind in _kinds(flt):
            w = _where(kind, flt, since, parties)
            if w is None:
                continue
            count = conn.execute(f'SELECT count(*) FROM "case" c WHERE {w.sql}', w.params)
            total_kind = count.fetchone()[0]
            if total_kind:
                plan.append((kind, w, total_kind))
        total = sum(t for _, _, t in plan)
        if not total:
            return ExportResult((), {}, since)
        folder = _prepare_folder(out_dir)
        tempfiles.remove_stale(folder)  # what a killed export left behind
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, total)

        if progress is not None:
            progress(0, total)
        if fmt == "xlsx":
            from samhandlingsdesk.io.xlsx import write_workbook

            path, rows = write_workbook(
                conn,
                [(kind, w.sql, w.params) for kind, w, _ in plan],
                folder,
                day,
                include_personal=flt.include_personal,
                tick=tick,
            )
            written.append(path)
        for kind, w, _ in plan if fmt == "csv" else ():
            path, n = write_kind(
                conn,
                kind,
                w,
                folder,
                day,
                include_personal=flt.include_personal,
                tick=tick,
                long_notes=long_notes,
            )
            written.append(path)
            rows[kind] = n
        conn.execute("COMMIT")
    except OSError as exc:
        _remove([*written, *long_notes])
        raise ExportError(f"Kunne ikke skrive eksporten til {out_dir}: {exc.strerror}.") from None
    except BaseException:
        _remove([*written, *long_notes])
        raise
    finally:
        conn.close()
    _log(desk, started, flt, rows, [*written, *long_notes])
    messages = tuple(
        NOTES_FILE.format(cases=plural(len(_note_cases(p)), "sak", "saker"), file=p.name)
        for p in long_notes
    )
    return ExportResult(tuple(written), rows, since, tuple(long_notes), messages)


def _note_cases(path: Path) -> set[str]:
    """The cases (ids) with notes in a notes file."""
    with open(path, encoding=ENCODING, newline="") as fh:
        reader = csv.reader(fh, delimiter=DELIMITER)
        next(reader, None)
        return {r[1] for r in reader if len(r) > 1}


def _remove(paths: Iterable[Path]) -> None:
    for p in paths:
        with suppress(OSError):
            p.unlink()


def _log(
    desk: Desk, at: datetime, flt: ExportFilter, rows: dict[str, int], files: Sequence[Path]
) -> None:
    """Record the export. `at` is when its snapshot was taken, so a change made while the
    files were written is exported again by the next --since-last."""
    conn = desk.reader()
    try:
        conn.execute(
            "INSERT INTO export_log (at, filter, kinds, rows, files) VALUES (?, ?, ?, ?, ?)",
            (
                _stored(at),
                flt.to_json(),
                ",".join(rows),
                sum(rows.values()),
                json.dumps([str(p) for p in files], ensure_ascii=False),
            ),
        )
    except sqlite3.Error as exc:
        raise DeskError(
            f"Filene er skrevet, men eksportloggen kunne ikke oppdateres: {exc}."
        ) from None
