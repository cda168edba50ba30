"""Notes kept apart from the cases: one row per note (Referanse, ID, Tidspunkt, Notat).

Excel takes at most 32,767 characters in a cell. A CSV export writes the notes of a case
whose notes together would pass 32,000 characters into `<file>_notater.csv` beside it
(that case's notes cell stays empty), and the xlsx export writes every note on its own
«Notater» sheet. The import reads them back as the case's notes cell. Pure Python.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

from samhandlingsdesk.domain.text import intake as txt
from samhandlingsdesk.io.csv_format import (
    DELIMITER,
    ENCODING,
    LINE_END,
    NOTE_HEAD,
    _note_stamp,
    escape_cell,
    format_note,
    unescape_cell,
)

CELL_NOTES_MAX: Final = 32_000  # a notes cell longer than this goes to the notes file
HEADERS: Final = txt.NOTES_SHEET_HEADERS


def notes_path(path: Path) -> Path:
    """`hospitering_2026-11-23.csv` -> `hospitering_2026-11-23_notater.csv`."""
    return path.with_name(f"{path.stem}_notater{path.suffix}")


def note_rows(ref: str, case_id: str, value: Any) -> Iterator[list[str]]:
    """The rows of a case's notes (the export's JSON array of `[at, id, text]`), newest
    first, as cells: ref, id, `dd.mm.åååå tt:mm`, the text (escaped)."""
    if not value or value == "[]":
        return
    items = json.loads(value)
    items.sort(key=lambda n: (n[0], n[1]), reverse=True)
    for at, _id, text in items:
        yield [ref, case_id, _note_stamp(at), escape_cell(text)]


def cell_from_rows(rows: Iterable[tuple[str, str]]) -> str:
    """Notes as (stamp, text) rows, newest first -> the notes cell the import parses."""
    return "\n".join(
        format_note(stamp, text) if NOTE_HEAD.fullmatch(f"[{stamp}] ") else text
        for stamp, text in rows
    )


def notes_by_case(rows: Iterable[list[str]]) -> dict[str, str]:
    """Rows of a notes table (without its header) -> id and ref -> the notes cell."""
    grouped: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for cells in rows:
        if len(cells) < 4 or not any(c.strip() for c in cells):
            continue
        ref, cid, stamp = (c.strip() for c in cells[:3])
        text = unescape_cell(cells[3])
        grouped.setdefault((ref, cid), []).append((stamp, text))
    out: dict[str, str] = {}
    for (ref, cid), notes in grouped.items():
        cell = cell_from_rows(notes)
        if cid:
            out[cid] = cell
        if ref:
            out[ref] = cell
    return out


def write_notes_file(path: Path, rows: Iterable[list[str]]) -> None:
    with open(path, "w", encoding=ENCODING, newline="") as fh:
        writer = csv.writer(fh, delimiter=DELIMITER, lineterminator=LINE_END)
        writer.writerow(HEADERS)
        writer.writerows(rows)


def read_notes_file(path: Path) -> dict[str, str]:
    """The notes file beside a CSV export, if there is one (else empty)."""
    beside = notes_path(path)
    if path.stem.endswith("_notater") or not beside.is_file():
        return {}
    text = beside.read_bytes().decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER)
    next(reader, None)
    return notes_by_case(reader)
