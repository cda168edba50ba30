"""The derived columns of a case (domain/derived.py) pinned whole: title, due date with
its rule's key, stored sentence and parameters (sorted JSON), critical date, whose move,
open flag and the number of warning flags (the status dates: test_status_dates.py)."""

from __future__ import annotations

from datetime import date

import pytest

from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.derived import derive

R = Reminders()
MON = date(2026, 3, 2)  # a Monday
SINCE = date(2026, 8, 12)


def test_a_case_without_rules() -> None:
    values = {"topic": "Samarbeid om utskrivning", "received_on": MON}
    assert derive("veiledning", "vurdert", values, R) == {
        "title": "Samarbeid om utskrivning",
        "due_on": None,
        "due_reason": None,
        "due_key": None,
        "due_params": None,
        "critical_on": None,
        "whose_move": "ours",
        "is_open": True,
        "flag_count": 0,
    }


def test_a_closed_case() -> None:
    values = {"doctor_name": "Kari Nordmann", "received_on": MON, "notice_type": "restplass"}
    assert derive("lis1", "avsluttet", values, R) == {
        "title": "Kari Nordmann",
        "due_on": None,
        "due_reason": None,
        "due_key": None,
        "due_params": None,
        "critical_on": None,
        "whose_move": "done",
        "is_open": False,
        "flag_count": 0,
    }


def test_the_party_is_in_a_veiledning_title() -> None:
    values = {"topic": "Samarbeid om utskrivning", "party": "Helse Nord", "received_on": MON}
    got = derive("veiledning", "mottatt", values, R)
    assert got["title"] == "Helse Nord: Samarbeid om utskrivning"
    assert (got["due_on"], got["due_key"], got["due_reason"], got["due_params"]) == (
        date(2026, 3, 5),
        "veiledning.not_assessed",
        "Henvendelsen er ikke vurdert",
        None,
    )


def test_a_critical_rule_is_the_critical_date_too() -> None:
    values = {"doctor_name": "Ola", "received_on": MON, "notice_type": "frafall_for"}
    assert derive("lis1", "mottatt", values, R) == {
        "title": "Ola",
        "due_on": date(2026, 3, 3),
        "due_reason": "Statsforvalteren er ikke varslet",
        "due_key": "lis1.statsforvalter_not_notified",
        "due_params": '{"notice": "frafall_for"}',
        "critical_on": date(2026, 3, 3),
        "whose_move": "ours",
        "is_open": True,
        "flag_count": 0,
    }


def test_the_parameters_are_stored_as_sorted_json() -> None:
    values = {"received_on": MON, "status_since": SINCE, "reminded_on": date(2026, 11, 23)}
    got = derive("lis3", "tilbudt", values, R)
    assert got["due_params"] == '{"reminded": "2026-11-23", "since": "2026-08-12"}'
    assert got["due_reason"] == "Venter på kandidatens svar på tilbudet siden 12.08.2026"
    assert (got["whose_move"], got["critical_on"], got["flag_count"]) == ("theirs", None, 0)


@pytest.mark.parametrize(
    ("values", "flags"),
    [
        ({"received_on": MON}, 1),
        ({"received_on": MON, "evaluation_planned_on": date(2026, 10, 5)}, 2),
        ({"received_on": MON, "confidentiality_on": MON}, 0),
    ],
)
def test_each_warning_flag_is_counted_once(values: dict[str, date], flags: int) -> None:
    assert derive("hospitering", "pagar", values, R)["flag_count"] == flags
