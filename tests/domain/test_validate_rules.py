"""The rules of domain/validate.py pinned directly: what each type of field refuses and
with which code, the phone rules at their boundaries, what each status requires, which
problems an edit or a move answers for, and the snooze rule — with the values that tell
a rule from a near miss."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from samhandlingsdesk.domain.kinds import FieldSpec, kind_spec
from samhandlingsdesk.domain.problems import Problem
from samhandlingsdesk.domain.validate import (
    MSG_PHONE,
    field_check,
    field_problem,
    format_phone,
    normalize_phone,
    phone_problem,
    required_for_status,
    snooze_problem,
    validate_edit,
    validate_move,
)
from tests.conftest import VALUES

TODAY = date(2026, 11, 23)
NATIONAL_ID = 13097248022  # a valid fødselsnummer (synthetic)
ID_MESSAGE = (
    "Teksten ser ut til å inneholde et fødselsnummer (130972 *****). Fjern det før du "
    "lagrer: pasient- og personnummer skal aldri lagres her."
)

TEXT = FieldSpec("topic", "Tema", "text")
LONGTEXT = FieldSpec("notes", "Merknad", "longtext")
PARTY = FieldSpec("party", "Part", "party")
EMAIL = FieldSpec("email", "E-post", "email")
PHONE = FieldSpec("phone", "Telefon", "phone")
INT = FieldSpec("count", "Antall", "int")
CHOICE = FieldSpec("sort", "Sort", "choice", choices=(("a", "Alfa"), ("b", "Beta")))
DATE = FieldSpec("on", "Dato", "date")
TRI = FieldSpec("signed", "Signert", "tri")

INT_MESSAGE = "«Antall» må være et helt tall, 0 eller mer."


def _id(field: FieldSpec) -> Problem:
    return Problem(field.name, "national_id", ID_MESSAGE)


# --- one value on its own ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        # nothing given is no problem of the value (whether it is required is another rule)
        (TEXT, None, None),
        (TEXT, "", None),
        (TEXT, "   ", None),
        (INT, None, None),
        # the limits of free text, by the kind of field
        (
            TEXT,
            "a\nb",
            Problem(
                "topic",
                "line_break",
                "Feltet skal ha én linje, men teksten har et linjeskift eller en tabulator "
                "på linje 1, tegn 2. Skriv den på én linje.",
            ),
        ),
        (LONGTEXT, "a\nb", None),
        (LONGTEXT, "x" * 4000, None),
        (
            LONGTEXT,
            "x" * 4001,
            Problem(
                "notes",
                "too_long",
                "Teksten er 4\u00a0001 tegn lang; høyst 4\u00a0000 tegn er tillatt her. "
                "Kort den ned.",
            ),
        ),
        (PARTY, "x" * 200, None),
        (
            PARTY,
            "x" * 201,
            Problem(
                "party",
                "too_long",
                "Teksten er 201 tegn lang; høyst 200 tegn er tillatt her. Kort den ned.",
            ),
        ),
        (
            EMAIL,
            "a\x07@b.no",
            Problem(
                "email",
                "control_char",
                "Teksten inneholder et kontrolltegn (BEL, U+0007) på linje 1, tegn 2. "
                "Fjern det før du lagrer.",
            ),
        ),
        # a national ID in any free text, also when it came in as a number
        (TEXT, f"Gjelder {NATIONAL_ID}", _id(TEXT)),
        (EMAIL, f"{NATIONAL_ID}@b.no", _id(EMAIL)),
        (TEXT, NATIONAL_ID, _id(TEXT)),
        (LONGTEXT, NATIONAL_ID, _id(LONGTEXT)),
        (PARTY, NATIONAL_ID, _id(PARTY)),
        (TEXT, 5, None),
        # formats, each with the field's type as its code
        (EMAIL, "kari", Problem("email", "email", "«kari» er ikke en gyldig e-postadresse.")),
        (EMAIL, " kari@b.no ", None),
        (PHONE, "123", Problem("phone", "phone", MSG_PHONE)),
        (PHONE, f"{NATIONAL_ID}", Problem("phone", "phone", MSG_PHONE)),
        (PHONE, "97712345", None),
        (PHONE, 97712345, None),
        (INT, 0, None),
        (INT, 250, None),
        (INT, -1, Problem("count", "int", INT_MESSAGE)),
        (INT, True, Problem("count", "int", INT_MESSAGE)),
        (INT, "3", Problem("count", "int", INT_MESSAGE)),
        (INT, 2.0, Problem("count", "int", INT_MESSAGE)),
        (CHOICE, "a", None),
        (
            CHOICE,
            "Alfa",
            Problem(
                "sort", "choice", "«Alfa» er ikke et gyldig valg for «Sort». Gyldige: Alfa, Beta."
            ),
        ),
        (DATE, date(2026, 1, 1), None),
        (TRI, False, None),
    ],
)
def test_what_a_field_refuses_on_its_own(
    field: FieldSpec, value: Any, problem: Problem | None
) -> None:
    assert field_check(field, value) == problem
    assert field_problem(field, value) == (problem.message if problem else None)


# --- phones ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1234567890", "1234567890"),  # ten digits that are no +47 number stay as typed
        ("47123", "47123"),  # starts with 47 but is no +47 number
        ("+47123", "+47123"),
        ("0047123", "+47123"),
        ("00 46 123", "+46123"),
        ("+0047 97712345", "+004797712345"),
        ("+1 (555) 123-4567", "+15551234567"),
        ("+46 123 456 78", "+4612345678"),  # ten digits after a foreign code stay
        (" 977 12 345 ", "97712345"),
    ],
)
def test_a_phone_is_stored_as_its_digits(typed: str, stored: str) -> None:
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    ("typed", "ok"),
    [
        ("12345678", True),
        ("1234567", False),
        ("123456789", False),
        ("+47123", False),  # a Norwegian number must have its 8 digits
        ("+47 1234 5678 9", False),
        ("+123456", True),  # a foreign number: 6 to 15 digits after the +
        ("+12345", False),
        ("+123456789012345", True),
        ("+1234567890123456", False),
        (None, True),
        ("   ", True),
    ],
)
def test_a_phone_number_has_eight_digits_or_a_country_code(typed: str | None, ok: bool) -> None:
    assert phone_problem(typed) == (None if ok else MSG_PHONE)


@pytest.mark.parametrize("stored", ["1234567a", "123456789", "+4797712345"])
def test_a_phone_that_is_not_eight_digits_is_shown_as_stored(stored: str) -> None:
    assert format_phone(stored) == stored


# --- what a status requires --------------------------------------------------------------

AGREED = {"agreed_from", "agreed_to", "evaluation_planned_on"}  # a hospitering's agreement


@pytest.mark.parametrize(
    ("kind", "required"),
    [
        (
            "veiledning",
            {
                "mottatt": set(),
                "vurdert": set(),
                "avtalt": {"agreement"},
                "levert": {"agreement"},  # only reached through «Avtalt»
                "lukket": {"agreement"},
                "avvist": set(),
                "trukket": set(),  # reached from «Mottatt» too
            },
        ),
        (
            "lis1",
            {
                "mottatt": set(),
                "varsles": {"notice_type"},
                "varslet": {"notice_type"},
                "avsluttet": {"notice_type"},
                "trukket": set(),
            },
        ),
        (
            "hospitering",
            {
                **{
                    s.key: set()
                    for s in kind_spec("hospitering").statuses
                    if s.key not in ("avtalt", "pagar", "gjennomfort", "evaluert")
                },
                "avtalt": AGREED,
                "pagar": AGREED,
                "gjennomfort": AGREED,
                "evaluert": AGREED | {"evaluation_done_on"},
            },
        ),
    ],
)
def test_a_status_requires_what_every_way_into_it_required(
    kind: str, required: dict[str, set[str]]
) -> None:
    got = {s.key: set(required_for_status(kind, s.key)) for s in kind_spec(kind).statuses}
    assert got == required


# --- which problems an edit answers for --------------------------------------------------


def _hospitering(**over: Any) -> dict[str, Any]:
    agreed = {
        "agreed_from": date(2026, 11, 1),
        "agreed_to": date(2026, 12, 20),
        "evaluation_planned_on": date(2027, 1, 10),
    }
    return VALUES["hospitering"](**{**agreed, **over})


def _codes(problems: list[Problem]) -> list[tuple[str, str, str]]:
    return [(p.field, p.code, p.severity) for p in problems]


NO_CONFIDENTIALITY = ("confidentiality_on", "timeline.ongoing_without_confidentiality", "warn")


def test_a_case_that_stays_in_its_status_is_not_moving() -> None:
    old = {**_hospitering(), "status": "pagar"}
    problems = validate_edit("hospitering", "pagar", old, {"confidentiality_on": None}, today=TODAY)
    assert problems == []


def test_a_move_into_ongoing_warns_without_a_confidentiality_declaration() -> None:
    old = {**_hospitering(), "status": "avtalt"}
    problems = validate_edit("hospitering", "pagar", old, {"status": "pagar"}, today=TODAY)
    assert _codes(problems) == [NO_CONFIDENTIALITY]


def test_a_new_case_comes_from_no_status() -> None:
    problems = validate_edit("hospitering", "pagar", {}, _hospitering(), today=TODAY)
    assert _codes(problems) == [NO_CONFIDENTIALITY]


def test_a_stay_that_ended_before_it_began_never_blocks_another_field() -> None:
    # the move into «Gjennomført» wrote today as the agreed end, before the agreed start
    old = {
        **_hospitering(agreed_from=date(2026, 12, 1), agreed_to=date(2026, 11, 20)),
        "status": "gjennomfort",
    }
    assert validate_edit("hospitering", "gjennomfort", old, {"party": "Bø"}, today=TODAY) == []


def test_a_network_reported_before_its_date_never_blocks_another_field() -> None:
    old = {**VALUES["nettverk"](), "status": "rapportert"}  # held 10.03.2027, after today
    assert validate_edit("nettverk", "rapportert", old, {"party": "Bø"}, today=TODAY) == []
    problems = validate_edit(
        "nettverk", "rapportert", old, {"held_on": date(2027, 3, 11)}, today=TODAY
    )
    assert _codes(problems) == [("held_on", "timeline.network_reported_before_date", "refuse")]


def test_old_dates_out_of_order_never_block_another_field() -> None:
    old = {
        **VALUES["hospitering"](period_from=date(2027, 3, 10), period_to=date(2027, 3, 9)),
        "status": "mottatt",
    }
    assert validate_edit("hospitering", "mottatt", old, {"party": "Bø"}, today=TODAY) == []
    touched = validate_edit(
        "hospitering", "mottatt", old, {"period_to": date(2027, 3, 9)}, today=TODAY
    )
    assert _codes(touched) == [("period_to", "end_before_start", "refuse")]


def test_a_required_field_left_empty_has_its_code() -> None:
    values = VALUES["lis1"](doctor_name=" ")
    assert validate_edit("lis1", "mottatt", {}, values, today=TODAY) == [
        Problem("doctor_name", "required", "«Lege» må fylles ut.")
    ]


def test_stored_values_without_a_status_are_read_in_the_status_checked() -> None:
    old = VALUES["veiledning"]()  # no «status» among them, and no «Konkret avtale»
    # what the stored values already lacked in «Avtalt» is not this change's problem ...
    assert validate_edit("veiledning", "avtalt", old, {"party": "Bø"}, today=TODAY) == []
    # ... unless the change touches it
    assert validate_edit("veiledning", "avtalt", old, {"agreement": " "}, today=TODAY) == [
        Problem(
            "agreement",
            "required_status",
            "«Konkret avtale» må fylles ut når status er «Avtalt».",
        )
    ]


def test_a_status_date_given_by_a_file_answers_for_itself() -> None:
    old = {**VALUES["veiledning"](), "status": "lukket", "agreement": "To møter"}
    received = old["received_on"]
    before = received - timedelta(days=1)
    problems = validate_edit("veiledning", "lukket", old, {"closed_on": before}, today=TODAY)
    assert problems == [
        Problem(
            "closed_on",
            "timeline.closed_before_received",
            "«Lukket» (19.11.2026) kan ikke være før saken ble mottatt (20.11.2026).",
        )
    ]
    assert validate_edit("veiledning", "lukket", old, {"closed_on": received}, today=TODAY) == []
    # ... beside the other problems of the change
    problems = validate_edit(
        "veiledning", "lukket", old, {"closed_on": before, "email": "kari"}, today=TODAY
    )
    assert [p.code for p in problems] == ["email", "timeline.closed_before_received"]
    # a received day that is no date is not compared
    as_text = {**old, "received_on": "2026-11-20"}
    problems = validate_edit("veiledning", "lukket", as_text, {"closed_on": before}, today=TODAY)
    assert "closed_on" not in {p.field for p in problems}
    # a stored status date is the desk's own: not checked when the change leaves it alone
    future = {**old, "status_since": TODAY + timedelta(days=1)}
    assert validate_edit("veiledning", "lukket", future, {"party": "Bø"}, today=TODAY) == []
    problems = validate_edit(
        "veiledning", "lukket", old, {"status_since": TODAY + timedelta(days=1)}, today=TODAY
    )
    assert _codes(problems) == [("status_since", "timeline.in_future", "refuse")]


# --- a move -------------------------------------------------------------------------------


def test_a_move_writes_the_users_changes_its_fills_and_the_status() -> None:
    old = VALUES["veiledning"]()
    writes, problems = validate_move(
        "veiledning", "vurdert", "avtalt", old, {"agreement": "To møter"}, None, today=TODAY
    )
    assert writes == {"agreement": "To møter", "agreed_on": TODAY, "status": "avtalt"}
    assert problems == []


def test_a_move_fills_only_what_the_case_lacks() -> None:
    old = VALUES["veiledning"](agreed_on=date(2026, 11, 21))
    writes, problems = validate_move(
        "veiledning", "vurdert", "avtalt", old, {"agreement": "To møter"}, None, today=TODAY
    )
    assert writes == {"agreement": "To møter", "status": "avtalt"}
    assert problems == []
    old = VALUES["veiledning"](agreement="To møter")
    writes, _ = validate_move(
        "veiledning", "vurdert", "avtalt", old, {"agreed_on": date(2026, 11, 22)}, None, today=TODAY
    )
    assert writes == {"agreed_on": date(2026, 11, 22), "status": "avtalt"}


@pytest.mark.parametrize(
    ("source", "target", "reason", "message"),
    [
        ("vurdert", "avtalt", None, "«Avtal veiledning» krever «Konkret avtale»."),
        ("mottatt", "levert", None, "Fra «Mottatt» kan saken ikke gå til «Levert»."),
        ("vurdert", "avvist", None, "«Avvis» krever en begrunnelse."),
    ],
)
def test_a_refused_move_is_one_problem_on_the_whole_case(
    source: str, target: str, reason: str | None, message: str
) -> None:
    writes, problems = validate_move(
        "veiledning", source, target, VALUES["veiledning"](), {}, reason, today=TODAY
    )
    assert problems == [Problem("", "move", message)]
    assert writes["status"] == target


def test_a_move_checks_its_reason_and_then_the_values() -> None:
    writes, problems = validate_move(
        "veiledning", "vurdert", "avvist", VALUES["veiledning"](), {}, "ikke_helse", today=TODAY
    )
    assert (writes, problems) == ({"status": "avvist"}, [])
    _, problems = validate_move(
        "veiledning",
        "vurdert",
        "avvist",
        VALUES["veiledning"](),
        {"email": "kari"},
        "ikke_helse",
        today=TODAY,
    )
    assert problems == [Problem("email", "email", "«kari» er ikke en gyldig e-postadresse.")]


def test_a_move_is_checked_from_the_status_it_leaves() -> None:
    # the stored values say «pagar»; the move is from «avtalt», so it enters «pagar»
    old = {**_hospitering(), "status": "pagar"}
    _, problems = validate_move("hospitering", "avtalt", "pagar", old, {}, None, today=TODAY)
    assert _codes(problems) == [NO_CONFIDENTIALITY]


# --- snooze -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("until", "message"),
    [
        (None, None),  # waking a case is always fine
        (TODAY + timedelta(days=1), None),
        (TODAY, "Velg en dato etter i dag (23.11.2026)."),
        (TODAY - timedelta(days=1), "Velg en dato etter i dag (23.11.2026)."),
    ],
)
def test_a_case_is_snoozed_only_to_a_day_after_today(
    until: date | None, message: str | None
) -> None:
    assert snooze_problem(until, TODAY) == message
