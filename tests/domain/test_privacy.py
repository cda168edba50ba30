"""National ID detection in free text (domain/privacy.py)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samhandlingsdesk.domain.privacy import (
    D_NUMMER,
    FH_NUMMER,
    FODSELSNUMMER,
    H_NUMMER,
    IdHit,
    classify_national_id,
    find_national_ids,
    is_plausible_date_part,
    screen_text,
    screen_values,
)

K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    """11 - (weighted sum mod 11); 11 -> 0; 10 -> None (no valid number)."""
    k = 11 - sum(w * int(c) for w, c in zip(weights, digits, strict=True)) % 11
    if k == 11:
        return 0
    return None if k == 10 else k


def with_check_digits(nine: str) -> str | None:
    """The classic (pre-2032) number for nine digits, or None if they have none."""
    k1 = check_digit(nine, K1_WEIGHTS)
    if k1 is None:
        return None
    ten = nine + str(k1)
    k2 = check_digit(ten, K2_WEIGHTS)
    return None if k2 is None else ten + str(k2)


def make_id(first_six: str, start: int = 0) -> str:
    """A valid 11-digit number with these first six digits (first individual number from
    `start` that gives valid check digits)."""
    for individual in range(start, 1000):
        number = with_check_digits(f"{first_six}{individual:03d}")
        if number is not None:
            return number
    raise AssertionError(f"no valid number for {first_six}")  # pragma: no cover


def break_checksum(number: str) -> str:
    """The same number with a wrong last digit."""
    return number[:10] + str((int(number[10]) + 1) % 10)


FNR = make_id("010190")  # a fødselsnummer born 01.01.1990


def test_helper_makes_numbers_the_module_accepts() -> None:
    assert len(FNR) == 11 and FNR.startswith("010190")
    assert classify_national_id(FNR) == FODSELSNUMMER


# --- classify_national_id ----------------------------------------------------------------


@pytest.mark.parametrize(
    "first_six",
    [
        "010190",
        "311299",
        "150505",
        "010100",
        "290200",  # 29.02.2000
        "290204",
        "290296",  # 1896 or 1996
        "310188",
        "300454",
        "010139",
    ],
)
def test_valid_fodselsnummer(first_six: str) -> None:
    for start in (0, 300, 600, 900):
        assert classify_national_id(make_id(first_six, start)) == FODSELSNUMMER


@pytest.mark.parametrize("first_six", ["410190", "711299", "500505", "690200"])
def test_valid_d_nummer(first_six: str) -> None:
    assert classify_national_id(make_id(first_six)) == D_NUMMER


@pytest.mark.parametrize("first_six", ["014190", "315299", "294200", "154705"])
def test_valid_h_nummer(first_six: str) -> None:
    assert classify_national_id(make_id(first_six)) == H_NUMMER


@pytest.mark.parametrize("first_six", ["800000", "812345", "899999", "900000", "987654", "999999"])
def test_valid_fh_nummer_has_no_date_part(first_six: str) -> None:
    assert classify_national_id(make_id(first_six)) == FH_NUMMER


def test_2032_rule_examples_from_domain() -> None:
    # K1 sum ≡ 0 (mod 11) under both rules; ≡ 1-3 only under the 2032 rule.
    assert classify_national_id("02013299997") == FODSELSNUMMER
    assert classify_national_id("30108299939") == FODSELSNUMMER


def k1_remainder(number: str) -> int:
    weights = (*K1_WEIGHTS, 1)
    return sum(w * int(c) for w, c in zip(weights, number[:10], strict=True)) % 11


def k2_remainder(number: str) -> int:
    weights = (*K2_WEIGHTS, 1)
    return sum(w * int(c) for w, c in zip(weights, number, strict=True)) % 11


def test_2032_rule_examples_really_differ() -> None:
    assert k1_remainder("02013299997") == 0
    assert k1_remainder("30108299939") in (1, 2, 3)
    assert k2_remainder("02013299997") == k2_remainder("30108299939") == 0


def make_2032_id(first_six: str, remainder: int) -> str:
    """A number whose first sum is ≡ `remainder` (mod 11) and whose second sum holds."""
    for individual in range(1000):
        nine = f"{first_six}{individual:03d}"
        for k1 in range(10):
            ten = nine + str(k1)
            if k1_remainder(ten + "0") != remainder:
                continue
            k2 = check_digit(ten, K2_WEIGHTS)
            if k2 is not None:
                return ten + str(k2)
    raise AssertionError("none found")  # pragma: no cover


@pytest.mark.parametrize("remainder", [0, 1, 2, 3])
def test_2032_rule_accepts_first_sum_remainders_0_to_3(remainder: int) -> None:
    number = make_2032_id("150535", remainder)
    assert k1_remainder(number) == remainder
    assert classify_national_id(number) == FODSELSNUMMER
    assert classify_national_id(make_2032_id("450535", remainder)) == D_NUMMER
    assert classify_national_id(make_2032_id("904535", remainder)) == FH_NUMMER


@pytest.mark.parametrize("remainder", [4, 5, 6, 7, 8, 9, 10])
def test_first_sum_remainders_above_3_are_rejected(remainder: int) -> None:
    assert classify_national_id(make_2032_id("150535", remainder)) is None


def test_second_sum_is_unchanged_by_2032_rule() -> None:
    for number in ("02013299997", "30108299939", FNR):
        assert classify_national_id(break_checksum(number)) is None


@pytest.mark.parametrize("first_six", ["010190", "410190", "014190", "900000", "290200", "311299"])
def test_invalid_checksum(first_six: str) -> None:
    number = make_id(first_six)
    assert classify_national_id(break_checksum(number)) is None


@pytest.mark.parametrize(
    "first_six",
    [
        "320190",  # day 32
        "000190",  # day 0
        "011390",  # month 13
        "010090",  # month 0
        "310490",  # 31 April
        "300290",  # 30 February
        "290201",  # 29.02 in 1801, 1901 and 2001: never a leap year
        "290290",  # 29.02.1890/1990/2090: not leap years
        "400190",  # D-nummer with day 0
        "720190",  # D-nummer with day 32
        "015390",  # H-nummer with month 13
        "014090",  # H-nummer with month 0
        "414190",  # D and H at once: no such number
        "018190",  # synthetic test numbers (month + 80) are not real IDs
        "123456",
    ],
)
def test_implausible_date_part_is_not_an_id(first_six: str) -> None:
    number = make_id(first_six)
    assert classify_national_id(number) is None
    assert not is_plausible_date_part(number)


@pytest.mark.parametrize(
    "digits",
    [
        "12345678901",
        "00000000000",  # check sums hold, but there is no day 0
        "11111111111",
        "0101901234",  # 10 digits
        "010190123456",  # 12 digits
        "0101901234a",
        "010190 1234",
        "",
        "١٠١٩٠١٢٣٤٥٦",  # Arabic-Indic digits are not digits here
        "０１０１９０１２３４５",  # full-width
    ],
)
def test_non_ids(digits: str) -> None:
    assert classify_national_id(digits) is None


def test_classify_takes_digits_only() -> None:
    assert classify_national_id(FNR) == FODSELSNUMMER
    assert classify_national_id(f"{FNR[:6]} {FNR[6:]}") is None


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        ("010190", True),
        ("01019012345", True),
        ("290200", True),
        ("290201", False),
        ("410190", True),
        ("014190", True),
        ("414190", False),
        ("320190", False),
        ("900000", False),  # FH-numbers have no date part
        ("812345", False),
        ("0101", False),
        ("abcdef", False),
    ],
)
def test_is_plausible_date_part(digits: str, expected: bool) -> None:
    assert is_plausible_date_part(digits) is expected


# --- find_national_ids -------------------------------------------------------------------


def test_find_inside_text() -> None:
    text = f"Ring pasient {FNR} i morgen."
    (hit,) = find_national_ids(text)
    assert hit == IdHit(start=13, end=24, text=FNR, kind=FODSELSNUMMER)
    assert text[hit.start : hit.end] == FNR


@pytest.mark.parametrize("separator", [" ", ".", "-", "\u00a0"])
def test_find_with_one_separator_after_digit_six(separator: str) -> None:
    written = FNR[:6] + separator + FNR[6:]
    text = f"fnr {written}, ring tilbake"
    (hit,) = find_national_ids(text)
    assert hit.text == written
    assert (hit.start, hit.end) == (4, 16)
    assert hit.kind == FODSELSNUMMER


@pytest.mark.parametrize(
    "written",
    [
        "{a}  {b}",  # two spaces
        "{a}. {b}",
        "{a}..{b}",
    ],
)
def test_no_find_with_more_than_one_separator(written: str) -> None:
    assert find_national_ids(written.format(a=FNR[:6], b=FNR[6:])) == []


@pytest.mark.parametrize("split", [2, 4, 5, 7, 9])
def test_no_find_with_separator_elsewhere(split: int) -> None:
    assert find_national_ids(f"{FNR[:split]} {FNR[split:]}") == []


@pytest.mark.parametrize(
    "text",
    [
        "1" + FNR,  # 12 digits
        FNR + "1",
        "12" + FNR,  # 13 digits
        "99" + FNR + "99",
        "9771234597712345",  # two phone numbers run together
        "977123459771234597712345",
        "0" + FNR[:6] + " " + FNR[6:],
        FNR[:6] + " " + FNR[6:] + "0",
        "1." + FNR,  # a dotted group (version, account)
        FNR + ".5",
        "12.05." + FNR,
    ],
)
def test_not_inside_longer_digit_runs(text: str) -> None:
    assert find_national_ids(text) == []


def test_neighbouring_letters_and_punctuation_do_not_hide_a_number() -> None:
    for text in (
        f"fnr:{FNR}",
        f"({FNR})",
        f"ID{FNR}X",
        f"{FNR}.",
        f"{FNR}, neste",
        f"tlf 97 71 23 45 {FNR}",
        f"97712345\n{FNR}",
        f"«{FNR[:6]}.{FNR[6:]}»",
    ):
        hits = find_national_ids(text)
        assert [hit.kind for hit in hits] == [FODSELSNUMMER], text


def test_phone_numbers_are_not_ids() -> None:
    assert find_national_ids("Ring 97 71 23 45 eller 22334455, mobil +47 977 12 345.") == []
    assert find_national_ids("97712345 22334455") == []


def bank_account(first_ten: str) -> str | None:
    """A Norwegian account number: mod-11 check digit with weights 5,4,3,2,7,6,5,4,3,2."""
    k = check_digit(first_ten, K2_WEIGHTS)
    return None if k is None else first_ten + str(k)


def test_dotted_bank_account_numbers_are_not_ids() -> None:
    assert find_national_ids("Konto 1234.56.78903") == []
    assert find_national_ids("Konto 1234 56 78903") == []
    # Even an account whose digits would pass as an ID is not found when written dotted.
    assert classify_national_id(FNR) is not None
    assert find_national_ids(f"Konto {FNR[:4]}.{FNR[4:6]}.{FNR[6:]}") == []


def test_undotted_bank_account_numbers_rarely_trip() -> None:
    # Account numbers share the second check sum with IDs, so only the date part and the
    # first check sum protect them. Real account numbers start with a bank's registration
    # number (here 1000-7999): most have no plausible date part.
    rng = random.Random(20260520)
    tripped = total = 0
    for _ in range(5000):
        account = bank_account(f"{rng.randint(1000, 7999)}{rng.randint(0, 999999):06d}")
        if account is None:
            continue
        total += 1
        tripped += bool(find_national_ids(f"Kontonummer {account}"))
    assert total > 4000
    assert tripped / total < 0.10


def test_random_eleven_digit_numbers_rarely_trip() -> None:
    rng = random.Random(17)
    numbers = [f"{rng.randint(0, 10**11 - 1):011d}" for _ in range(20000)]
    tripped = sum(classify_national_id(n) is not None for n in numbers)
    assert tripped / len(numbers) < 0.02


def test_several_hits_in_order() -> None:
    d_nummer = make_id("450585")
    h_nummer = make_id("034377")
    fh = make_id("912345")
    text = f"{FNR} og {d_nummer[:6]} {d_nummer[6:]}; {h_nummer}\nFH {fh}"
    hits = find_national_ids(text)
    assert [hit.kind for hit in hits] == [FODSELSNUMMER, D_NUMMER, H_NUMMER, FH_NUMMER]
    assert [text[hit.start : hit.end] for hit in hits] == [hit.text for hit in hits]
    assert hits[1].text == f"{d_nummer[:6]} {d_nummer[6:]}"


def test_invalid_ones_among_valid_ones_are_skipped() -> None:
    text = f"{break_checksum(FNR)} 12345678901 {FNR}"
    (hit,) = find_national_ids(text)
    assert hit.text == FNR
    assert hit.start == 24


def test_empty_and_clean_text() -> None:
    assert find_national_ids("") == []
    assert find_national_ids("Hospitering på kirurgisk avdeling, uke 34 2026.") == []


@given(
    first_six=st.sampled_from(["010190", "290200", "450585", "034377", "912345", "311299"]),
    start=st.integers(min_value=0, max_value=900),
    before=st.text(alphabet=st.characters(exclude_categories=["Nd"]), max_size=20),
    after=st.text(alphabet=st.characters(exclude_categories=["Nd"]), max_size=20),
    separator=st.sampled_from(["", " ", "."]),
)
def test_embedded_valid_numbers_are_found(
    first_six: str, start: int, before: str, after: str, separator: str
) -> None:
    number = make_id(first_six, start)
    written = number[:6] + separator + number[6:]
    # A dot on either side could join the number to digits in the surrounding text;
    # there are no digits around here, so the number must be found.
    # An FH-nummer counts only beside «FH» or an ID word (DOMAIN.md).
    context = " FH " if first_six[0] in "89" else ""
    text = before + context + written + after
    hits = find_national_ids(text)
    assert len(hits) == 1
    assert hits[0].text == written
    assert text[hits[0].start : hits[0].end] == written


@given(st.text())
def test_find_never_raises_and_every_hit_is_valid(text: str) -> None:
    for hit in find_national_ids(text):
        assert classify_national_id(hit.digits) == hit.kind
        assert text[hit.start : hit.end] == hit.text


@given(st.text(alphabet="0123456789 .-\n", max_size=60))
def test_find_on_digit_soup(text: str) -> None:
    for hit in find_national_ids(text):
        assert len(hit.digits) == 11
        assert classify_national_id(hit.digits) == hit.kind
        before, after = text[: hit.start], text[hit.end :]
        assert not before[-1:].isdigit()
        assert not after[:1].isdigit()


# --- screen_text / screen_values ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "Søknad om hospitering, ring 97 71 23 45.",
        "Konto 1234.56.78903, org.nr. 974 749 025",
        "12345678901",
        break_checksum(FNR),
    ],
)
def test_screen_text_clean(text: str | None) -> None:
    assert screen_text(text) is None


def test_screen_text_one_fodselsnummer() -> None:
    message = screen_text(f"Pasient {FNR[:6]} {FNR[6:]} skal inn på mandag.")
    assert message == (
        f"Teksten ser ut til å inneholde et fødselsnummer ({FNR[:6]} *****). Fjern det før "
        "du lagrer: pasient- og personnummer skal aldri lagres her."
    )
    assert FNR[6:] not in message


@pytest.mark.parametrize(
    ("first_six", "kind"),
    [("450585", "D-nummer"), ("034377", "H-nummer"), ("912345", "FH-nummer")],
)
def test_screen_text_names_the_kind(first_six: str, kind: str) -> None:
    number = make_id(first_six)
    message = screen_text(f"Se FH {number}")
    assert message is not None
    assert f"inneholde et {kind} ({first_six} *****)" in message
    assert number[6:] not in message


def test_screen_text_several() -> None:
    other = make_id("150505")
    message = screen_text(f"{FNR} og {other}")
    assert message == (
        f"Teksten ser ut til å inneholde 2 personnumre ({FNR[:6]} *****, 150505 *****). "
        "Fjern dem før du lagrer: pasient- og personnummer skal aldri lagres her."
    )


def test_screen_text_2032_number() -> None:
    message = screen_text("Notat: 301082 99939")
    assert message is not None
    assert "301082 *****" in message


def test_screen_values() -> None:
    d_nummer = make_id("450585")
    values: dict[str, object] = {
        "title": "Hospitering kirurgi",
        "notes": f"Pasienten ({FNR}) ringte",
        "contact": f"D-nr {d_nummer}",
        "count": int(FNR),  # not text: not screened
        "received_on": None,
        "phone": "97712345",
    }
    problems = screen_values(values)
    assert set(problems) == {"notes", "contact"}
    assert "fødselsnummer" in problems["notes"]
    assert "D-nummer" in problems["contact"]


def test_screen_values_clean() -> None:
    assert screen_values({}) == {}
    assert screen_values({"title": "Veiledning", "n": 3}) == {}
