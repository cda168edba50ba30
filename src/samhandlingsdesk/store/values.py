"""Field values as text in the event log, and back (no SQLAlchemy: repo reads these)."""

from __future__ import annotations

from datetime import date, datetime
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
