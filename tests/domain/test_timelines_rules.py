"""DOMAIN.md «Timelines», rule by rule: which dates are refused or warned about, on which
field, with which exact sentence, and where each rule's boundary lies (the day before,
the day itself, the day after). `touched`: which problems a change answers for."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from samhandlingsdesk.domain import timelines as tl
from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.problems import REFUSE, WARN, Problem

TODAY = date(2026, 11, 23)
YESTERDAY, TOMORROW = date(2026, 11, 22), date(2026, 11, 24)


def found(kind: str, values: dict[str, Any], before: str = "x", status: str = "x") -> list[Problem]:
    return tl.timeline_problems(kind, before, status, values, TODAY)


def triples(problems: list[Problem]) -> list[tuple[str, str, str]]:
    return [(p.field, p.code, p.severity) for p in problems]


def said(p: Problem) -> tuple[str, str, str, str]:
    """All a problem says: where, which rule, how severe and the sentence."""
    return (p.field, p.code, p.severity, p.message)


# --- dates read from the values -----------------------------------------------------------


def test_a_stay_is_the_agreed_period_else_the_applied_one() -> None:
    applied = {"period_from": date(2027, 2, 1), "period_to": date(2027, 2, 12)}
    assert tl.stay(applied) == (date(2027, 2, 1), date(2027, 2, 12), "søkt periode")
    assert tl.stay({}) == (None, None, "søkt periode")
    # Either end of the agreed period makes it the agreed one.
    agreed_start = {**applied, "agreed_from": date(2027, 3, 1)}
    assert tl.stay(agreed_start) == (date(2027, 3, 1), None, "avtalt periode")
    agreed_end = {**applied, "agreed_to": date(2027, 3, 5)}
    assert tl.stay(agreed_end) == (None, date(2027, 3, 5), "avtalt periode")


def test_a_timestamp_counts_as_its_day_and_text_is_no_date() -> None:
    stamped = {"agreed_from": datetime(2027, 3, 1, 8, 30), "agreed_to": "2027-03-05"}
    assert tl.stay(stamped) == (date(2027, 3, 1), None, "avtalt periode")
    assert tl.stay({"agreed_from": "2027-03-01"}) == (None, None, "søkt periode")
    late = found("veiledning", {"agreed_on": datetime(2026, 11, 24, 0, 1)})
    assert [p.message for p in late] == [
        "«Avtalt dato» (24.11.2026) kan ikke være etter i dag (23.11.2026): "
        "det har ikke skjedd ennå."
    ]


# --- what has happened is not in the future -------------------------------------------------


@pytest.mark.parametrize("kind", sorted(tl.HAPPENED))
def test_received_tomorrow_is_refused_today_and_yesterday_are_not(kind: str) -> None:
    assert triples(found(kind, {"received_on": TOMORROW})) == [
        ("received_on", tl.IN_FUTURE, REFUSE)
    ]
    assert found(kind, {"received_on": TODAY}) == []
    assert found(kind, {"received_on": YESTERDAY}) == []


def test_every_kind_says_what_has_happened() -> None:
    assert set(tl.HAPPENED) == set(KINDS)


# --- the end of a period is not before its start ---------------------------------------------


def test_a_kind_has_both_dates_of_a_period_or_neither() -> None:
    for spec in KINDS.values():
        names = {f.name for f in spec.fields}
        for start, end in tl.DATE_PAIRS:
            assert (start in names) == (end in names), (spec.key, start, end)


@pytest.mark.parametrize(
    ("kind", "start", "end", "message"),
    [
        (
            "hospitering",
            "period_from",
            "period_to",
            "«Periode til» (31.01.2027) kan ikke være før «Periode fra» (01.02.2027).",
        ),
        (
            "lis3",
            "offered_from",
            "offered_to",
            "«Tilbudt til» (31.01.2027) kan ikke være før «Tilbudt fra» (01.02.2027).",
        ),
    ],
)
def test_an_end_before_its_start_is_refused_at_the_end(
    kind: str, start: str, end: str, message: str
) -> None:
    start_on = date(2027, 2, 1)
    before = found(kind, {start: start_on, end: date(2027, 1, 31)})
    assert triples(before) == [(end, tl.END_BEFORE_START, REFUSE)]
    assert before[0].message == message
    assert found(kind, {start: start_on, end: start_on}) == []  # one day is a period
    assert found(kind, {start: start_on}) == []
    assert found(kind, {end: date(2027, 1, 31)}) == []


def test_another_kinds_period_in_the_values_is_no_concern() -> None:
    reversed_lis1 = {"hospital_from": date(2027, 2, 1), "hospital_to": date(2027, 1, 1)}
    assert tl.pair_problems("hospitering", reversed_lis1) == []
    assert triples(tl.pair_problems("lis1", reversed_lis1)) == [
        ("hospital_to", tl.END_BEFORE_START, REFUSE)
    ]


def test_the_field_an_early_end_is_written_to_is_exempt_and_only_that_one() -> None:
    values = {
        "agreed_from": date(2027, 2, 1),
        "agreed_to": date(2027, 1, 1),
        "period_from": date(2027, 2, 1),
        "period_to": date(2027, 1, 1),
    }
    assert [p.field for p in tl.pair_problems("hospitering", values)] == ["period_to", "agreed_to"]
    assert [p.field for p in tl.pair_problems("hospitering", values, early="agreed_to")] == [
        "period_to"
    ]


# --- things that happen in order --------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "first", "then", "code", "message"),
    [
        (
            "hospitering",
            "sent_on",
            "host_received_on",
            tl.HOST_RECEIVED_BEFORE_SENT,
            "«Mottatt av vertsenhet» (19.11.2026) kan ikke være før søknaden ble sendt "
            "vertsenheten (20.11.2026).",
        ),
        (
            "veiledning",
            "agreed_on",
            "planned_delivery_on",
            tl.PLANNED_DELIVERY_BEFORE_AGREED,
            "«Planlagt levert» (19.11.2026) kan ikke være før veiledningen ble avtalt "
            "(20.11.2026).",
        ),
    ],
)
def test_what_comes_after_cannot_come_before(
    kind: str, first: str, then: str, code: str, message: str
) -> None:
    first_on = date(2026, 11, 20)
    early = found(kind, {first: first_on, then: date(2026, 11, 19)})
    assert triples(early) == [(then, code, REFUSE)]
    assert early[0].message == message
    assert found(kind, {first: first_on, then: first_on}) == []  # the same day is in order
    assert found(kind, {first: first_on, then: date(2026, 11, 21)}) == []
    assert found(kind, {then: date(2026, 11, 19)}) == []
    assert found(kind, {first: first_on}) == []


def test_an_order_rule_is_its_own_kinds_only() -> None:
    sent_after = {"sent_on": date(2026, 11, 20), "host_received_on": date(2026, 11, 19)}
    agreed_after = {"agreed_on": date(2026, 11, 20), "planned_delivery_on": date(2026, 11, 19)}
    assert tl.order_problems("veiledning", sent_after) == []
    assert tl.order_problems("hospitering", agreed_after) == []


# --- the evaluation of a hospitering ----------------------------------------------------------

APPLIED = {"period_from": date(2027, 2, 1), "period_to": date(2027, 2, 12)}


@pytest.mark.parametrize(
    ("planned", "expected"),
    [
        (
            date(2027, 1, 31),
            (
                tl.EVALUATION_BEFORE_START,
                REFUSE,
                "«Evaluering planlagt» (31.01.2027) kan ikke være før oppholdet starter "
                "(01.02.2027, søkt periode).",
            ),
        ),
        (
            date(2027, 2, 1),
            (
                tl.EVALUATION_BEFORE_END,
                WARN,
                "«Evaluering planlagt» (01.02.2027) er før oppholdet slutter "
                "(12.02.2027, søkt periode). Er det riktig?",
            ),
        ),
        (
            date(2027, 2, 11),
            (
                tl.EVALUATION_BEFORE_END,
                WARN,
                "«Evaluering planlagt» (11.02.2027) er før oppholdet slutter "
                "(12.02.2027, søkt periode). Er det riktig?",
            ),
        ),
        (date(2027, 2, 12), None),
    ],
)
def test_an_evaluation_planned_before_the_stay_starts_or_ends(
    planned: date, expected: tuple[str, str, str] | None
) -> None:
    problems = found("hospitering", {**APPLIED, "evaluation_planned_on": planned})
    assert [(p.code, p.severity, p.message) for p in problems] == ([expected] if expected else [])
    assert all(p.field == "evaluation_planned_on" for p in problems)


def test_an_evaluation_against_half_a_period() -> None:
    def codes(**values: date) -> list[str]:
        return [p.code for p in found("hospitering", values)]

    start_only = {"agreed_from": date(2027, 3, 1)}
    assert codes(evaluation_planned_on=date(2027, 2, 28), **start_only) == [
        tl.EVALUATION_BEFORE_START
    ]
    assert codes(evaluation_planned_on=date(2027, 3, 1), **start_only) == []
    end_only = {"agreed_to": date(2027, 3, 5)}
    assert codes(evaluation_planned_on=date(2027, 3, 4), **end_only) == [tl.EVALUATION_BEFORE_END]
    assert codes(**APPLIED) == []  # no evaluation planned: nothing to say
    (agreed,) = found(
        "hospitering", {**APPLIED, **end_only, "evaluation_planned_on": date(2027, 3, 4)}
    )
    assert agreed.message.endswith("(05.03.2027, avtalt periode). Er det riktig?")


# --- the rules of a move into a status -------------------------------------------------------

AGREED = {"agreed_from": date(2027, 2, 1), "agreed_to": date(2027, 2, 12)}
SIGNED = {"confidentiality_on": YESTERDAY}


@pytest.mark.parametrize(
    ("kind", "move", "values", "expected"),
    [
        (
            "hospitering",
            ("avtalt", "pagar"),
            {**AGREED, **SIGNED},
            (
                "agreed_from",
                tl.ONGOING_BEFORE_START,
                WARN,
                "Hospiteringen settes i gang før avtalt start (01.02.2027); i dag er "
                "23.11.2026. Er det riktig?",
            ),
        ),
        (
            "hospitering",
            ("avtalt", "pagar"),
            {},
            (
                "confidentiality_on",
                tl.ONGOING_WITHOUT_CONFIDENTIALITY,
                WARN,
                "Taushetserklæringen er ikke registrert. Hospiteringen kan starte, men husk "
                "å få den signert.",
            ),
        ),
        (
            "hospitering",
            ("pagar", "gjennomfort"),
            {"agreed_to": TOMORROW},
            (
                "agreed_to",
                tl.DONE_BEFORE_END,
                WARN,
                "Hospiteringen avsluttes før avtalt slutt (24.11.2026); i dag er 23.11.2026. "
                "Er det riktig?",
            ),
        ),
        (
            "nettverk",
            ("gjennomfort", "rapportert"),
            {"held_on": TOMORROW},
            (
                "held_on",
                tl.NETWORK_REPORTED_BEFORE,
                REFUSE,
                "Aktiviteten kan ikke rapporteres før den er holdt (24.11.2026); "
                "i dag er 23.11.2026.",
            ),
        ),
    ],
)
def test_a_move_into_a_status_says_what_is_odd_about_its_dates(
    kind: str, move: tuple[str, str], values: dict[str, Any], expected: tuple[str, ...]
) -> None:
    assert [said(p) for p in found(kind, values, *move)] == [expected]


def test_ongoing_before_the_agreed_start_is_from_the_day_before_it() -> None:
    def start(agreed_from: date) -> list[Problem]:
        return found("hospitering", {"agreed_from": agreed_from, **SIGNED}, "avtalt", "pagar")

    assert [p.code for p in start(TOMORROW)] == [tl.ONGOING_BEFORE_START]
    assert start(TODAY) == []
    assert start(YESTERDAY) == []
    assert found("hospitering", SIGNED, "avtalt", "pagar") == []


def test_ongoing_without_a_confidentiality_date_is_warned_on_that_move_only() -> None:
    assert found("hospitering", {}, "pagar", "pagar") == []  # an edit of an ongoing stay
    assert found("hospitering", {}, "pagar", "gjennomfort") == []  # another move
    assert found("hospitering", {**AGREED}, "x", "pagar")[-1].field == "confidentiality_on"
    assert found("nettverk", {}, "x", "pagar") == []  # a hospitering's rule only


def test_completed_before_the_agreed_end_is_warned_on_the_move_only() -> None:
    assert found("hospitering", {"agreed_to": TOMORROW}, "gjennomfort", "gjennomfort") == []
    assert found("hospitering", {"agreed_to": TODAY}, "pagar", "gjennomfort") == []


def test_ended_early_is_the_agreed_end_after_today_only() -> None:
    def ended(value: object) -> date | None:
        return tl.ended_early("hospitering", "gjennomfort", {"agreed_to": value}, TODAY)

    assert ended(TOMORROW) == TOMORROW
    assert ended(TODAY) is None
    assert ended(YESTERDAY) is None
    assert ended(None) is None
    assert ended(datetime(2026, 11, 24, 12, 0)) == TOMORROW


def test_a_network_is_reported_after_it_was_held() -> None:
    assert found("nettverk", {"held_on": TODAY}, "gjennomfort", "rapportert") == []
    assert found("nettverk", {}, "gjennomfort", "rapportert") == []
    # Held in the future is the plan until the network is reported.
    assert found("nettverk", {"held_on": TOMORROW}, "planlagt", "gjennomfort") == []
    assert found("nettverk", {"held_on": TOMORROW}, "rapportert", "rapportert") != []


def test_a_network_rule_is_not_another_kinds() -> None:
    assert found("veiledning", {"held_on": TOMORROW}, "levert", "rapportert") == []


# --- the status dates a file gives ------------------------------------------------------------


def status_found(status: str, received: date | None, **given: date) -> list[Problem]:
    return tl.status_date_problems("hospitering", status, given, received, TODAY)


def test_status_dates_in_the_future_are_refused_with_their_labels() -> None:
    problems = status_found("trukket", None, status_since=TOMORROW, closed_on=TOMORROW)
    assert [(p.field, p.code, p.message) for p in problems] == [
        (
            "status_since",
            tl.IN_FUTURE,
            "«Status siden» (24.11.2026) kan ikke være etter i dag (23.11.2026): "
            "det har ikke skjedd ennå.",
        ),
        (
            "closed_on",
            tl.IN_FUTURE,
            "«Lukket» (24.11.2026) kan ikke være etter i dag (23.11.2026): "
            "det har ikke skjedd ennå.",
        ),
    ]
    assert status_found("trukket", None, status_since=TODAY, closed_on=TODAY) == []


def test_closed_on_an_open_case_is_refused_whatever_it_was_received() -> None:
    (open_case,) = status_found("mottatt", date(2026, 11, 2), closed_on=date(2026, 11, 1))
    assert said(open_case) == (
        "closed_on",
        tl.CLOSED_WHILE_OPEN,
        REFUSE,
        "«Lukket» (01.11.2026) fylles bare ut for en lukket sak; status er «Mottatt».",
    )
    assert status_found("mottatt", None) == []
    assert status_found("mottatt", None, status_since=YESTERDAY) == []


def test_closed_before_received_is_refused_and_the_same_day_is_not() -> None:
    received = date(2026, 11, 2)
    (early,) = status_found("trukket", received, closed_on=date(2026, 11, 1))
    assert said(early) == (
        "closed_on",
        tl.CLOSED_BEFORE_RECEIVED,
        REFUSE,
        "«Lukket» (01.11.2026) kan ikke være før saken ble mottatt (02.11.2026).",
    )
    assert status_found("trukket", received, closed_on=received) == []
    assert status_found("trukket", None, closed_on=date(2026, 11, 1)) == []
    assert status_found("trukket", received) == []


# --- what a change answers for ----------------------------------------------------------------


def problem(field: str, code: str = "any") -> Problem:
    return Problem(field, code, "", REFUSE)


@pytest.mark.parametrize(
    ("changed", "answers_for"),
    [
        ("agreed_from", {"agreed_from", "agreed_to", "evaluation_planned_on"}),
        ("agreed_to", {"agreed_to", "evaluation_planned_on"}),
        ("period_from", {"period_from", "period_to", "evaluation_planned_on"}),
        ("period_to", {"period_to", "evaluation_planned_on"}),
        ("sent_on", {"sent_on", "host_received_on"}),
        ("agreed_on", {"agreed_on", "planned_delivery_on"}),
        ("desired_from", {"desired_from", "desired_to"}),
        ("offered_from", {"offered_from", "offered_to"}),
        ("host_received_on", {"host_received_on"}),
        ("evaluation_planned_on", {"evaluation_planned_on"}),
        ("contact_name", set()),
    ],
)
def test_a_change_answers_for_its_fields_and_what_is_measured_against_them(
    changed: str, answers_for: set[str]
) -> None:
    fields = [
        "agreed_from",
        "agreed_to",
        "period_from",
        "period_to",
        "evaluation_planned_on",
        "sent_on",
        "host_received_on",
        "agreed_on",
        "planned_delivery_on",
        "desired_from",
        "desired_to",
        "offered_from",
        "offered_to",
    ]
    kept = tl.touched([problem(f) for f in fields], [changed], moving=False)
    assert {p.field for p in kept} == answers_for


@pytest.mark.parametrize("code", sorted(tl.STATUS_CODES))
def test_a_move_answers_for_what_it_says_about_the_status(code: str) -> None:
    about_status = problem("agreed_from", code)
    assert tl.touched([about_status], [], moving=True) == [about_status]
    assert tl.touched([about_status], [], moving=False) == []
    # A date's own problem stays with that date, move or not.
    assert tl.touched([problem("agreed_from", tl.IN_FUTURE)], [], moving=True) == []
