"""The five kinds as data (domain/kinds.py): the shared fields of a case, the title a list
shows, the labels of statuses and choices, and the lookups that refuse an unknown name."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from samhandlingsdesk.domain.kinds import (
    CASE_FIELD_NAMES,
    G_CASE,
    KINDS,
    FieldSpec,
    kind_spec,
    make_title,
    status_label,
)

# --- the common fields (the `case` table) ---------------------------------------------------

# name, label (None: the kind's party label), type, required, searchable
COMMON: tuple[tuple[str, str | None, str, bool, bool], ...] = (
    ("received_on", "Mottatt", "date", True, False),
    ("party", None, "party", False, True),
    ("contact_name", "Kontaktperson", "text", False, True),
    ("contact_phone", "Telefon", "phone", False, True),
    ("email", "E-post", "email", False, True),
    ("archive_ref", "Arkivnummer", "text", False, True),
    ("tags", "Stikkord", "text", False, True),
)

PARTY_LABELS = {
    "hospitering": "Søkers kommune / enhet",
    "veiledning": "Part som ber om veiledning",
    "lis1": "Kommune",
    "lis3": "Kommune",
    "nettverk": "Eier (part)",
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_shares_the_common_fields_with_its_own_party_label(kind: str) -> None:
    spec = kind_spec(kind)
    expected = tuple(
        FieldSpec(
            name,
            label or PARTY_LABELS[kind],
            type_,  # type: ignore[arg-type]
            G_CASE,
            required=required,
            common=True,
            searchable=searchable,
        )
        for name, label, type_, required, searchable in COMMON
    )
    common = tuple(f for f in spec.all_fields if f.common)
    assert common == expected
    assert spec.all_fields[: len(COMMON)] == expected  # the common fields come first
    assert all(f.direction == "past" and not f.personal and not f.choices for f in common)
    assert tuple(name for name, *_ in COMMON) == CASE_FIELD_NAMES


# --- the title a list shows -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "details", "party", "title"),
    [
        ("hospitering", {"applicant_name": "  Kari Søker "}, "Bodø kommune", "Kari Søker"),
        ("hospitering", {"applicant_name": None}, "Bodø kommune", ""),
        ("lis1", {"doctor_name": "Ola Lege"}, None, "Ola Lege"),
        ("lis3", {"doctor_name": "Per Lege"}, "Vefsn kommune", "Per Lege"),
        # veiledning: the party's first name, a colon, the topic
        ("veiledning", {"topic": "Sårstell"}, "Bodø kommune", "Bodø kommune: Sårstell"),
        (
            "veiledning",
            {"topic": "Sårstell"},
            "Gáivuotna - Kåfjord - Kaivuono",
            "Gáivuotna: Sårstell",
        ),
        ("veiledning", {"topic": "Sårstell"}, None, "Sårstell"),
        ("veiledning", {"topic": "Sårstell"}, "  ", "Sårstell"),
        ("veiledning", {"topic": None}, "Bodø kommune", "Bodø kommune"),
        ("veiledning", {}, None, ""),
        # at most six words of the topic ...
        ("veiledning", {"topic": "en to tre fire fem seks"}, None, "en to tre fire fem seks"),
        ("veiledning", {"topic": "en to tre fire fem seks sju"}, None, "en to tre fire fem seks"),
        ("veiledning", {"topic": " en\n to  tre "}, None, "en to tre"),
        # ... and at most 40 characters: 39 and an ellipsis, no space before it
        ("veiledning", {"topic": "a" * 40}, None, "a" * 40),
        ("veiledning", {"topic": "a" * 41}, None, "a" * 39 + "…"),
        ("veiledning", {"topic": "a" * 38 + " bbbbbb"}, None, "a" * 38 + "…"),
        ("veiledning", {"topic": "a" * 41}, "Bodø kommune", "Bodø kommune: " + "a" * 39 + "…"),
        # nettverk: the network's name and the date it is held
        (
            "nettverk",
            {"network_name": "Fagnettverk demens", "held_on": date(2026, 3, 5)},
            None,
            "Fagnettverk demens 05.03.2026",
        ),
        ("nettverk", {"network_name": None, "held_on": date(2026, 3, 5)}, None, "05.03.2026"),
        ("nettverk", {"network_name": "Fagdag", "held_on": None}, None, "Fagdag"),
        ("nettverk", {"network_name": "Fagdag", "held_on": "2026-03-05"}, None, "Fagdag"),
        ("nettverk", {"network_name": "Fagdag"}, None, "Fagdag"),
    ],
)
def test_the_list_title_of_each_kind(
    kind: str, details: dict[str, Any], party: str | None, title: str
) -> None:
    assert make_title(kind, details, party) == title


def test_a_title_for_an_unknown_kind_is_refused() -> None:
    with pytest.raises(KeyError, match="ukjent sakstype 'nei'"):
        make_title("nei", {}, None)


# --- labels ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "status", "label"),
    [
        ("hospitering", "godkjent_egen_leder", "Godkjent av egen leder"),
        ("veiledning", "avtalt", "Avtalt"),
        ("lis3", "i_ko", "I kø"),
        ("lis1", "i_ko", "i_ko"),  # a status of another kind is shown as it is
        ("nettverk", "", ""),
        ("ingen", "mottatt", "mottatt"),  # and so is one of an unknown kind
    ],
)
def test_a_status_is_shown_by_its_label_or_as_it_is(kind: str, status: str, label: str) -> None:
    assert status_label(kind, status) == label


def test_a_choice_is_shown_by_its_label_or_as_it_is() -> None:
    direction = kind_spec("hospitering").field("direction")
    assert direction.choice_label("til_kommune") == "Til kommunen"
    assert direction.choice_label("til_sykehus") == "Til sykehuset"
    assert direction.choice_label("ukjent") == "ukjent"
    assert direction.choice_label("") == ""
    assert direction.choice_label(None) == ""
    assert FieldSpec("x", "X").choice_label(None) == ""


def test_lookups_refuse_an_unknown_name_and_say_which() -> None:
    spec = kind_spec("lis1")
    assert spec.status("varslet").label == "Varslet"
    assert spec.field("notice_type").label == "Type varsel"
    assert spec.field("party").label == "Kommune"  # a common field too
    with pytest.raises(KeyError, match="lis1: ukjent status 'i_ko'"):
        spec.status("i_ko")
    with pytest.raises(KeyError, match="lis1: ukjent felt 'topic'"):
        spec.field("topic")
    with pytest.raises(KeyError, match="ukjent sakstype 'lis2'"):
        kind_spec("lis2")
