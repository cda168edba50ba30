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
