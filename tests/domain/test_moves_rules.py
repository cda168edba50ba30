"""The move dialog's rules (domain/moves.py), pinned one by one: which fields a move
shows and in which order, which of them it requires, what each starts with and the hint
beside it, what a bulk move does where the cases differ, what a move writes to each case
and what `check_move` refuses or warns about, with the exact sentences."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from samhandlingsdesk.domain import lifecycle, moves
from samhandlingsdesk.domain import timelines as tl
from samhandlingsdesk.domain.problems import REFUSE, WARN, Problem

TODAY = date(2026, 11, 23)
TOMORROW = date(2026, 11, 24)


def move(kind: str, source: str, target: str) -> lifecycle.Transition:
    t = lifecycle.find_transition(kind, source, target)
    assert t is not None
    return t


NOTIFIED = move("lis1", "varsles", "varslet")
SENT = move("hospitering", "godkjent_egen_leder", "sendt_vertsenhet")
AGREED = move("hospitering", "tilbakemeldt", "avtalt")
DECLINED = move("hospitering", "hos_egen_leder", "avslatt_egen_leder")
EVALUATED = move("hospitering", "gjennomfort", "evaluert")
DONE = move("hospitering", "pagar", "gjennomfort")
ALL = [(kind, t) for kind, ts in lifecycle.TRANSITIONS.items() for t in ts]


def triples(problems: list[Problem]) -> list[tuple[str, str, str]]:
    return [(p.field, p.code, p.message) for p in problems]


# --- the fields a move shows, in order --------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "source", "target", "names"),
    [
        # The comment first, then what the move requires, records and asks for, once each.
        (
            "hospitering",
            "hos_egen_leder",
            "avslatt_egen_leder",
            ["own_leader_comment", "own_leader_on"],
        ),
        (
            "hospitering",
            "godkjent_egen_leder",
            "sendt_vertsenhet",
            ["sent_on", "host_unit", "host_contact"],
        ),
        (
            "hospitering",
            "tilbakemeldt",
            "avtalt",
            ["agreed_from", "agreed_to", "evaluation_planned_on"],
        ),
        ("hospitering", "avtalt", "pagar", ["confidentiality_on"]),
        ("hospitering", "pagar", "gjennomfort", ["agreed_to"]),
        (
            "hospitering",
            "gjennomfort",
            "evaluert",
            ["evaluation_done_on", "evaluation_form", "evaluation_notes"],
        ),
        ("veiledning", "vurdert", "avtalt", ["agreement", "agreed_on", "planned_delivery_on"]),
        (
            "lis3",
            "bekreftet",
            "tilbudt",
            ["offered_from", "offered_to", "offered_department", "offered_location"],
        ),
        ("lis1", "mottatt", "varsles", ["notice_type"]),
        ("nettverk", "planlagt", "kunngjort", ["announced_on"]),
        ("hospitering", "mottatt", "hos_egen_leder", []),
    ],
)
def test_a_move_shows_its_fields_in_dialog_order(
    kind: str, source: str, target: str, names: list[str]
) -> None:
    assert moves.field_names(kind, move(kind, source, target), {}) == names


@pytest.mark.parametrize(
    ("values", "names"),
    [
        ({}, ["notice_type"]),
        ({"notice_type": None}, ["notice_type"]),
        ({"notice_type": "  "}, ["notice_type"]),
        ({"notice_type": "ukjent"}, []),
        ({"notice_type": "restplass"}, ["hospital_notified_on"]),
        ({"notice_type": "forsinkelse"}, ["other_party_informed_on"]),
        (
            {"notice_type": "frafall_for"},
            ["hospital_notified_on", "statsforvalter_notified_on", "statsforvalter_confirmed"],
        ),
        (
            {"notice_type": "frafall_under"},
            ["hospital_notified_on", "statsforvalter_notified_on", "statsforvalter_confirmed"],
        ),
    ],
)
def test_lis1_notified_asks_for_the_notice_type_until_it_is_chosen_then_its_notifications(
    values: dict[str, Any], names: list[str]
) -> None:
    assert moves.field_names("lis1", NOTIFIED, values) == names


def test_a_fixed_decision_is_never_one_of_the_fields_to_fill() -> None:
    for kind, t in ALL:
        decided = {name for name, _ in t.fill}
        assert not decided & set(moves.field_names(kind, t, {"notice_type": "frafall_for"}))


# --- what a move requires --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("t", "required"),
    [
        (DECLINED, {"own_leader_comment", "own_leader_on"}),
        (SENT, {"sent_on"}),
        (AGREED, {"agreed_from", "agreed_to", "evaluation_planned_on"}),
        (EVALUATED, {"evaluation_done_on"}),
        (move("hospitering", "mottatt", "hos_egen_leder"), set()),
        (move("lis1", "mottatt", "varsles"), {"notice_type"}),
    ],
)
def test_a_move_requires_the_comment_and_what_the_lifecycle_names(
    t: lifecycle.Transition, required: set[str]
) -> None:
    kind = "lis1" if t.target == "varsles" else "hospitering"
    assert moves.required_names(kind, t, {}) == required


@pytest.mark.parametrize(
    ("values", "required"),
    [
        ({}, {"notice_type"}),
        ({"notice_type": "restplass"}, {"notice_type", "hospital_notified_on"}),
        ({"notice_type": "forsinkelse"}, {"notice_type", "other_party_informed_on"}),
        (
            {"notice_type": "frafall_for"},
            {"notice_type", "hospital_notified_on", "statsforvalter_notified_on"},
        ),
        (
            {"notice_type": "frafall_under", "statsforvalter_confirmed": False},
            {"notice_type", "hospital_notified_on", "statsforvalter_notified_on"},
        ),
        (
            {"notice_type": "frafall_under", "statsforvalter_confirmed": "ja"},
            {"notice_type", "hospital_notified_on", "statsforvalter_notified_on"},
        ),
        # The confirmation stands in for the Statsforvalter's date.
        (
            {"notice_type": "frafall_under", "statsforvalter_confirmed": True},
            {"notice_type", "hospital_notified_on"},
        ),
    ],
)
def test_lis1_notified_requires_the_notifications_of_its_notice_type(
    values: dict[str, Any], required: set[str]
) -> None:
    assert moves.required_names("lis1", NOTIFIED, values) == required


# --- what each field starts with, and the hint beside it ----------------------------------------


def test_an_early_end_starts_at_today_else_the_agreed_end_and_never_the_application() -> None:
    assert moves.prefill("hospitering", DONE, "agreed_to", {"agreed_to": TOMORROW}, TODAY) == TODAY
    assert moves.prefill("hospitering", DONE, "agreed_to", {"agreed_to": TODAY}, TODAY) == TODAY
    on_time = {"agreed_to": date(2026, 11, 20), "period_to": TOMORROW}
    assert moves.prefill("hospitering", DONE, "agreed_to", on_time, TODAY) == date(2026, 11, 20)
    assert moves.prefill("hospitering", DONE, "agreed_to", {"period_to": TOMORROW}, TODAY) is None
    # On another move the agreed end is an ordinary field: the application's end fills it.
    assert moves.prefill("hospitering", AGREED, "agreed_to", {"period_to": TOMORROW}, TODAY) == (
        TOMORROW
    )


def test_a_date_the_move_records_starts_at_today_unless_the_case_has_one() -> None:
    assert moves.prefill("hospitering", SENT, "sent_on", {}, TODAY) == TODAY
    assert moves.prefill("hospitering", SENT, "sent_on", {"sent_on": " "}, TODAY) == TODAY
    own = date(2026, 11, 2)
    assert moves.prefill("hospitering", SENT, "sent_on", {"sent_on": own}, TODAY) == own
    # A field with no application value behind it starts empty.
    assert moves.prefill("hospitering", SENT, "host_contact", {"host_unit": "Kir"}, TODAY) is None


@pytest.mark.parametrize(
    ("name", "values", "hint"),
    [
        (
            "agreed_to",
            {"agreed_to": TOMORROW},
            "Avtalt slutt var 24.11.2026: skriv den faktiske slutten.",
        ),
        ("agreed_to", {"agreed_to": TODAY}, ""),
        ("agreed_to", {"agreed_to": None, "period_to": TOMORROW}, ""),
    ],
)
def test_the_early_end_hint_says_what_the_agreed_end_was(
    name: str, values: dict[str, Any], hint: str
) -> None:
    (field,) = moves.move_fields("hospitering", DONE, [("H", values)], TODAY)
    assert (field.name, field.hint) == (name, hint)


def test_the_statsforvalter_date_says_how_to_do_without_it() -> None:
    fields = moves.move_fields("lis1", NOTIFIED, [("L", {"notice_type": "frafall_for"})], TODAY)
    assert [(f.name, f.hint) for f in fields] == [
        ("hospital_notified_on", ""),
        (
            "statsforvalter_notified_on",
            "Eller velg «Ja» i «Bekreftet av kommunen» hvis du ikke kan vite datoen.",
        ),
        ("statsforvalter_confirmed", ""),
    ]


def test_a_hint_says_from_the_application_only_where_the_value_came_from_it() -> None:
    def hint(values: dict[str, Any]) -> str:
        fields = moves.move_fields("hospitering", AGREED, [("H", values)], TODAY)
        return {f.name: f.hint for f in fields}["agreed_from"]

    assert hint({"period_from": TOMORROW}) == "fra søknaden"
    assert hint({"period_from": TOMORROW, "agreed_from": TODAY}) == ""
    assert hint({"period_from": TOMORROW, "agreed_from": ""}) == "fra søknaden"
    assert hint({"period_from": None}) == ""
    assert hint({}) == ""


# --- the dialog's fields -------------------------------------------------------------------------


def test_the_fixed_decisions_come_first_with_their_value() -> None:
    t = move("hospitering", "hos_egen_leder", "godkjent_egen_leder")
    fields = moves.move_fields("hospitering", t, [("H", {})], TODAY)
    assert [(f.name, f.value, f.fixed, f.required) for f in fields] == [
        ("own_leader_decision", "innvilget", True, False),
        ("own_leader_on", TODAY, False, True),
    ]
    assert moves.move_fields("hospitering", t, [], TODAY) == fields[:1]


def test_a_bulk_field_is_required_if_any_case_requires_it_and_shown_if_any_needs_it() -> None:
    cases = [("A", {"notice_type": "frafall_for"}), ("B", {"notice_type": "forsinkelse"})]
    fields = moves.move_fields("lis1", NOTIFIED, cases, TODAY)
    assert [(f.name, f.value, f.required, f.hint, f.differs) for f in fields] == [
        ("hospital_notified_on", None, True, "", ()),
        ("statsforvalter_notified_on", None, True, "", ()),
        ("statsforvalter_confirmed", None, False, "", ()),
        ("other_party_informed_on", None, True, "", ()),
    ]


def test_a_bulk_field_that_differs_starts_empty_and_lists_each_cases_value() -> None:
    a = {"period_to": date(2027, 2, 12)}
    b = {"period_to": date(2027, 2, 19)}
    c = {"period_to": date(2027, 2, 12)}
    fields = moves.move_fields("hospitering", AGREED, [("A", a), ("B", b), ("C", c)], TODAY)
    (agreed_to,) = [f for f in fields if f.name == "agreed_to"]
    assert (agreed_to.value, agreed_to.required, agreed_to.hint) == (None, True, "")
    assert agreed_to.differs == (
        ("A", date(2027, 2, 12)),
        ("B", date(2027, 2, 19)),
        ("C", date(2027, 2, 12)),
    )
    same = moves.move_fields("hospitering", AGREED, [("A", a), ("C", c)], TODAY)
    assert [(f.name, f.value, f.differs) for f in same if f.name == "agreed_to"] == [
        ("agreed_to", date(2027, 2, 12), ())
    ]


# --- what a move writes to each case -------------------------------------------------------------


def test_a_case_gets_what_was_typed_and_where_a_differing_field_was_left_empty_its_own() -> None:
    a = {"period_from": date(2027, 2, 1), "period_to": date(2027, 2, 12)}
    b = {"period_from": date(2027, 3, 1), "period_to": date(2027, 3, 12)}
    fields = moves.move_fields("hospitering", AGREED, [("A", a), ("B", b)], TODAY)
    typed = {"agreed_from": "  ", "agreed_to": date(2027, 4, 1), "evaluation_planned_on": None}
    assert moves.case_changes("hospitering", AGREED, fields, typed, b, TODAY) == {
        "agreed_from": date(2027, 3, 1),  # differed, left empty: the case's own
        "agreed_to": date(2027, 4, 1),  # differed, typed: what was typed
        "evaluation_planned_on": None,  # the same for both, emptied: empty
    }


def test_a_differing_date_the_move_records_left_empty_is_each_cases_own_else_today() -> None:
    sent_before = {"sent_on": date(2026, 11, 2)}
    cases = [("A", sent_before), ("B", {})]
    fields = moves.move_fields("hospitering", SENT, cases, TODAY)
    assert [f.differs for f in fields if f.name == "sent_on"] == [
        (("A", date(2026, 11, 2)), ("B", TODAY))
    ]
    typed = {"sent_on": None, "host_unit": None, "host_contact": None}
    written = [moves.case_changes("hospitering", SENT, fields, typed, v, TODAY) for _, v in cases]
    assert [w["sent_on"] for w in written] == [date(2026, 11, 2), TODAY]


def test_a_differing_early_end_left_empty_is_today_where_the_stay_ended_early() -> None:
    cases = [("A", {"agreed_to": TOMORROW}), ("B", {"agreed_to": date(2026, 11, 20)})]
    fields = moves.move_fields("hospitering", DONE, cases, TODAY)
    written = [moves.case_changes("hospitering", DONE, fields, {}, v, TODAY) for _, v in cases]
    assert written == [{"agreed_to": TODAY}, {"agreed_to": date(2026, 11, 20)}]


def test_a_case_gets_no_field_only_another_case_needs() -> None:
    cases = [("A", {"notice_type": "frafall_for"}), ("B", {"notice_type": "forsinkelse"})]
    fields = moves.move_fields("lis1", NOTIFIED, cases, TODAY)
    typed = {"hospital_notified_on": TODAY, "other_party_informed_on": TODAY}
    assert moves.case_changes("lis1", NOTIFIED, fields, typed, cases[1][1], TODAY) == {
        "other_party_informed_on": TODAY
    }


# --- what a move refuses and warns about ---------------------------------------------------------


def test_each_missing_field_is_refused_at_its_place_then_the_lifecycle_says_the_whole() -> None:
    found = moves.check_move("hospitering", DECLINED, {}, {"own_leader_comment": " "}, None, TODAY)
    assert triples(found) == [
        ("own_leader_comment", "move.required", "«Kommentar (egen leder)» må fylles ut."),
        ("own_leader_on", "move.required", "«Dato (egen leder)» må fylles ut."),
        (
            "",
            "move.refused",
            "«Avslått av egen leder» krever en kommentar i «Kommentar (egen leder)».",
        ),
    ]
    assert {p.severity for p in found} == {REFUSE}
    filled = {"own_leader_comment": "Ikke nå", "own_leader_on": TODAY}
    assert moves.check_move("hospitering", DECLINED, {}, filled, None, TODAY) == []
    # What the case has already counts: only what is still missing is refused.
    assert moves.check_move("hospitering", DECLINED, filled, {}, None, TODAY) == []


def test_lis1_notified_refuses_the_missing_notifications_unless_confirmed() -> None:
    values = {"notice_type": "frafall_for"}
    found = moves.check_move("lis1", NOTIFIED, values, {}, None, TODAY)
    assert triples(found) == [
        ("hospital_notified_on", "move.required", "«Sykehuset varslet» må fylles ut."),
        ("statsforvalter_notified_on", "move.required", "«Statsforvalteren varslet» må fylles ut."),
        ("", "move.refused", "Statsforvalteren er ikke varslet. Sykehuset er ikke varslet."),
    ]
    confirmed = {"hospital_notified_on": TODAY, "statsforvalter_confirmed": True}
    assert moves.check_move("lis1", NOTIFIED, values, confirmed, None, TODAY) == []
    unsure = {"hospital_notified_on": TODAY, "statsforvalter_confirmed": False}
    assert [p.field for p in moves.check_move("lis1", NOTIFIED, values, unsure, None, TODAY)] == [
        "statsforvalter_notified_on",
        "",
    ]


def test_a_move_answers_for_the_dates_it_changes_and_what_it_says_about_the_status() -> None:
    start = move("hospitering", "avtalt", "pagar")
    stored = {"own_leader_on": TOMORROW, "agreed_from": TOMORROW}  # old bad data stays
    found = moves.check_move("hospitering", start, stored, {}, None, TODAY)
    assert [(p.field, p.code, p.severity) for p in found] == [
        ("agreed_from", tl.ONGOING_BEFORE_START, WARN),
        ("confidentiality_on", tl.ONGOING_WITHOUT_CONFIDENTIALITY, WARN),
    ]
    typed = {"confidentiality_on": TODAY, "own_leader_on": TOMORROW}
    found = moves.check_move("hospitering", start, stored, typed, None, TODAY)
    assert [(p.field, p.code) for p in found] == [
        ("own_leader_on", tl.IN_FUTURE),
        ("agreed_from", tl.ONGOING_BEFORE_START),
    ]


def test_a_move_checks_the_case_as_it_will_be_with_its_fixed_decisions() -> None:
    t = move("hospitering", "hos_egen_leder", "godkjent_egen_leder")
    # A stored or typed decision is overridden by the move's own.
    after = moves.check_move(
        "hospitering",
        t,
        {"own_leader_decision": "ikke_innvilget"},
        {"own_leader_on": TODAY, "own_leader_decision": "ikke_innvilget"},
        None,
        TODAY,
    )
    assert after == []


def test_a_move_that_needs_a_reason_is_refused_without_a_good_one() -> None:
    declined = move("veiledning", "vurdert", "avvist")
    for reason in (None, "x"):
        found = moves.check_move("veiledning", declined, {}, {}, reason, TODAY)
        assert [(p.field, p.code, p.severity) for p in found] == [("", "move.refused", REFUSE)]
    assert moves.check_move("veiledning", declined, {}, {}, "ikke_helse", TODAY) == []


def test_no_move_goes_from_a_status_into_itself() -> None:
    # So a move's timeline rules are those of a move (`moving`) whatever it came from.
    assert all(t.source != t.target for _, t in ALL)
