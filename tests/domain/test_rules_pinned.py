"""Rules of domain/ that only tests of other layers reached (the mutation run of
benchmarks/mutation.py found them untested by the domain tests): pinned here directly,
with the cases that tell a correct rule from a near miss."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from samhandlingsdesk.domain.convert import veiledning_from_hospitering
from samhandlingsdesk.domain.kinds import default_direction
from samhandlingsdesk.domain.presentation import SOON_DAYS, badge
from samhandlingsdesk.domain.refs import Ref, make_ref, parse_ref

TODAY = date(2026, 11, 23)

# --- a hospitering about one patient becomes veiledning ------------------------------------


def test_a_hospitering_becomes_the_veiledning_it_asks_for() -> None:
    case = {
        "party": "Skien kommune",
        "contact_name": "Ola Kontakt",
        "contact_phone": "41234567",
        "email": "ola@example.org",
        "archive_ref": "26/123",
    }
    detail = {
        "direction": "til_sykehus",
        "theme_goals": "  Sår-\nbehandling   i  hjemmet ",
        "desired_host_unit": "Kirurgisk avdeling",
        "applicant_name": "Kari Søker",
        "workplace_phone": "35000000",
        "home_address": "Storgata 1",
    }
    assert veiledning_from_hospitering(case, detail, "H-2026-0007", TODAY) == {
        "received_on": TODAY,
        "party": "Skien kommune",
        "contact_name": "Ola Kontakt",
        "contact_phone": "41234567",
        "email": "ola@example.org",
        "archive_ref": "26/123",
        "direction": "hf_til_kommune",  # staff going to the hospital: the hospital guides
        "topic": "Sår- behandling i hjemmet",
        "unit_asked": "Kirurgisk avdeling",
        "scope": "en_pasient",
        "related_ref": "H-2026-0007",
    }


def test_a_converted_case_falls_back_to_the_applicant_and_a_plain_topic() -> None:
    detail: dict[str, Any] = {
        "direction": "til_kommune",
        "applicant_name": "Kari Søker",
        "workplace_phone": "35000000",
    }
    made = veiledning_from_hospitering({}, detail, "H-2026-0008", TODAY)
    assert made["direction"] == "kommune_til_hf"
    assert (made["contact_name"], made["contact_phone"]) == ("Kari Søker", "35000000")
    assert made["topic"] == "Veiledning"
    assert made["party"] is None and made["email"] is None and made["unit_asked"] is None
    assert "home_address" not in made  # the home address stays behind
    long = veiledning_from_hospitering({}, {"theme_goals": "ord " * 100}, "H-2026-0009", TODAY)
    assert len(long["topic"]) == 200 and long["topic"].startswith("ord ord")
    assert long["direction"] == "kommune_til_hf"  # no direction: as to the municipality


# --- the usual direction of a new case ------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "side", "expected"),
    [
        ("hospitering", "kommune", "til_sykehus"),
        ("hospitering", "helseforetak", "til_kommune"),
        ("hospitering", None, None),
        ("hospitering", "annet", None),
        ("veiledning", "kommune", "kommune_til_hf"),
        ("veiledning", "helseforetak", "hf_til_kommune"),
        ("veiledning", None, None),
        ("lis1", "kommune", None),
        ("lis3", "helseforetak", None),
        ("nettverk", "kommune", None),
    ],
)
def test_the_usual_direction_follows_the_side(kind: str, side: str | None, expected: str) -> None:
    assert default_direction(kind, side) == expected


# --- refs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("H-2026-0042", Ref("hospitering", 2026, 42)),
        ("V-2025-0001", Ref("veiledning", 2025, 1)),
        ("L1-2026-9999", Ref("lis1", 2026, 9999)),
        ("L3-2026-10000", Ref("lis3", 2026, 10000)),
        ("N-2030-0100", Ref("nettverk", 2030, 100)),
    ],
)
def test_a_ref_as_the_desk_writes_it_is_read(text: str, expected: Ref) -> None:
    assert parse_ref(text) == expected
    assert make_ref(text.split("-")[0], expected.year, expected.seq) == text


@pytest.mark.parametrize(
    "text",
    [None, "", "H-2026-42", "H-2026-00042", "h-2026-0042", "X-2026-0042", "H-26-0042",
     "H-2026-0042 ", " H-2026-0042", "H2026-0042", "L2-2026-0001", "H-2026-004a"],
)  # fmt: skip
def test_anything_else_is_not_a_ref(text: str | None) -> None:
    assert parse_ref(text) is None


# --- badges ----------------------------------------------------------------------------------


def _badge(**over: Any) -> str:
    values: dict[str, Any] = {
        "is_open": True,
        "snoozed_until": None,
        "due_on": None,
        "flag_count": 0,
        "today": TODAY,
    }
    return badge(**(values | over))


def test_the_badge_says_the_most_pressing_thing() -> None:
    day = timedelta(days=1)
    assert SOON_DAYS == 3
    assert _badge() == ""
    assert _badge(due_on=TODAY - day) == "overdue"
    assert _badge(due_on=TODAY) == "today"
    assert _badge(due_on=TODAY + day) == "soon"
    assert _badge(due_on=TODAY + SOON_DAYS * day) == "soon"
    assert _badge(due_on=TODAY + (SOON_DAYS + 1) * day) == ""
    assert _badge(due_on=TODAY + (SOON_DAYS + 1) * day, flag_count=2) == "flag"
    assert _badge(flag_count=1) == "flag"
    # A follow-up (oppfølging) that has come is «følg opp», not overdue; before, as any.
    assert _badge(due_on=TODAY, weight="oppfolging") == "followup"
    assert _badge(due_on=TODAY - day, weight="oppfolging") == "followup"
    assert _badge(due_on=TODAY + day, weight="oppfolging") == "soon"
    assert _badge(due_on=TODAY - day, weight="frist") == "overdue"
    # Critical beats dates; snoozed (to a later day) beats critical; closed says nothing.
    assert _badge(due_on=TODAY - day, critical=True) == "critical"
    assert _badge(snoozed_until=TODAY + day, critical=True, due_on=TODAY) == "snoozed"
    assert _badge(snoozed_until=TODAY, due_on=TODAY - day) == "overdue"  # its day has come
    assert _badge(is_open=False, due_on=TODAY - day, critical=True, flag_count=3) == ""
