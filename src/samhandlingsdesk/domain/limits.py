"""How long a text may be (DOMAIN.md «Limits»): a note 10,000 characters, any other
free-text field 4,000, names and single-line fields 200. Pure Python.

Used where text comes in from files (import reports a cell over its limit by line and
column, and never cuts it).
"""

from __future__ import annotations

from typing import Any, Final

from samhandlingsdesk.domain.kinds import FieldSpec
from samhandlingsdesk.domain.text import intake as txt

NOTE_MAX: Final = 10_000
LONGTEXT_MAX: Final = 4_000
LINE_MAX: Final = 200


def max_length(f: FieldSpec | None) -> int | None:
    """The most characters field `f` takes (None: not a text field). `None` as the field
    is the reason, a free text."""
    if f is None:
        return LONGTEXT_MAX
    if f.type == "longtext":
        return LONGTEXT_MAX
    if f.type in ("text", "party", "email", "phone"):
        return LINE_MAX
    return None


def length_problem(f: FieldSpec | None, value: Any) -> str | None:
    """The message when `value` is longer than field `f` takes."""
    limit = max_length(f)
    if limit is None or not isinstance(value, str) or len(value) <= limit:
        return None
    return txt.TOO_LONG.format(length=_n(len(value)), limit=_n(limit))


def note_problem(text: str) -> str | None:
    if len(text) <= NOTE_MAX:
        return None
    return txt.NOTE_TOO_LONG.format(length=_n(len(text)), limit=_n(NOTE_MAX))


def _n(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")
