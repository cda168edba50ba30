"""Norwegian date entry and display (domain/dates.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samhandlingsdesk.domain.dates import (
    DATE_HELP,
    FILE_DATE_HELP,
    MAX_YEAR,
    MIN_YEAR,
    DateError,
    Direction,
    format_date,
    format_datetime,
    iso_week_monday,
    month_end_clamp,
    parse_date,
    parse_file_date,
    to_oslo,
)

WED = date(2026, 5, 20)  # a Wednesday in ISO week 21 of 2026
DIRECTIONS: tuple[Direction, ...] = ("past", "future")


def test_reference_day_is_a_wednesday() -> None:
    assert WED.weekday() == 2
    assert WED.isocalendar().week == 21


# --- Empty input -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\t", "  \n "])
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_empty_is_none(text: str, direction: Direction) -> None:
    assert parse_date(text, today=WED, direction=direction) is None


# --- Absolute dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17.05.2026", date(2026, 5, 17)),
        ("17.5.2026", date(2026, 5, 17)),
        ("7.5.2026", date(2026, 5, 7)),
        ("17.5.26", date(2026, 5, 17)),
        ("17.05.26", date(2026, 5, 17)),
        ("1.1.00", date(2000, 1, 1)),
        ("31.12.99", date(2099, 12, 31)),
        ("17/5/2026", date(2026, 5, 17)),
        ("17-5-2026", date(2026, 5, 17)),
        ("17/05/26", date(2026, 5, 17)),
        ("2026-05-17", date(2026, 5, 17)),
        ("2026-5-7", date(2026, 5, 7)),
        ("  17.05.2026  ", date(2026, 5, 17)),
        ("17. mai 2026", date(2026, 5, 17)),
        ("17 mai 2026", date(2026, 5, 17)),
        ("1. Januar 2027", date(2027, 1, 1)),
        ("3. des. 2025", date(2025, 12, 3)),
        ("29.02.2028", date(2028, 2, 29)),
        ("29.2.2000", date(2000, 2, 29)),
        ("31.12.2026", date(2026, 12, 31)),
        ("01.01.1900", date(1900, 1, 1)),
        ("31.12.2100", date(2100, 12, 31)),
        ("2100-12-31", date(2100, 12, 31)),
        ("31. desember 2100", date(2100, 12, 31)),
    ],
)
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_absolute_dates_ignore_direction(text: str, expected: date, direction: Direction) -> None:
    assert parse_date(text, today=WED, direction=direction) == expected


def test_direction_defaults_to_past() -> None:
    assert parse_date("25.5", today=WED) == date(2025, 5, 25)
    assert parse_date("fredag", today=WED) == date(2026, 5, 15)


# --- Words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("i dag", 0),
        ("idag", 0),
        ("I DAG", 0),
        ("  i   dag ", 0),
        ("i morgen", 1),
        ("imorgen", 1),
        ("I Morgen", 1),
        ("i morra", 1),
        ("i overmorgen", 2),
        ("overmorgen", 2),
        ("i går", -1),
        ("igår", -1),
        ("I GÅR", -1),
        ("i gar", -1),
        ("igar", -1),
        ("i forgårs", -2),
        ("forgårs", -2),
    ],
)
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_words(text: str, days: int, direction: Direction) -> None:
    expected = WED + timedelta(days=days)
    assert parse_date(text, today=WED, direction=direction) == expected


def test_words_across_year_end() -> None:
    assert parse_date("i morgen", today=date(2026, 12, 31)) == date(2027, 1, 1)
    assert parse_date("i går", today=date(2027, 1, 1)) == date(2026, 12, 31)
    assert parse_date("i morgen", today=date(2028, 2, 28)) == date(2028, 2, 29)


# --- Weekdays ----------------------------------------------------------------------------

# From Wednesday 20.05.2026: future -> this week's or next week's; past -> the latest.
WEEKDAY_CASES = [
    # text, future, past
    ("man", date(2026, 5, 25), date(2026, 5, 18)),
    ("mandag", date(2026, 5, 25), date(2026, 5, 18)),
    ("tir", date(2026, 5, 26), date(2026, 5, 19)),
    ("tirsdag", date(2026, 5, 26), date(2026, 5, 19)),
    ("ons", date(2026, 5, 20), date(2026, 5, 20)),  # today counts in both directions
    ("onsdag", date(2026, 5, 20), date(2026, 5, 20)),
    ("tor", date(2026, 5, 21), date(2026, 5, 14)),
    ("torsdag", date(2026, 5, 21), date(2026, 5, 14)),
    ("fre", date(2026, 5, 22), date(2026, 5, 15)),
    ("fredag", date(2026, 5, 22), date(2026, 5, 15)),
    ("Fredag", date(2026, 5, 22), date(2026, 5, 15)),
    ("FRE.", date(2026, 5, 22), date(2026, 5, 15)),
    ("lør", date(2026, 5, 23), date(2026, 5, 16)),
    ("lørdag", date(2026, 5, 23), date(2026, 5, 16)),
    ("lor", date(2026, 5, 23), date(2026, 5, 16)),
    ("lordag", date(2026, 5, 23), date(2026, 5, 16)),
    ("søn", date(2026, 5, 24), date(2026, 5, 17)),
    ("søndag", date(2026, 5, 24), date(2026, 5, 17)),
    ("son", date(2026, 5, 24), date(2026, 5, 17)),
    ("sondag", date(2026, 5, 24), date(2026, 5, 17)),
]


@pytest.mark.parametrize(("text", "future", "past"), WEEKDAY_CASES)
def test_weekdays(text: str, future: date, past: date) -> None:
    assert parse_date(text, today=WED, direction="future") == future
    assert parse_date(text, today=WED, direction="past") == past


def test_weekdays_across_year_end() -> None:
    thu = date(2026, 12, 31)
    assert parse_date("mandag", today=thu, direction="future") == date(2027, 1, 4)
    assert parse_date("fredag", today=date(2027, 1, 1), direction="past") == date(2027, 1, 1)
    assert parse_date("tirsdag", today=date(2027, 1, 1), direction="past") == date(2026, 12, 29)


@given(
    today=st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    name=st.sampled_from(["man", "tir", "ons", "tor", "fre", "lør", "søn"]),
)
def test_weekday_property(today: date, name: str) -> None:
    future = parse_date(name, today=today, direction="future")
    past = parse_date(name, today=today, direction="past")
    assert future is not None and past is not None
    assert 0 <= (future - today).days <= 6
    assert 0 <= (today - past).days <= 6
    assert future.weekday() == past.weekday()
    assert (future - past).days in (0, 7)


# --- Relative ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("om 0 dager", date(2026, 5, 20)),
        ("om 1 dag", date(2026, 5, 21)),
        ("om 3 dager", date(2026, 5, 23)),
        ("Om 3 Dager", date(2026, 5, 23)),
        ("om  3  dager", date(2026, 5, 23)),
        ("om 3 dag", date(2026, 5, 23)),
        ("om 1 uke", date(2026, 5, 27)),
        ("om en uke", date(2026, 5, 27)),
        ("om 2 uker", date(2026, 6, 3)),
        ("om to uker", date(2026, 6, 3)),
        ("om 2 måneder", date(2026, 7, 20)),
        ("om 2 maneder", date(2026, 7, 20)),
        ("om 2 mnd", date(2026, 7, 20)),
        ("om 1 måned", date(2026, 6, 20)),
        ("om 1 år", date(2027, 5, 20)),
        ("om 12 uker", date(2026, 8, 12)),
        ("for 3 dager siden", date(2026, 5, 17)),
        ("3 dager siden", date(2026, 5, 17)),
        ("for en uke siden", date(2026, 5, 13)),
        ("for 2 måneder siden", date(2026, 3, 20)),
        ("for 1 år siden", date(2025, 5, 20)),
    ],
)
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_relative(text: str, expected: date, direction: Direction) -> None:
    assert parse_date(text, today=WED, direction=direction) == expected


def test_relative_months_clamp_to_month_end() -> None:
    assert parse_date("om 1 måned", today=date(2026, 1, 31)) == date(2026, 2, 28)
    assert parse_date("om 1 måned", today=date(2028, 1, 31)) == date(2028, 2, 29)
    assert parse_date("om 1 år", today=date(2028, 2, 29)) == date(2029, 2, 28)
    assert parse_date("om 3 dager", today=date(2026, 12, 30)) == date(2027, 1, 2)


# --- Day and month without a year --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "today", "future", "past"),
    [
        ("17.5", WED, date(2027, 5, 17), date(2026, 5, 17)),
        ("17.05", WED, date(2027, 5, 17), date(2026, 5, 17)),
        ("17/5", WED, date(2027, 5, 17), date(2026, 5, 17)),
        ("17. mai", WED, date(2027, 5, 17), date(2026, 5, 17)),
        ("17 mai", WED, date(2027, 5, 17), date(2026, 5, 17)),
        ("25.5", WED, date(2026, 5, 25), date(2025, 5, 25)),
        ("20.5", WED, WED, WED),  # today counts in both directions
        ("1.1", date(2026, 12, 31), date(2027, 1, 1), date(2026, 1, 1)),
        ("31.12", date(2026, 12, 31), date(2026, 12, 31), date(2026, 12, 31)),
        ("31.12", date(2027, 1, 1), date(2027, 12, 31), date(2026, 12, 31)),
        ("1.1", date(2027, 1, 1), date(2027, 1, 1), date(2027, 1, 1)),
        ("2.1", date(2027, 1, 1), date(2027, 1, 2), date(2026, 1, 2)),
        # 29 February: the nearest leap year in the field's direction.
        ("29.2", WED, date(2028, 2, 29), date(2024, 2, 29)),
        ("29.02", date(2028, 2, 29), date(2028, 2, 29), date(2028, 2, 29)),
        ("29.2", date(2028, 3, 1), date(2032, 2, 29), date(2028, 2, 29)),
        ("29.2", date(2028, 2, 28), date(2028, 2, 29), date(2024, 2, 29)),
        ("29. februar", date(2026, 1, 1), date(2028, 2, 29), date(2024, 2, 29)),
        ("28.2", date(2028, 2, 29), date(2029, 2, 28), date(2028, 2, 28)),
    ],
)
def test_day_month_nearest_in_direction(text: str, today: date, future: date, past: date) -> None:
    assert parse_date(text, today=today, direction="future") == future
    assert parse_date(text, today=today, direction="past") == past


@given(
    today=st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    target=st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)),
)
def test_day_month_property(today: date, target: date) -> None:
    text = f"{target.day}.{target.month}"
    future = parse_date(text, today=today, direction="future")
    past = parse_date(text, today=today, direction="past")
    assert future is not None and past is not None
    assert (future.day, future.month) == (past.day, past.month) == (target.day, target.month)
    assert past <= today <= future
    limit = 8 * 366 if (target.day, target.month) == (29, 2) else 366
    assert (future - today).days < limit
    assert (today - past).days < limit


# --- ISO weeks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "today", "future", "past"),
    [
        ("uke 34", WED, date(2026, 8, 17), date(2025, 8, 18)),
        ("Uke 34", WED, date(2026, 8, 17), date(2025, 8, 18)),
        ("uke34", WED, date(2026, 8, 17), date(2025, 8, 18)),
        ("u34", WED, date(2026, 8, 17), date(2025, 8, 18)),
        ("u 34", WED, date(2026, 8, 17), date(2025, 8, 18)),
        # This week's Monday (18.05) is before Wednesday: future takes next year's week 21.
        ("uke 21", WED, date(2027, 5, 24), date(2026, 5, 18)),
        ("uke 21", date(2026, 5, 18), date(2026, 5, 18), date(2026, 5, 18)),
        ("uke 22", WED, date(2026, 5, 25), date(2025, 5, 26)),
        ("uke 1", WED, date(2027, 1, 4), date(2025, 12, 29)),
        ("uke 1", date(2026, 12, 30), date(2027, 1, 4), date(2025, 12, 29)),
        # 1 January 2027 is in week 53 of 2026.
        ("uke 1", date(2027, 1, 1), date(2027, 1, 4), date(2025, 12, 29)),
        ("uke 53", date(2027, 1, 1), None, date(2026, 12, 28)),
        ("uke 53", WED, date(2026, 12, 28), None),  # 2025 has no week 53
        ("uke 53", date(2026, 12, 28), date(2026, 12, 28), date(2026, 12, 28)),
        ("uke 53", date(2026, 12, 29), None, date(2026, 12, 28)),  # 2027 has no week 53
        ("uke 53", date(2027, 6, 1), None, date(2026, 12, 28)),
    ],
)
def test_week_without_year(text: str, today: date, future: date | None, past: date | None) -> None:
    for direction, expected in (("future", future), ("past", past)):
        if expected is None:
            with pytest.raises(DateError, match="ingen uke 53"):
                parse_date(text, today=today, direction=direction)
        else:
            result = parse_date(text, today=today, direction=direction)
            assert result == expected
            assert result.weekday() == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("uke 34 2027", date(2027, 8, 23)),
        ("u34 2027", date(2027, 8, 23)),
        ("uke 34, 2027", date(2027, 8, 23)),
        ("uke 34/2027", date(2027, 8, 23)),
        ("uke 1 2027", date(2027, 1, 4)),
        ("uke 1 2026", date(2025, 12, 29)),
        ("uke 53 2026", date(2026, 12, 28)),
        ("uke 53 2020", date(2020, 12, 28)),
        ("uke 10 2025", date(2025, 3, 3)),
    ],
)
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_week_with_year(text: str, expected: date, direction: Direction) -> None:
    assert parse_date(text, today=WED, direction=direction) == expected


def test_week_53_with_a_year_that_has_none() -> None:
    with pytest.raises(DateError) as info:
        parse_date("uke 53 2027", today=WED, direction="future")
    assert str(info.value) == "Det er ingen uke 53 i 2027."


@given(
    today=st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    week=st.integers(min_value=1, max_value=52),
)
def test_week_property(today: date, week: int) -> None:
    future = parse_date(f"uke {week}", today=today, direction="future")
    past = parse_date(f"uke {week}", today=today, direction="past")
    assert future is not None and past is not None
    assert past <= today <= future
    assert future.isocalendar()[1:] == past.isocalendar()[1:] == (week, 1)
    assert (future - today).days < 371 and (today - past).days < 371


def test_iso_week_monday() -> None:
    assert iso_week_monday(2026, 1) == date(2025, 12, 29)
    assert iso_week_monday(2026, 34) == date(2026, 8, 17)
    assert iso_week_monday(2026, 53) == date(2026, 12, 28)
    assert iso_week_monday(2020, 53) == date(2020, 12, 28)
    assert iso_week_monday(2027, 52) == date(2027, 12, 27)


@pytest.mark.parametrize(("year", "week"), [(2027, 53), (2025, 53), (2026, 0), (2026, 54)])
def test_iso_week_monday_missing_week(year: int, week: int) -> None:
    with pytest.raises(DateError) as info:
        iso_week_monday(year, week)
    assert f"uke {week}" in str(info.value).lower()


# --- Errors ------------------------------------------------------------------------------

BAD_INPUTS = [
    "31.02.2026",
    "29.02.2027",
    "31.4.2026",
    "17.13.2026",
    "0.5.2026",
    "2026-13-01",
    "2026-02-30",
    "175",
    "17",
    "17052026",
    "17.5.",
    "17.05.2026.",
    "17.5.026",
    "17.5.20266",
    "17..5",
    "17.5/2026",
    "abc",
    "32.1",
    "31.4",
    "0.1",
    "1.0",
    "17.13",
    "uke 54",
    "uke 0",
    "uke",
    "u",
    "om x dager",
    "om 3 flodhester",
    "om dager",
    "om -3 dager",
    "om 12345 dager",
    "neste fredag",
    "fredagen",
    "i dag i morgen",
    "17. maj",
    "i morgen!",
    "01.01.1899",
    "01.01.2101",
    "1.1.0000",
    "om 200 år",
    "for 300 år siden",
    "2026-05-17T10:00",
    "١٧.٥.٢٠٢٦",  # Arabic-Indic digits
    "１７.５.２０２６",  # full-width digits
    "17.5 2026",
    "null",
    "None",
    "-",
    ".",
]


@pytest.mark.parametrize("text", BAD_INPUTS)
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_bad_input_raises_date_error(text: str, direction: Direction) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text, today=WED, direction=direction)
    assert type(info.value) is DateError
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert message and message.endswith(".")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31.02.2026", "«31.02.2026» er ikke en gyldig dato."),
        ("abc", "«abc» er ikke en dato. " + DATE_HELP),
        ("175", "«175» er ikke en dato. " + DATE_HELP),
        ("  om x dager ", "«om x dager» er ikke en dato. " + DATE_HELP),
        ("uke 54", "Uke 54 finnes ikke: ukene går fra 1 til 53."),
        ("32.1", "«32.1» er ikke en gyldig dato."),
        ("31.4", "April har ikke dag 31."),
        (
            "01.01.1899",
            f"«01.01.1899» ligger utenfor det appen kan bruke: året må være mellom "
            f"{MIN_YEAR} og {MAX_YEAR}.",
        ),
    ],
)
def test_error_messages(text: str, message: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text, today=WED)
    assert str(info.value) == message


def test_help_lists_the_forms() -> None:
    assert DATE_HELP == "Skriv f.eks. 17.05.2026, 17.5, i morgen, fredag, om 2 uker eller uke 34."
    for form in ("17.05.2026", "17.5", "i morgen", "fredag", "om 2 uker", "uke 34"):
        assert form in DATE_HELP


def test_long_input_is_shortened_in_the_message() -> None:
    with pytest.raises(DateError) as info:
        parse_date("x" * 500, today=WED)
    assert len(str(info.value)) < 200
    assert "…" in str(info.value)


def test_relative_near_the_end_of_the_calendar_is_a_date_error() -> None:
    with pytest.raises(DateError):
        parse_date("om 9999 år", today=date(9000, 1, 1))
    with pytest.raises(DateError):
        parse_date("for 9999 år siden", today=date(2026, 1, 1))
    with pytest.raises(DateError):
        parse_date("om 9999 dager", today=date(9999, 12, 1))


_FRAGMENTS = [
    "17",
    "5",
    "05",
    "2026",
    "26",
    "29",
    "2",
    "31",
    "53",
    "54",
    "0",
    "9999",
    ".",
    "/",
    "-",
    " ",
    ",",
    "i",
    "dag",
    "morgen",
    "går",
    "om",
    "for",
    "siden",
    "dager",
    "uker",
    "måneder",
    "år",
    "uke",
    "u",
    "fre",
    "fredag",
    "mai",
    "en",
    "T",
    ":",
    "+",
    "Z",
]


@given(
    text=st.one_of(
        st.text(),
        st.text(alphabet="0123456789./- ", max_size=14),
        st.lists(st.sampled_from(_FRAGMENTS), max_size=6).map("".join),
        st.lists(st.sampled_from(_FRAGMENTS), max_size=5).map(" ".join),
    ),
    today=st.dates(),
    direction=st.sampled_from(DIRECTIONS),
)
def test_parse_date_never_raises_anything_but_date_error(
    text: str, today: date, direction: Direction
) -> None:
    try:
        result = parse_date(text, today=today, direction=direction)
    except DateError as err:
        assert str(err)
    else:
        assert result is None or (isinstance(result, date) and MIN_YEAR <= result.year <= MAX_YEAR)


@given(
    text=st.one_of(
        st.text(),
        st.text(alphabet="0123456789./-:T+Z ", max_size=26),
    )
)
def test_parse_file_date_never_raises_anything_but_date_error(text: str) -> None:
    try:
        result = parse_file_date(text)
    except DateError as err:
        assert str(err)
    else:
        assert result is None or isinstance(result, date)


@given(
    d=st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31)),
    today=st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    direction=st.sampled_from(DIRECTIONS),
)
def test_format_then_parse_round_trips(d: date, today: date, direction: Direction) -> None:
    shown = format_date(d)
    assert parse_date(shown, today=today, direction=direction) == d
    assert parse_file_date(shown) == d
    assert parse_date(d.isoformat(), today=today) == d


# --- Dates in files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17.05.2026", date(2026, 5, 17)),
        ("17.5.26", date(2026, 5, 17)),
        ("17/5/2026", date(2026, 5, 17)),
        (" 2026-05-17 ", date(2026, 5, 17)),
        ("2026-05-17T10:00:00+02:00", date(2026, 5, 17)),
        ("2026-05-17T10:00:00", date(2026, 5, 17)),
        ("2026-05-17 10:00", date(2026, 5, 17)),
        ("2026-05-17T10:00:00.123456+02:00", date(2026, 5, 17)),
        ("2026-05-17T23:30:00Z", date(2026, 5, 17)),  # the date as written
        ("2026-05-17T00:30:00+0200", date(2026, 5, 17)),
        ("29.02.2028", date(2028, 2, 29)),
        # Either separator, either case; the first and last year the app takes.
        ("2026-05-17t10:00", date(2026, 5, 17)),
        ("2026-05-17T10:00z", date(2026, 5, 17)),
        ("2026-05-17 23:30:00+0200", date(2026, 5, 17)),
        ("2100-12-31T10:00", date(2100, 12, 31)),
        ("1900-01-01 00:00", date(1900, 1, 1)),
        ("01.01.1900", date(1900, 1, 1)),
        ("31.12.2100", date(2100, 12, 31)),
    ],
)
def test_file_dates(text: str, expected: date) -> None:
    assert parse_file_date(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "\t"])
def test_empty_file_date_is_none(text: str) -> None:
    assert parse_file_date(text) is None


@pytest.mark.parametrize(
    "text",
    ["17.5", "17/5", "uke 34", "u34", "fredag", "i dag", "i morgen", "om 2 uker", "abc", "175"],
)
def test_file_dates_must_be_absolute(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_file_date(text)
    assert type(info.value) is DateError
    assert str(info.value).endswith(FILE_DATE_HELP)
    assert FILE_DATE_HELP == "I filer må datoer være fullstendige, som 17.05.2026."


@pytest.mark.parametrize(
    "text", ["31.02.2026", "2026-02-30", "2026-02-30T10:00:00", "2026-05-17T25:00:00", "1.1.1066"]
)
def test_invalid_file_dates(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_file_date(text)
    assert type(info.value) is DateError
    assert f"«{text}»" in str(info.value)


# --- Display -----------------------------------------------------------------------------


def test_format_date() -> None:
    assert format_date(date(2026, 5, 17)) == "17.05.2026"
    assert format_date(date(1905, 1, 2)) == "02.01.1905"
    assert format_date(None) == ""


@pytest.mark.parametrize(
    ("dt", "shown"),
    [
        (datetime(2026, 5, 17, 12, 3, tzinfo=UTC), "17.05.2026 14:03"),  # summer, +02:00
        (datetime(2026, 1, 15, 12, 3, tzinfo=UTC), "15.01.2026 13:03"),  # winter, +01:00
        (datetime(2026, 5, 17, 12, 3), "17.05.2026 14:03"),  # naive is UTC
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "01.01.2027 00:30"),
        (datetime(2026, 5, 17, 12, 3, 59, tzinfo=UTC), "17.05.2026 14:03"),
        (datetime(2026, 5, 17, 17, 3, tzinfo=timezone(timedelta(hours=5))), "17.05.2026 14:03"),
        # The night summer time starts: 01:30 UTC is 03:30 in Oslo.
        (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "29.03.2026 03:30"),
        (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), "29.03.2026 01:30"),
    ],
)
def test_format_datetime(dt: datetime, shown: str) -> None:
    assert format_datetime(dt) == shown


def test_format_datetime_none() -> None:
    assert format_datetime(None) == ""


def test_to_oslo() -> None:
    local = to_oslo(datetime(2026, 5, 17, 12, 0, tzinfo=UTC))
    assert local.utcoffset() == timedelta(hours=2)
    assert (local.hour, local.minute) == (14, 0)
    assert str(local.tzinfo) == "Europe/Oslo"
    assert to_oslo(datetime(2026, 5, 17, 12, 0)) == local  # naive is UTC


# --- Month-end clamp ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((2027, 2, 31), date(2027, 2, 28)),
        ((2028, 2, 31), date(2028, 2, 29)),
        ((2028, 2, 29), date(2028, 2, 29)),
        ((2026, 4, 31), date(2026, 4, 30)),
        ((2026, 12, 31), date(2026, 12, 31)),
        ((2026, 12, 99), date(2026, 12, 31)),
        ((2026, 1, 1), date(2026, 1, 1)),
        ((2100, 2, 29), date(2100, 2, 28)),
    ],
)
def test_month_end_clamp(args: tuple[int, int, int], expected: date) -> None:
    assert month_end_clamp(*args) == expected


@pytest.mark.parametrize("args", [(2026, 0, 1), (2026, 13, 1), (2026, 1, 0)])
def test_month_end_clamp_rejects_impossible_months_and_days(args: tuple[int, int, int]) -> None:
    with pytest.raises(DateError):
        month_end_clamp(*args)
