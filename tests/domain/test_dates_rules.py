"""The date rules of domain/dates.py pinned to the exact result and the exact Norwegian
sentence the user sees: the boundaries (the first and last year, day and week the app
takes), each form's own message and the text repeated in it."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

import pytest

from samhandlingsdesk.domain.dates import (
    DATE_HELP,
    FILE_DATE_HELP,
    DateError,
    Direction,
    iso_week_monday,
    month_end_clamp,
    parse_date,
    parse_file_date,
    to_oslo,
)

WED = date(2026, 5, 20)  # a Wednesday in ISO week 21 of 2026 (a year with a week 53)
OUT_OF_RANGE = "«{}» ligger utenfor det appen kan bruke: året må være mellom 1900 og 2100."
NOT_A_DATE = "«{}» er ikke en dato. " + DATE_HELP
INVALID = "«{}» er ikke en gyldig dato."


def message(text: str, *, today: date = WED, direction: Direction = "past") -> str:
    with pytest.raises(DateError) as info:
        parse_date(text, today=today, direction=direction)
    return str(info.value)


def file_message(text: str) -> str:
    with pytest.raises(DateError) as info:
        parse_file_date(text)
    return str(info.value)


# --- the years the app takes: 1900 to 2100, both included (and test_dates.py) --------------


def test_a_relative_date_may_land_in_the_last_year() -> None:
    assert parse_date("om 1 år", today=date(2099, 6, 1)) == date(2100, 6, 1)
    assert parse_date("om 1 år", today=date(1901, 6, 1), direction="past") == date(1902, 6, 1)


@pytest.mark.parametrize(
    ("text", "today"),
    [
        ("om 2 år", date(2099, 6, 1)),
        ("for 2 år siden", date(1901, 6, 1)),
        ("i morgen", date(2100, 12, 31)),
    ],
)
def test_a_relative_date_past_the_years_names_the_text(text: str, today: date) -> None:
    assert message(text, today=today) == OUT_OF_RANGE.format(text)


def test_arithmetic_past_the_calendar_is_the_same_sentence() -> None:
    assert message("om 9999 år", today=date(9000, 1, 1)) == OUT_OF_RANGE.format("om 9999 år")


@pytest.mark.parametrize("text", ["01.01.1899", "1899-12-31", "1. januar 2101", "1.1.2101"])
def test_an_absolute_date_outside_the_years_names_the_text(text: str) -> None:
    assert message(text) == OUT_OF_RANGE.format(text)


# --- each form's own message names what was typed ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-02-30", INVALID.format("2026-02-30")),
        ("30. februar 2026", INVALID.format("30. februar 2026")),
        ("32. mai", INVALID.format("32. mai")),
        ("0.5", INVALID.format("0.5")),
        ("5.0", INVALID.format("5.0")),
        ("5.13", INVALID.format("5.13")),
        ("30.2", "Februar har ikke dag 30."),
        ("31.11", "November har ikke dag 31."),
        ("om 3 fisker", NOT_A_DATE.format("om 3 fisker")),
        ("for x dager siden", NOT_A_DATE.format("for x dager siden")),
        ("3 fisker siden", NOT_A_DATE.format("3 fisker siden")),
        ("  Om   3   Fisker ", NOT_A_DATE.format("Om 3 Fisker")),
    ],
)
def test_each_form_says_what_is_wrong_with_the_text(text: str, expected: str) -> None:
    assert message(text) == expected
    assert message(text, direction="future") == expected


def test_the_last_day_of_each_month_is_taken_without_a_year() -> None:
    assert parse_date("31.1", today=WED, direction="future") == date(2027, 1, 31)
    assert parse_date("30.4", today=WED) == date(2026, 4, 30)
    assert parse_date("29.3", today=WED) == date(2026, 3, 29)
    assert parse_date("31.12", today=WED) == date(2025, 12, 31)
    assert parse_date("1.1", today=WED) == date(2026, 1, 1)


@pytest.mark.parametrize(
    ("today", "direction", "expected"),
    [
        (date(2026, 5, 20), "past", date(2024, 2, 29)),
        (date(2026, 5, 20), "future", date(2028, 2, 29)),
        (date(2028, 2, 29), "past", date(2028, 2, 29)),
        (date(2028, 2, 29), "future", date(2028, 2, 29)),
        (date(2028, 3, 1), "future", date(2032, 2, 29)),
        (date(2028, 2, 28), "past", date(2024, 2, 29)),
        (date(2101, 1, 1), "past", date(2096, 2, 29)),  # 2100 is no leap year
    ],
)
def test_29_february_without_a_year_is_the_nearest_leap_day(
    today: date, direction: Direction, expected: date
) -> None:
    assert parse_date("29.2", today=today, direction=direction) == expected


def test_29_february_past_the_last_year_is_out_of_range() -> None:
    # The next leap day after 2096 is 29.02.2104 (2100 is no leap year).
    assert message("29.2", today=date(2097, 1, 1), direction="future") == OUT_OF_RANGE.format(
        "29.2"
    )
    assert message("29.2", today=date(9999, 3, 1), direction="future") == OUT_OF_RANGE.format(
        "29.2"
    )
    assert message("29.2", today=date(9999, 3, 1), direction="future") == OUT_OF_RANGE.format(
        "29.2"
    )


# --- the text repeated in a message: at most 40 characters ---------------------------------


def test_forty_characters_are_repeated_whole() -> None:
    text = "x" * 40
    assert message(text) == NOT_A_DATE.format(text)


def test_a_longer_text_is_cut_to_thirty_nine_characters_and_an_ellipsis() -> None:
    assert message("x" * 41) == NOT_A_DATE.format("x" * 39 + "…")
    assert message("y" * 500) == NOT_A_DATE.format("y" * 39 + "…")


def test_the_repeated_text_keeps_its_case_but_not_its_extra_spaces() -> None:
    assert message("  ABC   def ") == NOT_A_DATE.format("ABC def")


# --- ISO weeks ------------------------------------------------------------------------------


@pytest.mark.parametrize("week", [0, 54, 99])
def test_a_week_outside_1_to_53_is_named(week: int) -> None:
    expected = f"Uke {week} finnes ikke: ukene går fra 1 til 53."
    with pytest.raises(DateError) as info:
        iso_week_monday(2026, week)
    assert str(info.value) == expected
    assert message(f"uke {week}") == expected
    assert message(f"uke {week} 2026") == expected


def test_weeks_1_and_53_are_taken() -> None:
    assert iso_week_monday(2026, 1) == date(2025, 12, 29)
    assert iso_week_monday(2026, 53) == date(2026, 12, 28)


@pytest.mark.parametrize(
    ("today", "direction", "year"),
    [
        (WED, "past", 2025),  # 2026's week 53 is still to come; 2025 has none
        (date(2027, 5, 20), "future", 2028),  # neither 2027 nor 2028 has one
        (date(2027, 5, 20), "past", 2026),  # ... but 2026 has: no error
    ],
)
def test_week_53_missing_names_the_year_it_looked_in(
    today: date, direction: Direction, year: int
) -> None:
    if year == 2026:
        assert parse_date("uke 53", today=today, direction=direction) == date(2026, 12, 28)
    else:
        assert message("uke 53", today=today, direction=direction) == (
            f"Det er ingen uke 53 i {year}."
        )


# --- file dates --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1066-01-01T10:00", "2101-01-01 10:00", "1.1.1066"])
def test_a_file_date_outside_the_years_names_the_cell(text: str) -> None:
    assert file_message(text) == OUT_OF_RANGE.format(text)


@pytest.mark.parametrize("text", ["2026-05-17T25:00", "2026-02-30 10:00", "31.02.2026"])
def test_an_impossible_file_date_names_the_cell(text: str) -> None:
    assert file_message(text) == INVALID.format(text)


@pytest.mark.parametrize("text", ["17.5", "Uke 34", "I morgen"])
def test_a_relative_file_date_names_the_cell_and_the_form_wanted(text: str) -> None:
    assert file_message(text) == f"«{text}» er ikke en fullstendig dato. " + FILE_DATE_HELP


# --- month-end clamp, Oslo time -----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "shown"),
    [((2026, 13, 1), "1.13.2026"), ((2026, 0, 5), "5.0.2026"), ((2026, 2, 0), "0.2.2026")],
)
def test_month_end_clamp_names_the_impossible_date(args: tuple[int, int, int], shown: str) -> None:
    with pytest.raises(DateError) as info:
        month_end_clamp(*args)
    assert str(info.value) == INVALID.format(shown)


def test_month_end_clamp_takes_the_first_and_last_month() -> None:
    assert month_end_clamp(2026, 1, 1) == date(2026, 1, 1)
    assert month_end_clamp(2026, 12, 32) == date(2026, 12, 31)


class _NoOffset(tzinfo):
    """A time zone that does not know its offset: Python treats such a time as naive."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None


def test_a_time_zone_without_an_offset_is_taken_as_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")  # so a "local time" reading would show
    time.tzset()
    try:
        local = to_oslo(datetime(2026, 5, 17, 12, 0, tzinfo=_NoOffset()))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert (local.date(), local.hour, local.minute) == (date(2026, 5, 17), 14, 0)
    assert local.utcoffset() == timedelta(hours=2)
