"""A case as the screens read it: the common facts typed, the kind's own fields by name.

`CaseRecord` replaces the two `dict[str, Any]` the store used to hand the screens: the
columns of the `case` table that every kind shares are attributes with their types
(dates are `date`, moments are aware `datetime`), and the fields of the kind's detail
table are a read-only mapping whose names are checked against `domain.kinds` when the
record is made, so a misspelt field fails where it was read, not on a screen later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from samhandlingsdesk.domain.kinds import kind_spec


class CaseRecordError(ValueError):
    """A record whose kind's fields do not match `domain.kinds` (a programming error)."""


@dataclass(frozen=True, slots=True)
class CaseRecord:
    id: str
    ref: str
    kind: str
    status: str
    version: int
    whose_move: str
    is_open: bool
    title: str
    received_on: date | None
    created_at: datetime | None
    updated_at: datetime | None
    # The common fields of the form (`CASE_FIELD_NAMES`), received_on above.
    party: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    email: str | None = None
    archive_ref: str | None = None
    tags: str | None = None
    # What the store derives and keeps beside them.
    reason: str | None = None
    reason_comment: str | None = None
    due_on: date | None = None
    due_reason: str | None = None
    due_key: str | None = None
    due_params: str | None = None
    critical_on: date | None = None
    status_since: date | None = None
    closed_on: date | None = None
    snoozed_until: date | None = None
    reminded_on: date | None = None
    flag_count: int = 0
    # The kind's own fields (its detail table), by name: read-only.
    fields: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        spec = kind_spec(self.kind)
        wanted = {f.name for f in spec.fields}
        if set(self.fields) != wanted:
            unknown = sorted(set(self.fields) - wanted)
            missing = sorted(wanted - set(self.fields))
            raise CaseRecordError(f"{self.kind}: unknown {unknown}, missing {missing}")
        if not isinstance(self.fields, MappingProxyType):
            object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))

    @classmethod
    def from_columns(cls, columns: Mapping[str, Any], kind_fields: Mapping[str, Any]) -> CaseRecord:
        """A record from parsed `case` columns (extra columns are left out) and the
        kind's parsed fields."""
        names = {f.name for f in fields(cls)} - {"fields"}
        own = {k: v for k, v in columns.items() if k in names}
        own["is_open"] = bool(own.get("is_open"))
        own["title"] = own.get("title") or ""
        own["flag_count"] = own.get("flag_count") or 0
        return cls(**own, fields=kind_fields)

    def value(self, name: str) -> Any:
        """A field of the kind's form by name, common or the kind's own."""
        if name in self.fields:
            return self.fields[name]
        return getattr(self, name)

    def values(self) -> dict[str, Any]:
        """Every field of the kind's form by name (common and the kind's own)."""
        return {
            **{f.name: getattr(self, f.name) for f in kind_spec(self.kind).all_fields if f.common},
            **self.fields,
        }
