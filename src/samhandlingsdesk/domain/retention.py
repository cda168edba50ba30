"""Retention (DOMAIN.md «Personal data», Retention and Purge). Pure Python.

The desk is a work tool; the official record lives in the archive. A closed case is
purged of its personal fields a set time after `closed_on` (a setting per kind, default
24 months); a case hidden by an undone creation (`deleted_at`) the same time after it was
hidden.

Purge removes names, contact persons, addresses, phones, e-mail and every free text
(notes included), and the same values in the history and the search index. It keeps
kind, status, every date, the party, the host unit and the other units, the categories
(every field whose values come from a fixed set, the Ja/Nei/Ukjent fields, counts), and
`ref` and `archive_ref`.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from typing import Final

from samhandlingsdesk.domain.kinds import KINDS, FieldSpec

DEFAULT_MONTHS: Final = 24
# Free-text fields that name a place, a unit or a category, never a person: kept.
KEPT_TEXT: Final = frozenset(
    {
        "archive_ref",
        "profession",  # «Faggruppe»: a professional group, counted by the statistics
        "host_unit",
        "desired_host_unit",
        "unit_asked",
        "related_ref",
        "specialty",
        "department",
        "location",
        "offered_department",
        "offered_location",
        "supervisor_municipality",
    }
)
PURGED_TYPES: Final = frozenset({"text", "longtext", "phone", "email"})
# Free text on the case that is no field of a kind: a reason's comment (the reason's key
# is a category, kept).
PURGED_CASE_COLUMNS: Final = ("reason_comment",)


def purged_fields(kind: str) -> tuple[FieldSpec, ...]:
    """The fields of `kind` a purge empties (common ones included)."""
    return tuple(
        f for f in KINDS[kind].all_fields if f.type in PURGED_TYPES and f.name not in KEPT_TEXT
    )


def months_before(day: date, months: int) -> date:
    """`day` moved `months` back; the 31st becomes the month's last day."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def cutoffs(today: date, months: Mapping[str, int]) -> dict[str, date]:
    """Per kind: a case closed (or hidden) on or before this day is due for purge."""
    return {k: months_before(today, months.get(k, DEFAULT_MONTHS)) for k in KINDS}


def parse_months(data: Mapping[str, object]) -> dict[str, int]:
    """`[retention]` from settings.toml: months per kind; ValueError in Norwegian."""
    out = {k: DEFAULT_MONTHS for k in KINDS}
    for key, value in data.items():
        if key not in KINDS:
            raise ValueError(f"[retention]: ukjent sakstype «{key}» (gyldige: {', '.join(KINDS)}).")
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"[retention]: «{key}» må være et helt antall måneder, 1 eller mer.")
        out[key] = value
    return out
