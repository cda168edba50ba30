"""The CSV format of the desk: the columns of each kind and how a value is written and read.

One source of truth for the export, the import and the documentation (README.md, "CSV-filer"):

- the columns of a kind, in order: ref, id, status, the common fields, the kind's own
  fields in form order (kinds.py), the status dates («Status siden», «Lukket»), the
  reason, the notes and the change time. Headers are the Norwegian labels from kinds.py;
  personal fields (home address, home phone) only when asked for;
- a value as a cell: dates `dd.mm.åååå`, Ja/Nei/Ukjent, choice and status labels, phone
  numbers in pairs, decimals with a comma, the change time in ISO 8601 with the
  Europe/Oslo offset, notes newest first in one cell;
- the OWASP rule: a cell starting with `=`, `+`, `-`, `@`, tab, CR, LF or `'` gets one
  `'` in front; the import removes exactly one, so every text round-trips;
- the intake columns of a hospitering application (the S3 form labels) and the aliases
  the import accepts for them.

The export formats values straight from the stored text of SQLite (no `date` or ORM
objects on the way): `cell_formatter(column)` returns a function from the stored value to
the cell. Pure Python: no SQLAlchemy, no Textual.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final, Literal

from samhandlingsdesk.domain.dates import (
    OSLO,
    DateError,
    format_date,
    format_datetime,
    parse_file_date,
)
from samhandlingsdesk.domain.kinds import (
    KINDS,
    REASON_LABEL,
    STATUS_DATE_FIELDS,
    TRI_LABELS,
    FieldSpec,
    kind_spec,
)
from samhandlingsdesk.domain.limits import shown_cell
from samhandlingsdesk.domain.reasons import COMMENT_FIELD, reason_label
from samhandlingsdesk.domain.text import intake as txt
from samhandlingsdesk.domain.validate import format_phone, normalize_phone

DELIMITER: Final = ";"
LINE_END: Final = "\r\n"
ENCODING: Final = "utf-8-sig"  # UTF-8 with BOM: Norwegian Excel reads æøå right

# Cells starting with one of these get one `'` in front (OWASP CSV injection); `'` itself
# is in the list so that the escape round-trips.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "\n", "'")
ESCAPE: Final = "'"

# Headers of the columns that are not fields.
REF_HEADER: Final = "Referanse"
ID_HEADER: Final = "ID"
STATUS_HEADER: Final = "Status"
NOTES_HEADER: Final = "Notater"
UPDATED_HEADER: Final = "Sist endret"

# What the status date columns hold (the docs' «Holds»).
STATUS_DATE_HOLDS: Final = {
    "status_since": "the day the case entered its status",
    "closed_on": "the day the case closed (empty while it is open)",
}

ColumnRole = Literal[
    "ref", "id", "status", "case", "detail", "reason", "notes", "status_date", "updated_at"
]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a kind's file.

    `name` is the stored column (`ref`, `id`, `status`, a field name, `reason`, `notes`,
    `status_since`, `closed_on`, `updated_at`); `role` says where it is stored
    (`store.export.column_sql` reads it).
    """

    name: str
    header: str
    role: ColumnRole
    spec: FieldSpec | None = None
    personal: bool = False
    description: str = ""

    @property
    def type(self) -> str:
        if self.spec is not None:
            return self.spec.type
        return {"updated_at": "datetime", "notes": "notes"}.get(self.role, "text")


def columns(kind: str, *, include_personal: bool = False) -> tuple[Column, ...]:
    """The columns of a `kind` file, in order."""
    spec = kind_spec(kind)
    out: list[Column] = [
        Column("ref", REF_HEADER, "ref", description="the readable case number"),
        Column("id", ID_HEADER, "id", description="the stable identity of the case"),
        Column("status", STATUS_HEADER, "status", description="the status"),
    ]
    for f in spec.all_fields:
        if f.personal and not include_personal:
            continue
        out.append(Column(f.name, f.label, "case" if f.common else "detail", f, f.personal))
    out += [
        *(
            Column(f.name, f.label, "status_date", f, description=STATUS_DATE_HOLDS[f.name])
            for f in STATUS_DATE_FIELDS
        ),
        Column(
            "reason",
            REASON_LABEL,
            "reason",
            description="the reason given when rejected, declined, withdrawn or cancelled",
        ),
        Column(
            "reason_comment",
            COMMENT_FIELD.label,
            "reason",
            description="the text of a reason the desk does not offer (kept as «Annet»)",
        ),
        Column("notes", NOTES_HEADER, "notes", description="the notes"),
        Column(
            "updated_at", UPDATED_HEADER, "updated_at", description="when the content last changed"
        ),
    ]
    headers = [c.header for c in out]
    assert len(headers) == len(set(headers)), f"{kind}: two columns share a header"
    return tuple(out)


# --- writing cells -------------------------------------------------------------------------


def escape_cell(text: str) -> str:
    """One `'` in front of a cell that a spreadsheet could read as a formula; control
    characters already stored go out as their control pictures (DOMAIN.md «Limits»)."""
    text = shown_cell(text)
    if text and text.startswith(FORMULA_STARTS):
        return ESCAPE + text
    return text


def unescape_cell(text: str) -> str:
    """Remove exactly one leading `'` (the export's escape, or a spreadsheet's own)."""
    return text[1:] if text.startswith(ESCAPE) else text


def format_decimal(value: float | Decimal) -> str:
    """`1.5` -> `1,5` (Norwegian decimal comma); whole numbers without decimals."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace(".", ",")


def stored_date_cell(value: Any) -> str:
    """A stored date (`2026-05-17`) -> `17.05.2026`."""
    if not value:
        return ""
    if isinstance(value, date):
        return format_date(value)
    s = str(value)
    return f"{s[8:10]}.{s[5:7]}.{s[0:4]}"


@lru_cache(maxsize=4096)
def _oslo_offset(hour_key: str) -> timedelta:
    """The Europe/Oslo offset at a UTC hour (`2026-05-17 10`)."""
    dt = datetime.fromisoformat(hour_key + ":00").replace(tzinfo=UTC)
    off = dt.astimezone(OSLO).utcoffset()
    assert off is not None
    return off


def _offset_text(off: timedelta) -> str:
    minutes = int(off.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def parse_stored_datetime(value: Any) -> datetime:
    """A stored UTC timestamp (naive text or datetime) as an aware UTC datetime."""
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def stored_datetime_cell(value: Any) -> str:
    """A stored UTC timestamp -> ISO 8601 in Europe/Oslo with its offset, as precise as
    stored (`2026-11-23T06:42:57.833484+01:00`; no fraction when it is zero), so that two
    edits in the same second still compare right on import."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = parse_stored_datetime(value).strftime("%Y-%m-%d %H:%M:%S.%f")
    s = str(value)
    off = _oslo_offset(s[:13])
    local = datetime.fromisoformat(s) + off
    return f"{local.isoformat()}{_offset_text(off)}"


def _note_stamp(value: Any) -> str:
    """A stored note time -> `23.11.2026 06:42` (Europe/Oslo)."""
    s = str(value)
    local = datetime.fromisoformat(s[:19]) + _oslo_offset(s[:13])
    return f"{local.day:02d}.{local.month:02d}.{local.year:04d} {local.hour:02d}:{local.minute:02d}"


# A line that starts a note: `[23.11.2026 06:42] `. Lines inside a note's text that look
# like one get an extra backslash, so the cell always splits back into the same notes.
NOTE_HEAD: Final = re.compile(r"\[(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})\] ")
_LOOKS_LIKE_HEAD: Final = re.compile(r"\\*\[\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\] ")
_ESCAPED_HEAD: Final = re.compile(r"\\+\[\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\] ")


def format_note(stamp: str, text: str) -> str:
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if _LOOKS_LIKE_HEAD.match(lines[i]):
            lines[i] = "\\" + lines[i]
    return f"[{stamp}] " + "\n".join(lines)


def notes_cell(value: Any) -> str:
    """The notes of a case as one cell, newest first. `value` is the export's JSON array
    of `[at, id, text]` (stored UTC text), or None/`[]` for none."""
    if not value or value == "[]":
        return ""
    items = json.loads(value)
    items.sort(key=lambda n: (n[0], n[1]), reverse=True)
    return "\n".join(format_note(_note_stamp(at), text) for at, _id, text in items)


@dataclass(frozen=True, slots=True)
class ParsedNote:
    at: datetime | None  # UTC, to the minute; None = undated (set on import)
    text: str


def parse_notes(cell: str) -> list[ParsedNote]:
    """The notes of a cell, newest first as written. A cell that does not start with a
    `[dd.mm.åååå tt:mm]` head is one undated note."""
    if not cell.strip():
        return []
    lines = cell.split("\n")
    if not NOTE_HEAD.match(lines[0]):
        return [ParsedNote(None, cell.strip())]
    notes: list[tuple[datetime, list[str]]] = []
    for line in lines:
        m = NOTE_HEAD.match(line)
        if m:
            local = datetime(int(m[3]), int(m[2]), int(m[1]), int(m[4]), int(m[5]), tzinfo=OSLO)
            notes.append((local.astimezone(UTC), [line[m.end() :]]))
        else:
            if _ESCAPED_HEAD.match(line):
                line = line[1:]
            notes[-1][1].append(line)
    return [ParsedNote(at, "\n".join(parts)) for at, parts in notes]


def note_key(at: datetime | None, text: str) -> tuple[str, str]:
    """How two notes are compared on import: the minute in Oslo and the text."""
    if at is None:
        return ("", text)
    return (format_datetime(at), text)


def cell_formatter(column: Column, kind: str) -> Callable[[Any], str]:
    """A function from the stored value (as sqlite3 returns it) to the escaped cell."""
    esc = escape_cell
    if column.role == "status":
        labels = {s.key: s.label for s in kind_spec(kind).statuses}
        return lambda v: labels.get(v, v or "")
    if column.role == "updated_at":
        return stored_datetime_cell
    if column.role == "notes":
        return lambda v: esc(notes_cell(v))
    if column.name == "reason":
        return lambda v: esc(reason_label(v))
    f = column.spec
    if f is None:
        return lambda v: "" if v is None else esc(str(v))
    if f.type == "date":
        return stored_date_cell
    if f.type == "tri":
        ja, nei, ukjent = TRI_LABELS[True], TRI_LABELS[False], TRI_LABELS[None]
        return lambda v: ukjent if v is None else (ja if v else nei)
    if f.type == "choice":
        choice = dict(f.choices)
        return lambda v: "" if v is None else esc(choice.get(v, str(v)))
    if f.type == "phone":
        return lambda v: esc(format_phone(v)) if v else ""
    if f.type == "int":
        return lambda v: "" if v is None else format_decimal(v) if isinstance(v, float) else str(v)
    return lambda v: esc(str(v)) if v else ""


def format_value(column: Column, kind: str, value: Any) -> str:
    """A Python value (date, bool, int, text, datetime) -> the cell, as the export writes it."""
    if column.role == "updated_at" and isinstance(value, datetime):
        return stored_datetime_cell(parse_stored_datetime(value))
    if isinstance(value, Decimal | float) and not isinstance(value, bool):
        return format_decimal(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        value = value.isoformat()
    return cell_formatter(column, kind)(value)


# --- reading cells -----------------------------------------------------------------------

TRI_WORDS: Final[dict[str, bool | None]] = {
    "ja": True,
    "j": True,
    "yes": True,
    "true": True,
    "1": True,
    "x": True,
    "nei": False,
    "n": False,
    "no": False,
    "false": False,
    "0": False,
    "ukjent": None,
    "vet ikke": None,
    "": None,
}


class CellError(ValueError):
    """A cell that cannot be read; `str()` is the Norwegian message."""


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def parse_choice(f: FieldSpec, text: str) -> str | None:
    if not text:
        return None
    folded = _fold(text)
    for key, label in f.choices:
        if folded in (_fold(key), _fold(label)):
            return key
    choices = ", ".join(label for _, label in f.choices)
    raise CellError(txt.CELL_CHOICE.format(value=text, choices=choices))


def parse_status(kind: str, text: str) -> str | None:
    if not text:
        return None
    spec = kind_spec(kind)
    folded = _fold(text)
    for s in spec.statuses:
        if folded in (_fold(s.key), _fold(s.label)):
            return s.key
    choices = ", ".join(s.label for s in spec.statuses)
    raise CellError(txt.CELL_STATUS.format(value=text, kind=spec.label, choices=choices))


def parse_updated_at(text: str) -> datetime | None:
    """ISO 8601 with or without an offset (without: Europe/Oslo) -> aware UTC."""
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        raise CellError(txt.CELL_DATETIME.format(value=text)) from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=OSLO)
    return dt.astimezone(UTC)


def parse_id(text: str) -> str | None:
    if not text:
        return None
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        raise CellError(txt.CELL_UUID.format(value=text)) from None


def parse_value(f: FieldSpec, text: str) -> Any:
    """A cell (already unescaped and stripped) -> the stored value; CellError if unusable.
    Formats that the domain checks (e-mail, phone length, required) are left to
    `validate_values`."""
    if not text:
        return None
    if f.type == "date":
        try:
            return parse_file_date(text)
        except DateError as exc:
            raise CellError(str(exc)) from None
    if f.type == "tri":
        key = _fold(text)
        if key not in TRI_WORDS:
            raise CellError(txt.CELL_TRI.format(value=text))
        return TRI_WORDS[key]
    if f.type == "choice":
        return parse_choice(f, text)
    if f.type == "int":
        digits = text.replace(" ", "").replace("\u00a0", "")
        if digits.endswith((",0", ".0")):
            digits = digits[:-2]
        if not digits.isascii() or not digits.isdigit():
            raise CellError(txt.CELL_INT.format(value=text))
        return int(digits)
    if f.type == "phone":
        return normalize_phone(text)
    return text


# --- the hospitering intake: canonical columns (the S3 form labels) and aliases ----------

# Field name -> other headers accepted for it (compared case-insensitively, spaces and a
# trailing `:` or `*` ignored). The canonical header is always the label in kinds.py.
INTAKE_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "received_on": ("Mottatt dato", "Mottatt hos koordinator"),
    "party": ("Kommune", "Enhet", "Kommune / enhet", "Søkers kommune", "Søkers enhet"),
    "contact_name": ("Kontakt", "Kontaktperson arbeidssted"),
    "contact_phone": ("Tlf", "Tlf.", "Mobil", "Telefonnummer", "Phone"),
    "email": ("Epost", "E-mail", "Email", "Mail", "E-postadresse", "Søkers e-post"),
    "archive_ref": ("Saksnummer", "Arkivref", "Arkivreferanse", "Journalnummer"),
    "tags": ("Merkelapper",),
    "direction": ("Hospitering til", "Retning for hospitering"),
    "applicant_name": ("Navn", "Søker", "Søkerens navn", "Navn på søker", "Name"),
    "home_address": ("Adresse", "Privatadresse", "Bostedsadresse", "Søkers adresse"),
    "home_phone": ("Telefon privat", "Privattelefon", "Mobil privat", "Søkers telefon"),
    "workplace": ("Arbeidsplass", "Tjenestested", "Arbeidsgiver"),
    "workplace_address": ("Adresse arbeidssted", "Arbeidsplassens adresse"),
    "workplace_phone": ("Telefon arbeidssted", "Tlf arbeidssted", "Arbeidsplassens telefon"),
    "profession": ("Yrke", "Yrkesgruppe", "Profesjon", "Stilling"),
    "desired_host_unit": ("Ønsket avdeling", "Ønsket hospiteringssted", "Hospiteringssted"),
    "period_from": ("Fra", "Fra dato", "Fra og med", "Startdato", "Start", "Periode start"),
    "period_to": ("Til", "Til dato", "Til og med", "Sluttdato", "Slutt", "Periode slutt"),
    "theme_goals": ("Tema og mål", "Tema", "Mål", "Formål", "Ønsket tema", "Tema/mål"),
    "contribution": ("Bidrag", "Søkers bidrag", "Hva kan søker bidra med"),
    "applied_on": ("Dato søknad", "Søkt dato", "Søknad dato", "Innsendt", "Sendt inn"),
    "signed": ("Signert", "Underskrevet", "Signatur"),
    "notes": ("Merknad", "Merknader", "Kommentar", "Notat"),
}


def fold_header(text: str) -> str:
    """Header comparison: case, surrounding and repeated spaces, spaces around `/` and a
    trailing `:` or `*` do not matter."""
    s = " ".join(unescape_cell(text).split()).casefold().rstrip(":*").strip()
    return re.sub(r"\s*/\s*", "/", s)


def header_map(kind: str, *, intake_aliases: bool) -> dict[str, Column]:
    """Folded header -> column, for every column of `kind` (personal ones included) and,
    for hospitering, the intake aliases."""
    cols = columns(kind, include_personal=True)
    out: dict[str, Column] = {fold_header(c.header): c for c in cols}
    if intake_aliases and kind == "hospitering":
        by_name = {c.name: c for c in cols}
        for name, aliases in INTAKE_ALIASES.items():
            for alias in aliases:
                out.setdefault(fold_header(alias), by_name[name])
    return out


def intake_columns() -> tuple[tuple[Column, tuple[str, ...]], ...]:
    """The columns a hospitering intake file may have, with their aliases (for the docs)."""
    cols = columns("hospitering", include_personal=True)
    wanted = [c for c in cols if c.role in ("case", "detail", "status", "notes")]
    return tuple((c, INTAKE_ALIASES.get(c.name, ())) for c in wanted)


def all_headers(kinds: Iterable[str] = KINDS) -> dict[str, tuple[str, ...]]:
    return {k: tuple(c.header for c in columns(k, include_personal=True)) for k in kinds}
