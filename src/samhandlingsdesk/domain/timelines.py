"""The timeline rules of DOMAIN.md «Timelines»: dates that cannot be (refused) or that
are unusual (warned), checked on every write — edits, moves, bulk moves and imports — by
the one validation in `validate.py`. Pure Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from samhandlingsdesk.domain.problems import Problem


def timeline_problems(
    kind: str,
    before_status: str | None,
    status: str,
    values: Mapping[str, Any],
    today: date,
) -> list[Problem]:
    """Problems with the dates of a case of `kind` that is (or moves) from
    `before_status` (None for a new case) to `status` with these field `values`."""
    return []
