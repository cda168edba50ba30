"""A problem found by a rule: which field, which rule (a stable code), how severe, and
the Norwegian sentence to show. Every rule of the domain returns these; forms, dialogs,
the store and imports act on `severity` and `code`, never on the wording. Pure Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["refuse", "warn"]
REFUSE: Severity = "refuse"
WARN: Severity = "warn"


@dataclass(frozen=True, slots=True)
class Problem:
    field: str  # the field the user must change ("" for the case as a whole)
    code: str  # stable key of the rule, e.g. "required", "end_before_start"
    message: str  # Norwegian, for the user
    severity: Severity = REFUSE

    @property
    def refuses(self) -> bool:
        return self.severity == REFUSE


def refusals(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == REFUSE]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == WARN]


def by_field(problems: Iterable[Problem]) -> dict[str, str]:
    """Field -> the first message for it (refusals before warnings)."""
    out: dict[str, str] = {}
    for p in sorted(problems, key=lambda p: p.severity != REFUSE):
        out.setdefault(p.field, p.message)
    return out
