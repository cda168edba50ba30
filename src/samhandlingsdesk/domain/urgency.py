"""Which of a case's rules are *kritisk* (DOMAIN.md «Weights»): LIS1 notifications and
the LIS3 six-month confirmation — the texts say "as soon as possible" and "at the
latest". A snooze never passes such a date without the user confirming it. Pure Python.

The case's stored `critical_on` (filled by the Agenda work) wins when it is set; until
then the rules themselves give the date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from samhandlingsdesk.domain.deadlines import Reminders, active_rules, weight_of


@dataclass(frozen=True, slots=True)
class Critical:
    on: date
    sentence: str  # the rule, in words, for the confirmation


def is_kritisk(rule_key: str) -> bool:
    """Whether a rule is *kritisk* (DOMAIN.md «Weights»: the one table is `weight_of`)."""
    return weight_of(rule_key) == "kritisk"


def critical(
    kind: str,
    status: str,
    values: Mapping[str, Any],
    reminders: Reminders,
    critical_on: date | None = None,
) -> Critical | None:
    """The earliest *kritisk* date of a case and its rule, or None. A case's kritisk rules
    all fall on one date (LIS1's notices count from the event, LIS3 has one), so the first
    names a stored date too."""
    rules = [r for r in active_rules(kind, status, values, reminders) if is_kritisk(r.key)]
    if critical_on is not None:
        return Critical(critical_on, rules[0].sentence if rules else "")
    return Critical(rules[0].on, rules[0].sentence) if rules else None
