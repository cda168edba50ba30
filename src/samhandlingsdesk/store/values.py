"""The one stored-value codec: how values are written as text (the event log) and how a
stored value, as the sqlite3 driver returns it (SQLAlchemy's text forms: `2026-11-23`,
`2026-11-23 09:15:00.000000`, 0/1), becomes the domain's (date, aware UTC datetime, bool,
int). Every reader of the store uses these (no SQLAlchemy: repo reads with sqlite3).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from samhandlingsdesk.domain.kinds import FieldSpec


def to_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def from_text(spec: FieldSpec | None, text: str | None) -> Any:
    """A value from the event log's text (`to_text`) back to the domain's."""
    if text is None:
        return None
    kind = spec.type if spec else "text"
    if kind == "date":
        return date.fromisoformat(text)
    if kind == "tri":
        return text == "1"
    if kind == "int":
        return int(text)
    return text


def stored_date(value: Any) -> date | None:
    """A stored date (ISO text, or a date) -> date; empty -> None."""
    if not value:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def stored_utc(value: Any) -> datetime | None:
    """A stored timestamp (naive UTC text or datetime) -> aware UTC datetime; empty ->
    None."""
    if not value:
        return None
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def stored_value(f: FieldSpec | None, value: Any) -> Any:
    """A stored field value -> as the domain uses it (by the field's type)."""
    if value is None or f is None:
        return value
    if f.type == "date":
        return stored_date(value)
    if f.type == "tri":
        return bool(value)
    if f.type == "int" and not isinstance(value, bool):
        return int(value)
    return value
