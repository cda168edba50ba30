"""The columns of a case that the domain computes and the store keeps (DESIGN.md "Data
model"): title, due date with the key and parameters of its rule, the critical date,
whose move, open flag and the number of warning flags. Commands, bulk loaders (demo data,
import) and the demo's date shift all call `derive`, so a case is derived the same way
however it was written. Pure Python.

`due_reason` keeps the rule's sentence without anything that depends on today (for
older readers and files); what is shown is made from `due_key` + `due_params` + today
(`deadlines.describe`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from samhandlingsdesk.domain.dates import to_oslo
from samhandlingsdesk.domain.deadlines import Reminders, active_rules
from samhandlingsdesk.domain.kinds import kind_spec, make_title


def derive(
    kind: str, status: str, values: Mapping[str, Any], reminders: Reminders
) -> dict[str, Any]:
    """The derived columns of a case of `kind` in `status` with these field `values`
    (common and detail fields by name, `status_since` and `reminded_on`; dates as
    `datetime.date`)."""
    spec = kind_spec(kind)
    rules = active_rules(kind, status, values, reminders)
    first = rules[0] if rules else None
    critical = [r.on for r in rules if r.weight == "kritisk"]
    st = spec.status(status)
    return {
        "title": make_title(kind, values, values.get("party")),  # type: ignore[arg-type]
        "due_on": first.on if first else None,
        "due_reason": first.sentence if first else None,
        "due_key": first.key if first else None,
        "due_params": json.dumps(dict(first.params), sort_keys=True)
        if first and first.params
        else None,
        "critical_on": min(critical) if critical else None,
        "whose_move": st.move,
        "is_open": st.is_open,
        "flag_count": sum(1 for r in rules if r.flag),
    }


def status_dates(
    kind: str,
    status: str,
    *,
    since: date | None,
    closed: date | None,
    received: date,
    changed: datetime | None,
) -> tuple[date, date | None]:
    """A case's `status_since` and `closed_on` where no move of this desk tells them (an
    import, a case made on the desk), from what is known (DOMAIN.md «Dates that
    statistics and retention count from»): `since`/`closed` as given (a file's «Status
    siden» / «Lukket»), else the backfill's rule — in its status since `received`; a
    closed case closed on the day it entered its status, else on the day of its last
    change (`changed`, «Sist endret», the day in Oslo), else when received. An open case
    has no `closed_on`."""
    if kind_spec(kind).status(status).is_open:
        return since or received, None
    closed = closed or since or (to_oslo(changed).date() if changed else None) or received
    return since or closed, closed
