"""Issue #13: the status dates a file gives (refused in the future, «Lukket» before
«Mottatt» or on an open case), their backfill on import, and veiledning «Planlagt levert»
(a timeline rule, and the follow-up sentence that says what it counts to)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from samhandlingsdesk.domain.deadlines import Reminders, active_rules, describe
from samhandlingsdesk.domain.derived import status_dates
from samhandlingsdesk.domain.problems import refusals
from samhandlingsdesk.domain.timelines import (
    CLOSED_BEFORE_RECEIVED,
    CLOSED_WHILE_OPEN,
    IN_FUTURE,
    PLANNED_DELIVERY_BEFORE_AGREED,
)
from samhandlingsdesk.domain.validate import validate_edit
from tests.conftest import TODAY, lis1_values, veiledning_values

RECEIVED = date(2026, 11, 2)


def codes(kind: str, status: str, values: dict, old: dict | None = None) -> set[tuple[str, str]]:
    found = validate_edit(kind, status, old or {}, values, today=TODAY)
    return {(p.field, p.code) for p in refusals(found)}


def test_status_dates_in_the_future_are_refused() -> None:
    values = lis1_values(received_on=RECEIVED, status_since=date(2026, 11, 24))
    assert ("status_since", IN_FUTURE) in codes("lis1", "mottatt", values)
    values = lis1_values(received_on=RECEIVED, closed_on=date(2026, 12, 1))
    assert ("closed_on", IN_FUTURE) in codes("lis1", "avsluttet", values)
    assert not codes("lis1", "mottatt", lis1_values(received_on=RECEIVED, status_since=TODAY))


def test_closed_before_received_or_on_an_open_case_is_refused() -> None:
    early = lis1_values(received_on=RECEIVED, closed_on=date(2026, 11, 1))
    assert codes("lis1", "avsluttet", early) == {("closed_on", CLOSED_BEFORE_RECEIVED)}
    found = validate_edit("lis1", "avsluttet", {}, early, today=TODAY)
    assert found[-1].message == (
        "«Lukket» (01.11.2026) kan ikke være før saken ble mottatt (02.11.2026)."
    )
    open_case = lis1_values(received_on=RECEIVED, closed_on=date(2026, 11, 3))
    assert codes("lis1", "varslet", open_case) == {("closed_on", CLOSED_WHILE_OPEN)}
    assert not codes("lis1", "avsluttet", {**open_case, "status_since": date(2026, 11, 3)})


def test_the_desks_own_status_dates_are_not_checked_on_an_edit() -> None:
    """A form edit of «Mottatt» does not answer for the status dates the moves set."""
    old = lis1_values(received_on=RECEIVED, status="avsluttet", closed_on=date(2026, 11, 5))
    assert not codes("lis1", "avsluttet", {"received_on": date(2026, 11, 10)}, old)


@pytest.mark.parametrize(
    ("status", "since", "closed", "changed", "expected"),
    [
        # Open: the file's date, else the day received; never a closing date.
        ("varslet", date(2026, 11, 9), None, None, (date(2026, 11, 9), None)),
        ("varslet", None, None, datetime(2026, 11, 20, 9, tzinfo=UTC), (RECEIVED, None)),
        ("varslet", None, date(2026, 11, 6), None, (RECEIVED, None)),
        ("varslet", date(2026, 11, 9), date(2026, 11, 10), None, (date(2026, 11, 9), None)),
        # Closed: the file's «Lukket»; else the day it entered its (closed) status; else
        # the day of its last change (in Oslo); else the day received.
        ("avsluttet", None, date(2026, 11, 6), None, (date(2026, 11, 6), date(2026, 11, 6))),
        ("avsluttet", date(2026, 11, 7), None, None, (date(2026, 11, 7), date(2026, 11, 7))),
        (
            "avsluttet",
            date(2026, 11, 7),
            date(2026, 11, 9),
            None,
            (date(2026, 11, 7), date(2026, 11, 9)),
        ),
        (
            "avsluttet",
            None,
            date(2026, 11, 6),
            datetime(2026, 11, 20, 9, tzinfo=UTC),  # «Lukket» wins over the last change
            (date(2026, 11, 6), date(2026, 11, 6)),
        ),
        (
            "avsluttet",
            None,
            None,
            datetime(2026, 11, 19, 23, 30, tzinfo=UTC),  # 20.11. 00:30 in Oslo
            (date(2026, 11, 20), date(2026, 11, 20)),
        ),
        ("trukket", None, None, None, (RECEIVED, RECEIVED)),
    ],
)
def test_the_backfill_rule_where_a_file_gives_no_status_dates(
    status: str,
    since: date | None,
    closed: date | None,
    changed: datetime | None,
    expected: tuple[date, date | None],
) -> None:
    got = status_dates(
        "lis1", status, since=since, closed=closed, received=RECEIVED, changed=changed
    )
    assert got == expected


# --- veiledning «Planlagt levert» ------------------------------------------------------------


def test_a_planned_delivery_before_the_agreement_is_refused() -> None:
    values = veiledning_values(
        agreement="Ett møte", agreed_on=date(2026, 11, 20), planned_delivery_on=date(2026, 11, 19)
    )
    found = refusals(validate_edit("veiledning", "avtalt", {}, values, today=TODAY))
    assert [(p.field, p.code) for p in found] == [
        ("planned_delivery_on", PLANNED_DELIVERY_BEFORE_AGREED)
    ]
    assert found[0].message == (
        "«Planlagt levert» (19.11.2026) kan ikke være før veiledningen ble avtalt (20.11.2026)."
    )
    same_day = {**values, "planned_delivery_on": date(2026, 11, 20)}
    assert not refusals(validate_edit("veiledning", "avtalt", {}, same_day, today=TODAY))
    # Moving the agreement past a planned delivery answers for it too.
    old = {**same_day, "status": "avtalt"}
    later = {"agreed_on": date(2026, 11, 23)}
    assert codes("veiledning", "avtalt", later, old) == {
        ("planned_delivery_on", PLANNED_DELIVERY_BEFORE_AGREED)
    }


def test_the_follow_up_says_whether_it_counts_to_the_planned_delivery() -> None:
    agreed = veiledning_values(agreed_on=date(2026, 11, 23))
    (rule,) = active_rules("veiledning", "avtalt", agreed, Reminders())
    assert rule.on == date(2026, 12, 14)  # 15 working days after the agreement
    assert describe(rule.key, rule.params, rule.on, date(2026, 12, 14)) == (
        "Venter på levering av veiledningen (uten planlagt dato) siden 23.11.2026 (15 virkedager)"
    )
    planned = {**agreed, "planned_delivery_on": date(2026, 12, 4)}
    (rule,) = active_rules("veiledning", "avtalt", planned, Reminders())
    assert rule.on == date(2026, 12, 4)
    assert describe(rule.key, rule.params, rule.on, TODAY) == (
        "Veiledningen er planlagt levert 04.12.2026"
    )
