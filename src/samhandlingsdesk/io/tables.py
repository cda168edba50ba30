"""A table read from a file, whatever its format: the header row and the rows as text.

CSV files, xlsx sheets and the notes kept beside them all become a `Table`, so the import
reads every format with the same rules (labels, line/column problems). Pure Python.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(slots=True)
class Table:
    """`records` yields (line number as the file shows it, cells as text) for each row
    under the header; `kind` is set when the container names it (an xlsx sheet);
    `notes` maps a case id or ref to its notes cell when the notes are kept apart (a
    notes sheet or a notes file)."""

    name: str
    headers: list[str]
    records: Iterator[tuple[int, list[str]]]
    encoding: str = ""
    delimiter: str = ""
    kind: str | None = None
    sheet: str | None = None
    notes: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
