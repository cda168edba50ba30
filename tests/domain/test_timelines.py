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
    assert found["desired_to"] == (tl.END_BEFORE_START, REFUSE)


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


# --- one rule for the order of a period, with the early end as its one exception ----------


def test_a_lis3_planned_end_before_its_start_is_one_problem() -> None:
    from samhandlingsdesk.domain.validate import validate_edit

    values = {"desired_from": date(2027, 9, 1), "desired_to": date(2027, 8, 1)}
    problems = validate_edit("lis3", "registrert", {}, values, today=TODAY)
    assert [(p.field, p.code) for p in problems if p.field == "desired_to"] == [
        ("desired_to", tl.END_BEFORE_START)
    ]


def test_an_early_end_may_go_before_the_agreed_start_on_its_move_only() -> None:
    # Agreed for February; ended today, before it began: the real end goes into the period.
    ended = {"agreed_from": date(2027, 2, 1), "agreed_to": TODAY}
    assert tl.EARLY_END == {("hospitering", "gjennomfort"): "agreed_to"}
    assert codes("hospitering", "pagar", "gjennomfort", **ended) == {}
    # Anywhere else the period's end may not come before its start.
    refused = ("agreed_to", (tl.END_BEFORE_START, REFUSE))
    assert refused in codes("hospitering", "gjennomfort", "gjennomfort", **ended).items()
    assert refused in codes("hospitering", "tilbakemeldt", "avtalt", **ended).items()


def test_ended_early_names_the_agreed_end_the_move_comes_before() -> None:
    agreed = {"agreed_to": date(2027, 2, 12)}
    assert tl.early_end("hospitering", "gjennomfort") == "agreed_to"
    assert tl.early_end("hospitering", "pagar") is None
    assert tl.ended_early("hospitering", "gjennomfort", agreed, TODAY) == date(2027, 2, 12)
    assert tl.ended_early("hospitering", "gjennomfort", {"agreed_to": TODAY}, TODAY) is None
    assert tl.ended_early("hospitering", "pagar", agreed, TODAY) is None
    assert tl.ended_early("nettverk", "gjennomfort", agreed, TODAY) is None


def test_the_store_and_the_move_dialog_keep_the_early_end() -> None:
    from samhandlingsdesk.domain import lifecycle, moves
    from samhandlingsdesk.domain.validate import validate_move

    stored = {"agreed_from": date(2027, 2, 1), "agreed_to": date(2027, 2, 12)}
    t = lifecycle.find_transition("hospitering", "pagar", "gjennomfort")
    assert t is not None
    (field,) = moves.move_fields("hospitering", t, [("H", stored)], TODAY)
    assert (field.name, field.value) == ("agreed_to", TODAY)
    assert field.hint == "Avtalt slutt var 12.02.2027: skriv den faktiske slutten."
    assert moves.check_move("hospitering", t, stored, {"agreed_to": TODAY}, None, TODAY) == []
    writes, problems = validate_move(
        "hospitering", "pagar", "gjennomfort", stored, {"agreed_to": TODAY}, None, today=TODAY
    )
    assert (writes["agreed_to"], problems) == (TODAY, [])
    # Keeping the agreed end: warned, then allowed.
    kept = moves.check_move("hospitering", t, stored, {}, None, TODAY)
    assert [(p.field, p.code, p.severity) for p in kept] == [
        ("agreed_to", tl.DONE_BEFORE_END, WARN)
    ]


def test_the_move_dialog_refuses_an_agreed_end_before_the_agreed_start() -> None:
    from samhandlingsdesk.domain import lifecycle, moves

    t = lifecycle.find_transition("hospitering", "tilbakemeldt", "avtalt")
    assert t is not None
    changes = {
        "agreed_from": date(2027, 2, 12),
        "agreed_to": date(2027, 2, 1),
        "evaluation_planned_on": date(2027, 2, 12),
    }
    found = moves.check_move("hospitering", t, {}, changes, None, TODAY)
    assert [(p.field, p.code) for p in found] == [("agreed_to", tl.END_BEFORE_START)]
