"""Field validation: required fields, e-mail, phones, date pairs, national IDs, numbers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.timelines import DATE_PAIRS
from samhandlingsdesk.domain.validate import (
    MSG_PHONE,
    field_problem,
    format_phone,
    normalize_phone,
    phone_problem,
    validate_values,
)
from tests.conftest import VALUES

NATIONAL_ID = "13097248022"  # a valid fødselsnummer (synthetic)
ID_MESSAGE = (
    "Teksten ser ut til å inneholde et fødselsnummer (130972 *****). Fjern det før du "
    "lagrer: pasient- og personnummer skal aldri lagres her."
)


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_factory_values_are_valid(kind: str) -> None:
    assert validate_values(kind, VALUES[kind]()) == {}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_required_field_is_reported_by_its_label(kind: str) -> None:
    spec = KINDS[kind]
    required = [f for f in spec.all_fields if f.required]
    assert required, kind
    errors = validate_values(kind, {})
    assert errors == {f.name: f"«{f.label}» må fylles ut." for f in required}
    for f in required:
        values = VALUES[kind]()
        values[f.name] = "   " if f.type in ("text", "longtext") else None
        assert validate_values(kind, values) == {f.name: f"«{f.label}» må fylles ut."}


def test_required_fields_of_each_kind() -> None:
    req = {k: {f.name for f in s.all_fields if f.required} for k, s in KINDS.items()}
    assert req == {
        "hospitering": {
            "received_on",
            "direction",
            "applicant_name",
            "period_from",
            "period_to",
            "theme_goals",
        },
        "veiledning": {"received_on", "direction", "topic"},
        "lis1": {"received_on", "doctor_name", "notice_type"},
        "lis3": {"received_on", "doctor_name", "desired_from"},
        "nettverk": {
            "received_on",
            "activity_type",
            "network_name",
            "target_group",
            "held_on",
        },
    }


def test_fields_the_status_requires() -> None:
    values = VALUES["veiledning"]()
    assert validate_values("veiledning", values, "avtalt") == {
        "agreement": "«Konkret avtale» må fylles ut når status er «Avtalt»."
    }
    values["agreement"] = "To møter"
    assert validate_values("veiledning", values, "avtalt") == {}


# --- e-mail -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email", ["kari@skien.kommune.no", "ola.nordmann+hosp@sthf.no", "Åse@øst.no", " a@b.no "]
)
def test_good_email(email: str) -> None:
    assert validate_values("veiledning", VALUES["veiledning"](email=email)) == {}


@pytest.mark.parametrize(
    "email", ["kari", "kari@", "@skien.no", "kari@skien", "kari@@skien.no", "kari @skien.no",
              "kari@skien.n", "a@b.no; c@d.no"]
)  # fmt: skip
def test_bad_email(email: str) -> None:
    errors = validate_values("veiledning", VALUES["veiledning"](email=email))
    assert errors == {"email": f"«{email}» er ikke en gyldig e-postadresse."}


def test_host_email_is_checked_too() -> None:
    errors = validate_values("hospitering", VALUES["hospitering"](host_email="vert"))
    assert errors == {"host_email": "«vert» er ikke en gyldig e-postadresse."}


# --- phones -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("97712345", "97712345"),
        ("977 12 345", "97712345"),
        ("97 71 23 45", "97712345"),
        ("9771 2345", "97712345"),
        ("977-12-345", "97712345"),
        ("+47 977 12 345", "97712345"),
        ("+4797712345", "97712345"),
        ("0047 97 71 23 45", "97712345"),
        ("47 97 71 23 45", "97712345"),
        ("+46 70 123 45 67", "+46701234567"),
        ("0046 70 123 45 67", "+46701234567"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_normalize_phone(typed: str | None, stored: str | None) -> None:
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["97712345", "+47 977 12 345", "0047 97712345", "4797712345", "+46 70 123 45 67"]
)
def test_good_phones(typed: str) -> None:
    assert phone_problem(typed) is None
    assert field_problem(KINDS["lis1"].field("contact_phone"), typed) is None


@pytest.mark.parametrize(
    "typed", ["9771234", "977123456", "abc", "+", "+47 977 12 34", "+47 977 12 34 56", "+1234"]
)
def test_bad_phones(typed: str) -> None:
    assert phone_problem(typed) == MSG_PHONE
    errors = validate_values("lis1", VALUES["lis1"](contact_phone=typed))
    assert errors == {"contact_phone": MSG_PHONE}


def test_phone_message_is_norwegian() -> None:
    assert MSG_PHONE == (
        "Telefonnummeret må ha 8 sifre (f.eks. 97 71 23 45), eller starte med + og landskode."
    )


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("97712345", "97 71 23 45"),
        ("+46701234567", "+46701234567"),
        ("", ""),
        (None, ""),
        ("1234", "1234"),
    ],
)
def test_format_phone(stored: str | None, shown: str) -> None:
    assert format_phone(stored) == shown


def test_phone_round_trip() -> None:
    for typed in ("+47 977 12 345", "0047 97712345", "977 12 345", "4797712345"):
        assert format_phone(normalize_phone(typed)) == "97 71 23 45"


# --- date pairs ---------------------------------------------------------------------------


def _pairs() -> list[tuple[str, str, str]]:
    out = []
    for kind, spec in KINDS.items():
        names = {f.name for f in spec.fields}
        for start, end in DATE_PAIRS:
            if start in names and end in names:
                out.append((kind, start, end))
    return out


def test_every_from_to_pair_of_the_kinds_is_checked() -> None:
    pairs = {(k, s, e) for k, s, e in _pairs()}
    for kind, spec in KINDS.items():
        names = {f.name for f in spec.fields}
        for f in spec.fields:
            end = f.name.removesuffix("_from") + "_to"
            if f.type == "date" and f.name.endswith("_from") and end in names:
                assert (kind, f.name, end) in pairs, (kind, f.name)
    assert len(pairs) == 7


@pytest.mark.parametrize(("kind", "start", "end"), _pairs())
def test_end_before_start(kind: str, start: str, end: str) -> None:
    spec = KINDS[kind]
    values = VALUES[kind]()
    values[start] = date(2027, 3, 10)
    values[end] = date(2027, 3, 9)
    assert validate_values(kind, values) == {
        end: f"«{spec.field(end).label}» (09.03.2027) kan ikke være før "
        f"«{spec.field(start).label}» (10.03.2027)."
    }
    values[end] = date(2027, 3, 10)  # the same day is fine
    assert validate_values(kind, values) == {}
    values[start] = None  # an open start is fine (unless required)
    errors = validate_values(kind, values)
    assert end not in errors


# --- national ID in free text -------------------------------------------------------------


def _text_fields() -> list[tuple[str, str]]:
    return [
        (kind, f.name)
        for kind, spec in KINDS.items()
        for f in spec.all_fields
        if f.type in ("text", "longtext", "party")
    ]


@pytest.mark.parametrize(("kind", "name"), _text_fields())
def test_national_id_in_any_free_text_field(kind: str, name: str) -> None:
    values = VALUES[kind]()
    values[name] = f"Gjelder pasient {NATIONAL_ID[:6]} {NATIONAL_ID[6:]}, ring meg"
    assert validate_values(kind, values) == {name: ID_MESSAGE}


def test_national_id_is_not_confused_with_a_phone_or_account() -> None:
    values = VALUES["hospitering"](theme_goals="Ring 97712345 eller 41234567, konto 1234.56.78903")
    assert validate_values("hospitering", values) == {}


# --- numbers and choices --------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 1, 250])
def test_good_int(value: int) -> None:
    values = VALUES["nettverk"](participants_municipality=value, participants_hospital=value)
    assert validate_values("nettverk", values) == {}


@pytest.mark.parametrize("value", [-1, "12", 1.5, True])
def test_bad_int(value: Any) -> None:
    errors = validate_values("nettverk", VALUES["nettverk"](participants_hospital=value))
    assert errors == {
        "participants_hospital": "«Deltakere fra helseforetaket» må være et helt tall, 0 eller mer."
    }


def test_bad_choice_lists_the_labels() -> None:
    errors = validate_values("lis1", VALUES["lis1"](notice_type="sykdom"))
    assert errors == {
        "notice_type": "«sykdom» er ikke et gyldig valg for «Type varsel». Gyldige: "
        "Frafall før kommunedelen, Frafall under kommunedelen, Forsinkelse, "
        "Restplass fylt av kommunen."
    }


def test_the_direction_of_a_veiledning_sets_its_legal_basis() -> None:
    from samhandlingsdesk.domain.kinds import legal_basis

    assert legal_basis("veiledning", {"direction": "hf_til_kommune"}) == (
        "spesialisthelsetjenesteloven § 6-3"
    )
    assert legal_basis("veiledning", {"direction": "kommune_til_hf"}) == (
        "helse- og omsorgstjenesteloven § 5-11"
    )
    assert legal_basis("veiledning", {}) is None
    assert legal_basis("hospitering", {"direction": "hf_til_kommune"}) is None


# --- validate_edit: one validation with codes --------------------------------------------


def test_validate_edit_reports_codes_by_field() -> None:
    from samhandlingsdesk.domain.validate import validate_edit

    values = VALUES["hospitering"](period_from=date(2027, 3, 10), period_to=date(2027, 3, 9))
    problems = validate_edit("hospitering", "mottatt", {}, values, today=date(2026, 11, 23))
    assert [(p.field, p.code, p.severity) for p in problems] == [
        ("period_to", "end_before_start", "refuse")
    ]


def test_validate_edit_answers_only_for_what_the_change_touches() -> None:
    from samhandlingsdesk.domain.validate import validate_edit

    today = date(2026, 11, 23)
    old = {**VALUES["lis1"](notice_type="hva som helst", email="x"), "status": "mottatt"}
    # Old bad values do not block another field ...
    assert validate_edit("lis1", "mottatt", old, {"party": "Bø"}, today=today) == []
    # ... but a touched field answers even when it was bad before ...
    problems = validate_edit("lis1", "mottatt", old, {"email": "y"}, today=today)
    assert [(p.field, p.code) for p in problems] == [("email", "email")]
    # ... and a change that brings a problem into an untouched field is refused there.
    old = {**VALUES["hospitering"](), "status": "mottatt"}
    problems = validate_edit(
        "hospitering", "mottatt", old, {"period_from": date(2099, 1, 1)}, today=today
    )
    assert [(p.field, p.code) for p in problems] == [("period_to", "end_before_start")]


def test_validate_move_includes_the_move_rule_and_the_values() -> None:
    from samhandlingsdesk.domain.validate import CODE_MOVE, validate_move

    today = date(2026, 11, 23)
    old = VALUES["lis1"]()
    writes, problems = validate_move("lis1", "mottatt", "varslet", old, {}, None, today=today)
    assert [p.code for p in problems] == [CODE_MOVE]
    writes, problems = validate_move(
        "lis1", "mottatt", "varsles", old, {"notice_type": "x"}, None, today=today
    )
    assert writes["status"] == "varsles"
    assert [(p.field, p.code) for p in problems] == [("notice_type", "choice")]
