"""DOMAIN.md «Timelines»: each rule refused or warned as it says, with the dates."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from samhandlingsdesk.domain import timelines as tl
from samhandlingsdesk.domain.problems import REFUSE, WARN
from samhandlingsdesk.domain.timelines import timeline_problems, touched

TODAY = date(2026, 11, 23)


def codes(kind: str, before: str | None, status: str, **values: Any) -> dict[str, tuple[str, str]]:
    found = timeline_problems(kind, before, status, values, TODAY)
    return {p.field: (p.code, p.severity) for p in found}


@pytest.mark.parametrize(
    ("kind", "name"),
    [(kind, name) for kind, names in tl.HAPPENED.items() for name in names],
)
def test_what_has_happened_cannot_be_in_the_future(kind: str, name: str) -> None:
    status = {"hospitering": "mottatt", "veiledning": "mottatt", "lis1": "mottatt"}.get(
        kind, "registrert" if kind == "lis3" else "planlagt"
    )
    assert codes(kind, status, status, **{name: date(2026, 11, 24)})[name] == (
        tl.IN_FUTURE,
        REFUSE,
    )
    assert name not in codes(kind, status, status, **{name: TODAY})


def test_the_message_has_the_dates() -> None:
    (p,) = timeline_problems("hospitering", "x", "x", {"sent_on": date(2026, 12, 1)}, TODAY)
    assert p.message == (
        "«Sendt mottaker» (01.12.2026) kan ikke være etter i dag (23.11.2026): "
        "det har ikke skjedd ennå."
    )


def test_received_by_the_host_before_it_was_sent() -> None:
    found = codes(
        "hospitering",
        "sendt_vertsenhet",
        "mottatt_vertsenhet",
        sent_on=date(2026, 11, 20),
        host_received_on=date(2026, 11, 19),
    )
    assert found["host_received_on"] == (tl.HOST_RECEIVED_BEFORE_SENT, REFUSE)


def test_evaluation_against_the_agreed_period_else_the_applied_one() -> None:
    applied = {"period_from": date(2027, 2, 1), "period_to": date(2027, 2, 12)}
    before = codes("hospitering", "x", "x", evaluation_planned_on=date(2027, 1, 31), **applied)
    assert before["evaluation_planned_on"] == (tl.EVALUATION_BEFORE_START, REFUSE)
    during = codes("hospitering", "x", "x", evaluation_planned_on=date(2027, 2, 5), **applied)
    assert during["evaluation_planned_on"] == (tl.EVALUATION_BEFORE_END, WARN)
    after = codes("hospitering", "x", "x", evaluation_planned_on=date(2027, 2, 12), **applied)
    assert "evaluation_planned_on" not in after
    agreed = {"agreed_from": date(2027, 3, 1), "agreed_to": date(2027, 3, 5)}
    found = timeline_problems(
        "hospitering",
        "x",
        "x",
        {"evaluation_planned_on": date(2027, 2, 20), **applied, **agreed},
        TODAY,
    )
    assert [p.code for p in found] == [tl.EVALUATION_BEFORE_START]
    assert "01.03.2027, avtalt periode" in found[0].message


def test_lis3_planned_end_before_start() -> None:
    found = codes("lis3", "x", "x", desired_from=date(2027, 9, 1), desired_to=date(2027, 8, 1))
    assert found["desired_to"] == (tl.LIS3_END_BEFORE_START, REFUSE)


def test_network_reported_before_its_date() -> None:
    found = codes("nettverk", "gjennomfort", "rapportert", held_on=date(2026, 12, 1))
    assert found["held_on"] == (tl.NETWORK_REPORTED_BEFORE, REFUSE)
    assert not codes("nettverk", "gjennomfort", "rapportert", held_on=TODAY)


def test_ongoing_before_the_agreed_start_and_without_confidentiality_warn_on_the_move() -> None:
    values = {"agreed_from": date(2027, 2, 1), "agreed_to": date(2027, 2, 12)}
    found = codes("hospitering", "avtalt", "pagar", **values)
    assert found == {
        "agreed_from": (tl.ONGOING_BEFORE_START, WARN),
        "confidentiality_on": (tl.ONGOING_WITHOUT_CONFIDENTIALITY, WARN),
    }
    # Said on the move only, not on every later edit.
    assert codes("hospitering", "pagar", "pagar", **values) == {}
    signed = codes("hospitering", "avtalt", "pagar", confidentiality_on=TODAY, **values)
    assert "confidentiality_on" not in signed


def test_completed_before_the_agreed_end_warns() -> None:
    found = codes("hospitering", "pagar", "gjennomfort", agreed_to=date(2027, 2, 12))
    assert found == {"agreed_to": (tl.DONE_BEFORE_END, WARN)}
    assert not codes("hospitering", "pagar", "gjennomfort", agreed_to=TODAY)


def test_touched_keeps_what_a_change_answers_for() -> None:
    found = timeline_problems(
        "hospitering",
        "avtalt",
        "pagar",
        {
            "own_leader_on": date(2027, 1, 1),  # old bad data
            "agreed_from": date(2027, 2, 1),
            "period_from": date(2027, 2, 1),
            "evaluation_planned_on": date(2027, 1, 1),
        },
        TODAY,
    )
    assert {p.field for p in touched(found, ["contact_name"], moving=False)} == set()
    assert {p.field for p in touched(found, ["agreed_from"], moving=False)} == {
        "agreed_from",
        "evaluation_planned_on",
    }
    assert {p.code for p in touched(found, [], moving=True)} == {
        tl.ONGOING_BEFORE_START,
        tl.ONGOING_WITHOUT_CONFIDENTIALITY,
    }
