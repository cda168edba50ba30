"""Text limits and control characters (DOMAIN.md «Personal data», Limits). Pure Python.

- A note holds at most 10,000 characters, any other multi-line free text 4,000, names
  and single-line fields 200.
- Text never holds control characters: C0 (U+0000–U+001F) except tab and line breaks
  in multi-line fields, DEL, C1 (U+0080–U+009F) and the bidi overrides (U+202A–U+202E,
  U+2066–U+2069). They are refused at every way in (`text_problems`), and whatever is
  stored anyway is shown as Unicode control pictures at every way out (`shown`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final, Literal

from samhandlingsdesk.domain.problems import Problem
from samhandlingsdesk.domain.text import safety as t

NOTE_MAX: Final = 10_000
LONGTEXT_MAX: Final = 4_000
LINE_MAX: Final = 200

TextKind = Literal["line", "longtext", "note"]
LIMITS: Final[dict[str, int]] = {"line": LINE_MAX, "longtext": LONGTEXT_MAX, "note": NOTE_MAX}

_BIDI: Final = "\u202a-\u202e\u2066-\u2069"
# Everything refused anywhere; tab and line breaks are decided by the kind of field.
_CONTROL: Final = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_MULTILINE_OK: Final = frozenset("\t\n\r")

CODE_CONTROL: Final = "control_char"
CODE_LINE_BREAK: Final = "line_break"
CODE_TOO_LONG: Final = "too_long"


def _char_name(ch: str) -> str:
    """The name of a control character `_CONTROL` found: its own, or its block's."""
    code = ord(ch)
    if code in t.CONTROL_NAMES:
        return t.CONTROL_NAMES[code]
    if code >= 0x202A:  # the bidi overrides
        return t.NAME_BIDI
    if code >= 0x80:  # C1
        return t.NAME_C1
    return t.NAME_C0


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `text[index]`."""
    before = text[:index]
    return before.count("\n") + 1, index - before.rfind("\n")


def control_problem(text: str, *, multiline: bool) -> tuple[str, str] | None:
    """(code, message) for the first control character `text` may not hold, else None."""
    for m in _CONTROL.finditer(text):
        ch = m.group()
        if multiline and ch in _MULTILINE_OK:
            continue
        line, column = _position(text, m.start())
        if ch in _MULTILINE_OK:
            return CODE_LINE_BREAK, t.MSG_LINE_BREAK.format(line=line, column=column)
        name = _char_name(ch)
        return CODE_CONTROL, t.MSG_CONTROL.format(name=name, code=ord(ch), line=line, column=column)
    return None


def length_problem(text: str, kind: TextKind) -> str | None:
    limit = LIMITS[kind]
    if len(text) <= limit:
        return None
    hint = t.HINT_NOTE if kind == "note" else ""
    return t.MSG_TOO_LONG.format(
        length=f"{len(text):,}".replace(",", "\u00a0"),
        limit=f"{limit:,}".replace(",", "\u00a0"),
        hint=hint,
    )


def text_problem(text: str | None, kind: TextKind = "line") -> tuple[str, str] | None:
    """(code, message) for the first limit `text` breaks as a field of `kind`, else None."""
    if not text:
        return None
    found = control_problem(text, multiline=kind != "line")
    if found is not None:
        return found
    message = length_problem(text, kind)
    return (CODE_TOO_LONG, message) if message else None


def text_problems(field: str, text: str | None, kind: TextKind = "line") -> list[Problem]:
    """The limits as Problems, for `validate_edit` and every other way in."""
    found = text_problem(text, kind)
    if found is None:
        return []
    return [Problem(field, *found)]  # a refusal


def kind_of_field(field_type: str) -> TextKind:
    """The limit a field of this FieldSpec type has (`longtext` or one line)."""
    return "longtext" if field_type == "longtext" else "line"


# --- the way out ------------------------------------------------------------------------

_PICTURES: Final[dict[int, str]] = {c: chr(0x2400 + c) for c in range(0x20)}
_PICTURES[0x7F] = "\u2421"  # ␡
for _c in range(0x80, 0xA0):
    _PICTURES[_c] = "\ufffd"
for _c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):
    _PICTURES[_c] = "\ufffd"
_KEEP_LINES: Final = {k: v for k, v in _PICTURES.items() if k not in (0x09, 0x0A)}
_KEEP_CELL: Final = {k: v for k, v in _PICTURES.items() if k not in (0x09, 0x0A, 0x0D)}


def _pictures(text: str, table: Mapping[int, str]) -> str:
    """`text` with every control character in `table` as its picture (a text without
    control characters costs one search)."""
    return _CONTROL.sub(lambda m: m[0].translate(table), text)


def shown(text: str) -> str:
    """`text` safe for a terminal: every control character as its control picture
    (ESC as ␛); tab and line feed kept (CR LF becomes LF)."""
    return _pictures(text.replace("\r\n", "\n"), _KEEP_LINES)


def shown_cell(text: str) -> str:
    """`text` for a file cell: tab and line breaks kept as they are (the CSV quotes
    them), every other control character as its picture."""
    return _pictures(text, _KEEP_CELL)


def shown_line(text: str) -> str:
    """`text` for one line of a terminal: line breaks and tabs as pictures too."""
    return _pictures(text, _PICTURES)
