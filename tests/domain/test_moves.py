"""What every move shows (issue #9): each field the lifecycle's fill, fill_today, requires
and comment name is in the dialog; prefills are the case's own value, else today for a
date the move records, else the application's value; nothing shown is left out."""

from __future__ import annotations

from datetime import date

import pytest

from samhandlingsdesk.domain import lifecycle, moves

TODAY = date(2026, 11, 23)
ALL = [t for ts in lifecycle.TRANSITIONS.values() for t in ts]
KIND_OF = {id(t): kind for kind, ts in lifecycle.TRANSITIONS.items() for t in ts}


@pytest.mark.parametrize("t", ALL, ids=lambda t: f"{t.source}->{t.target}")
def test_every_field_a_move_writes_is_shown(t: lifecycle.Transition) -> None:
    kind = KIND_OF[id(t)]
    fields = moves.move_fields(kind, t, [("X-1", {"notice_type": "frafall_for"})], TODAY)
    shown = {f.name for f in fields}
    assert {name for name, _ in t.fill} <= {f.name for f in fields if f.fixed}
    assert set(t.fill_today) | set(t.requires) <= shown
    if t.comment_field:
        assert fields[len(t.fill)].name == t.comment_field and fields[len(t.fill)].required
    for f in fields:
        if f.name in t.fill_today:
            assert f.value == TODAY and f.required


def test_prefills_from_the_case_and_the_application() -> None:
    t = lifecycle.find_transition("hospitering", "godkjent_egen_leder", "sendt_vertsenhet")
    assert t is not None
    values = {"desired_host_unit": "Medisinsk avdeling", "sent_on": date(2026, 11, 20)}
    fields = {f.name: f for f in moves.move_fields("hospitering", t, [("H", values)], TODAY)}
    assert fields["sent_on"].value == date(2026, 11, 20)  # its own, not today
    assert fields["host_unit"].value == "Medisinsk avdeling"
    assert fields["host_unit"].hint == "fra søknaden"
    assert not fields["host_unit"].required and not fields["host_contact"].required


def test_lis1_notified_asks_what_the_notice_type_needs() -> None:
    t = lifecycle.find_transition("lis1", "varsles", "varslet")
    assert t is not None

    def names(notice: str) -> list[str]:
        return [
            f.name for f in moves.move_fields("lis1", t, [("L", {"notice_type": notice})], TODAY)
        ]

    assert names("forsinkelse") == ["other_party_informed_on"]
    assert names("restplass") == ["hospital_notified_on"]
    assert names("frafall_under") == [
        "hospital_notified_on",
        "statsforvalter_notified_on",
        "statsforvalter_confirmed",
    ]


def test_bulk_fields_that_differ_start_empty_and_keep_each_case_own() -> None:
    t = lifecycle.find_transition("hospitering", "tilbakemeldt", "avtalt")
    assert t is not None
    a = {"period_from": date(2027, 2, 1), "period_to": date(2027, 2, 12)}
    b = {"period_from": date(2027, 2, 1), "period_to": date(2027, 2, 19)}
    fields = moves.move_fields("hospitering", t, [("A", a), ("B", b)], TODAY)
    by = {f.name: f for f in fields}
    assert by["agreed_from"].value == date(2027, 2, 1) and not by["agreed_from"].differs
    assert by["agreed_to"].value is None
    assert by["agreed_to"].differs == (("A", date(2027, 2, 12)), ("B", date(2027, 2, 19)))
    typed = {"agreed_from": date(2027, 2, 1), "agreed_to": None}
    assert moves.case_changes("hospitering", t, fields, typed, b, TODAY)["agreed_to"] == date(
        2027, 2, 19
    )


def _move(kind: str, source: str, target: str) -> lifecycle.Transition:
    t = lifecycle.find_transition(kind, source, target)
    assert t is not None
    return t


def test_an_early_end_shows_today_and_says_what_the_agreed_end_was() -> None:
    t = _move("hospitering", "pagar", "gjennomfort")
    later, earlier = date(2026, 12, 4), date(2026, 11, 20)

    def field(values: dict[str, object]) -> moves.MoveField:
        (f,) = [f for f in moves.move_fields("hospitering", t, [("H", values)], TODAY)]
        assert f.name == "agreed_to"
        return f

    early = field({"agreed_to": later, "period_to": date(2026, 12, 31)})
    assert (early.value, early.hint) == (
        TODAY,
        "Avtalt slutt var 04.12.2026: skriv den faktiske slutten.",
    )
    on_time = field({"agreed_to": earlier})
    assert (on_time.value, on_time.hint) == (earlier, "")
    ends_today = field({"agreed_to": TODAY})
    assert (ends_today.value, ends_today.hint) == (TODAY, "")
    unknown = field({"period_to": later})  # no agreed end: nothing to say, nothing to guess
    assert (unknown.value, unknown.hint) == (None, "")


def test_hints_say_where_a_value_came_from_and_only_then() -> None:
    t = _move("hospitering", "godkjent_egen_leder", "sendt_vertsenhet")

    def hints(values: dict[str, object]) -> dict[str, str]:
        return {f.name: f.hint for f in moves.move_fields("hospitering", t, [("H", values)], TODAY)}

    assert hints({"desired_host_unit": "Med"})["host_unit"] == "fra søknaden"
    assert hints({"desired_host_unit": "Med", "host_unit": "Kir"})["host_unit"] == ""
    assert hints({"desired_host_unit": "  "})["host_unit"] == ""
    assert hints({})["host_unit"] == ""
    assert hints({})["host_contact"] == ""  # no application value behind it
    assert hints({"desired_host_unit": "Med"})["sent_on"] == ""
    # Several cases: no hint, even where they agree (each case's value is its own).
    same = {"desired_host_unit": "Med"}
    both = moves.move_fields("hospitering", t, [("A", same), ("B", dict(same))], TODAY)
    assert [(f.name, f.value, f.hint) for f in both if f.name == "host_unit"] == [
        ("host_unit", "Med", "")
    ]
    # LIS1 «Varslet»: the Statsforvalter's date says how to do without it.
    varslet = _move("lis1", "varsles", "varslet")
    fields = moves.move_fields("lis1", varslet, [("L", {"notice_type": "frafall_for"})], TODAY)
    by = {f.name: f for f in fields}
    assert by["statsforvalter_notified_on"].hint.startswith("Eller velg «Ja» i «Bekreftet av")
    assert by["hospital_notified_on"].hint == ""


def test_a_prefill_is_the_case_then_today_then_the_application() -> None:
    t = _move("hospitering", "godkjent_egen_leder", "sendt_vertsenhet")
    app = {"desired_host_unit": "Med"}
    assert moves.prefill("hospitering", t, "host_unit", {**app, "host_unit": "Kir"}, TODAY) == (
        "Kir"
    )
    assert moves.prefill("hospitering", t, "host_unit", {**app, "host_unit": " "}, TODAY) == "Med"
    assert moves.prefill("hospitering", t, "host_unit", {}, TODAY) is None
    assert moves.prefill("hospitering", t, "sent_on", app, TODAY) == TODAY
    assert moves.prefill("hospitering", t, "host_contact", app, TODAY) is None
    avtalt = _move("hospitering", "tilbakemeldt", "avtalt")
    values = {"period_from": date(2027, 2, 1), "agreed_from": None}
    assert moves.prefill("hospitering", avtalt, "agreed_from", values, TODAY) == date(2027, 2, 1)


def test_a_move_writes_what_its_dialog_shows_and_no_more() -> None:
    t = _move("hospitering", "godkjent_egen_leder", "sendt_vertsenhet")
    values = {"desired_host_unit": "Med"}
    fields = moves.move_fields("hospitering", t, [("H", values)], TODAY)
    typed = {"sent_on": TODAY, "host_unit": "Kir", "host_contact": "", "not_shown": "x"}
    changes = moves.case_changes("hospitering", t, fields, typed, values, TODAY)
    assert changes == {"sent_on": TODAY, "host_unit": "Kir", "host_contact": ""}
    decided = _move("hospitering", "hos_egen_leder", "godkjent_egen_leder")
    fields = moves.move_fields("hospitering", decided, [("H", {})], TODAY)
    first = fields[0]
    assert (first.name, first.value, first.fixed) == (
        "own_leader_decision",
        "innvilget",
        True,
    )
    typed = {"own_leader_decision": "ikke_innvilget", "own_leader_on": TODAY}
    # The fixed decision is the move's own fill, never what was typed over it.
    assert moves.case_changes("hospitering", decided, fields, typed, {}, TODAY) == {
        "own_leader_on": TODAY
    }
