"""How values look to a person: dates, Ja/Nei/Ukjent, choice labels, phone pairs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from samhandlingsdesk.domain.dates import format_date, format_datetime
from samhandlingsdesk.domain.kinds import TRI_LABELS, FieldSpec
from samhandlingsdesk.domain.limits import shown
from samhandlingsdesk.domain.validate import format_phone


def display_value(f: FieldSpec | None, value: Any) -> str:
    """The value as shown on screens (and exported to CSV)."""
    if f is not None and f.type == "tri":
        return TRI_LABELS[None if value is None else bool(value)]
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if f is None:
        return shown(str(value))
    if f.type == "choice":
        return shown(f.choice_label(str(value)))
    if f.type == "phone":
        return format_phone(str(value))
    return shown(str(value))
