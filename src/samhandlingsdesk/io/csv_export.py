"""CSV export files: one file per kind for colleagues, in the format of `csv_format`.

Rows in (the stored values, a batch at a time, from `store.export`), files out: each row
is formatted and written at once, so memory stays flat in the number of rows. Each file is
written to a hidden temporary file in the target folder, created with the folder's normal
permissions (the umask: colleagues must be able to read it, unlike the desk's own 0600
files), and then linked into place under its final name (`hospitering_2026-11-23.csv`,
then `_2`, `_3` on the same day) without ever replacing a file, so a colleague never
opens half a file. The use case (`service.export`) selects the rows and logs the export.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from samhandlingsdesk.domain.export import ExportError, ExportFilter
from samhandlingsdesk.domain.text import transfer
from samhandlingsdesk.domain.text.common import cases
from samhandlingsdesk.domain.text.intake import NOTES_FILE
from samhandlingsdesk.io import tempfiles
from samhandlingsdesk.io.csv_format import (
    DELIMITER,
    ENCODING,
    LINE_END,
    cell_formatter,
    columns,
)
from samhandlingsdesk.io.notes_file import CELL_NOTES_MAX, note_rows, notes_path, write_notes_file

__all__ = ["ExportError", "ExportFilter", "ExportResult", "notes_file_messages", "write_kind"]

Progress = Callable[[int, int], None]  # rows done, rows in total


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


# --- files ---------------------------------------------------------------------------------


def file_name(kind: str, day: date, n: int = 1, ext: str = ".csv") -> str:
    suffix = "" if n == 1 else f"_{n}"
    return f"{kind}_{day.isoformat()}{suffix}{ext}"


def temp_file(folder: Path, final_hint: str) -> tuple[Path, int]:
    """A new hidden file in `folder`, created with the normal permissions (the umask),
    registered so that a signal removes it (io/tempfiles.py)."""
    made = tempfiles.create(folder, final_hint)
    if made is None:  # pragma: no cover
        raise ExportError(transfer.NO_TEMP_FILE.format(folder=folder))
    return made


def place(tmp: Path, folder: Path, kind: str, day: date, ext: str = ".csv") -> Path:
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
    raise ExportError(
        transfer.TOO_MANY_EXPORTS.format(kind=kind, folder=folder)
    )  # pragma: no cover


def write_kind(
    batches: Iterable[Sequence[Sequence[Any]]],
    kind: str,
    out_dir: Path,
    day: date,
    *,
    include_personal: bool,
    tick: Callable[[int], None] | None = None,
    long_notes: list[Path] | None = None,
) -> tuple[Path, int]:
    """Write one kind's file from the stored values of `file_columns(kind, …)` in
    `batches`; returns its path and the number of rows. Notes that would pass
    `CELL_NOTES_MAX` characters in a case's cell go to a notes file beside it, whose path
    is added to `long_notes`."""
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
    tmp, fd = temp_file(out_dir, file_name(kind, day))
    n = 0
    try:
        with open(fd, "w", encoding=ENCODING, newline="") as fh:
            writer = csv.writer(fh, delimiter=DELIMITER, lineterminator=LINE_END)
            writer.writerow([c.header for c in cols])
            pairs = list(zip(fmts, range(len(fmts)), strict=True))
            writerow = writer.writerow
            for batch in batches:
                for row in batch:
                    if n_notes is not None:
                        current[:] = row[:2]  # ref and id, for notes written apart
                    writerow([f(row[i]) for f, i in pairs])
                n += len(batch)
                if tick is not None:
                    tick(len(batch))
        final = place(tmp, out_dir, kind, day)
        if apart and long_notes is not None:
            beside = notes_path(final)
            ntmp, nfd = temp_file(out_dir, beside.name)
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


def file_columns(kind: str, *, include_personal: bool) -> list[tuple[str, str]]:
    """The (name, role) of each column of a kind's file, for the store to read."""
    return [(c.name, c.role) for c in columns(kind, include_personal=include_personal)]


def notes_file_messages(paths: Iterable[Path]) -> tuple[str, ...]:
    """What the user should know about each notes file written beside a CSV file."""
    return tuple(NOTES_FILE.format(cases=cases(len(_note_cases(p))), file=p.name) for p in paths)


def _note_cases(path: Path) -> set[str]:
    """The cases (ids) with notes in a notes file."""
    with open(path, encoding=ENCODING, newline="") as fh:
        reader = csv.reader(fh, delimiter=DELIMITER)
        next(reader, None)
        return {r[1] for r in reader if len(r) > 1}


def remove_files(paths: Iterable[Path]) -> None:
    for p in paths:
        with suppress(OSError):
            p.unlink()


def prepare_folder(out_dir: Path) -> Path:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            transfer.CANNOT_MAKE_FOLDER.format(folder=out_dir, reason=exc.strerror)
        ) from None
    if not out_dir.is_dir():
        raise ExportError(transfer.NOT_A_FOLDER.format(folder=out_dir))
    if not os.access(out_dir, os.W_OK):
        raise ExportError(transfer.NO_WRITE_ACCESS.format(folder=out_dir))
    return out_dir
