"""Issue #11 failure 9: every spelling of a birth number is caught, account numbers and
FH-numbers are told apart by context (DOMAIN.md «Personal data», National ID numbers)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.privacy import FH_NUMMER, find_national_ids, screen_text
from samhandlingsdesk.domain.validate import field_problem
from tests.domain.test_privacy import make_id, with_check_digits

ISSUE_EXAMPLE = "15038512363"  # the number of the issue: 15.03.85, personal number 123 63
ACCOUNT_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def account_number(first_ten: str) -> str | None:
    k = 11 - sum(w * int(c) for w, c in zip(ACCOUNT_WEIGHTS, first_ten, strict=True)) % 11
    if k == 10:
        return None
    return first_ten + str(0 if k == 11 else k)


@pytest.mark.parametrize(
    "written",
    [
        "15.03.85 123 63",
        "15.03.85 12363",
        "15.03.8512363",
        "15.03.1985 123 63",
        "15/03/85 12363",
        "150385 12363",
        "150385-12363",
        "150385.12363",
        "150385 123 63",
        "15038512363",
    ],
)
def test_every_spelling_of_the_issue_example_is_caught(written: str) -> None:
    (hit,) = find_national_ids(f"Pasienten ({written}) ringte.")
    assert hit.digits == ISSUE_EXAMPLE and hit.text == written
    assert screen_text(written) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Konto 15038512363",
        "kontonr. 15038512363",
        "Kontonummer: 15038512363",
        "Refusjon til kontonummeret 15038512363.",
        "15038512363 (konto)",
        "Betal til 1503.85.12363",
    ],
)
def test_account_context_is_never_flagged(text: str) -> None:
    assert find_national_ids(text) == []


def test_the_nearest_word_decides() -> None:
    text = f"Kontonr 1503.85.12363, fnr {ISSUE_EXAMPLE}"
    (hit,) = find_national_ids(text)
    assert hit.digits == ISSUE_EXAMPLE


def test_fh_numbers_only_beside_fh_or_an_id_word() -> None:
    fh = make_id("912345")
    assert find_national_ids(f"Referanse {fh}") == []
    for word in ("FH", "FH-nummer", "hjelpenummer", "fnr", "Personnummer:"):
        (hit,) = find_national_ids(f"{word} {fh}")
        assert hit.kind == FH_NUMMER


def test_email_fields_are_screened() -> None:
    f = KINDS["hospitering"].field("email")
    assert field_problem(f, f"{ISSUE_EXAMPLE}@example.no") is not None
    assert field_problem(f, "kari.nordmann@example.no") is None


# --- properties --------------------------------------------------------------------------

surround = st.text(
    alphabet=st.characters(exclude_categories=["Nd", "Cs"], exclude_characters="/.,"),
    max_size=25,
).filter(lambda s: "konto" not in s.casefold() and "kto" not in s.casefold())


@st.composite
def national_ids(draw: st.DrawFn) -> tuple[str, date, str]:
    born = draw(st.dates(min_value=date(1854, 1, 1), max_value=date(2039, 12, 31)))
    variant = draw(st.sampled_from(["fnr", "d", "h"]))
    day, month = (
        born.day + (40 if variant == "d" else 0),
        born.month + (40 if variant == "h" else 0),
    )
    nine = f"{day:02d}{month:02d}{born.year % 100:02d}{draw(st.integers(0, 999)):03d}"
    number = with_check_digits(nine)
    assume(number is not None)
    assert number is not None
    return number, born, variant


def spellings(number: str, born: date, variant: str) -> list[str]:
    six, five = number[:6], number[6:]
    out = [
        number,
        f"{six} {five}",
        f"{six}.{five}",
        f"{six}-{five}",
        f"{six} {five[:3]} {five[3:]}",
    ]
    if variant == "fnr":
        dd, mm, yy = six[:2], six[2:4], six[4:]
        for head in (f"{dd}.{mm}.{yy}", f"{dd}.{mm}.{born.year}", f"{dd}/{mm}/{yy}"):
            out += [f"{head} {five}", f"{head}{five}", f"{head} {five[:3]} {five[3:]}"]
    return out


@given(found=national_ids(), before=surround, after=surround)
def test_every_valid_number_in_every_spelling_is_caught(
    found: tuple[str, date, str], before: str, after: str
) -> None:
    number, born, variant = found
    for written in spellings(number, born, variant):
        text = f"{before} {written} {after}"
        hits = find_national_ids(text)
        assert [h.digits for h in hits] == [number], text
        assert hits[0].text == written


@given(
    first_ten=st.from_regex(r"[0-9]{10}", fullmatch=True),
    word=st.sampled_from(["konto", "Konto:", "kontonr", "Kontonr.", "kontonummer", "KONTONUMMER"]),
    before=surround,
)
def test_valid_account_numbers_as_accounts_or_beside_an_account_word_are_never_flagged(
    first_ten: str, word: str, before: str
) -> None:
    account = account_number(first_ten)
    assume(account is not None)
    assert account is not None
    dotted = f"{account[:4]}.{account[4:6]}.{account[6:]}"
    assert find_national_ids(f"{before} {dotted} {before}") == []
    assert find_national_ids(f"{before} {word} {account}") == []
    assert find_national_ids(f"{before} {word} {dotted}") == []
    assert find_national_ids(f"{account} ({word})") == []
