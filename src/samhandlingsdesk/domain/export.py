"""What an export selects: the filter, its check and its record. Pure Python."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date

from samhandlingsdesk.domain.kinds import KINDS, kind_spec
from samhandlingsdesk.domain.parties import name_parts


class ExportError(Exception):
    """The export could not run; `str()` is one Norwegian sentence."""


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """What to export. Empty tuples mean "all"; dates are inclusive."""

    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # keys (or labels) of statuses
    parties: tuple[str, ...] = ()  # municipality / unit names (any part of a Sami name)
    received_from: date | None = None
    received_to: date | None = None
    changed_since: date | None = None  # content changed on or after this day (Oslo)
    since_last: bool = False  # any event after the previous export
    include_personal: bool = False  # home address and home phone

    def to_json(self) -> str:
        data = asdict(self)
        for key in ("received_from", "received_to", "changed_since"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        for key in ("kinds", "statuses", "parties"):
            data[key] = list(data[key])
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @property
    def selected_kinds(self) -> tuple[str, ...]:
        return tuple(k for k in KINDS if not self.kinds or k in self.kinds)


def resolve_statuses(kind: str, wanted: Sequence[str]) -> list[str]:
    """The status keys of `kind` named by key or label (any case)."""
    spec = kind_spec(kind)
    folded = {" ".join(w.split()).casefold() for w in wanted}
    return [
        s.key for s in spec.statuses if s.key.casefold() in folded or s.label.casefold() in folded
    ]


def party_matches(party: str, wanted: Sequence[str]) -> bool:
    """Whether a stored party name is one of `wanted`: the whole name or one part of a name
    with parallel Sami/Kven names, compared case-insensitively (æøå included)."""
    folded = {" ".join(w.split()).casefold() for w in wanted if w.strip()}
    name = " ".join(party.split()).casefold()
    return bool({name, *name_parts(name)} & folded)


def check_filter(flt: ExportFilter) -> None:
    """Refuse unknown kinds and statuses with a Norwegian sentence (ExportError)."""
    for k in flt.kinds:
        if k not in KINDS:
            raise ExportError(f"Ukjent sakstype «{k}». Gyldige: {', '.join(KINDS)}.")
    kinds = flt.kinds or tuple(KINDS)
    for s in flt.statuses:
        if not any(resolve_statuses(k, [s]) for k in kinds):
            raise ExportError(f"Ukjent status «{s}» for {', '.join(kinds)}.")
    if flt.received_from and flt.received_to and flt.received_to < flt.received_from:
        raise ExportError("«Mottatt til» kan ikke være før «Mottatt fra».")
