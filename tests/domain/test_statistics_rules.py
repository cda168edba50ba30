"""The rules of domain/statistics.py pinned directly: periods and their labels, the
figures (median, percentile, «<3», «–»), the LIS1 and LIS3 deadline answers and the
months between two days — with the days and counts that tell a rule from a near miss."""

from __future__ import annotations

from datetime import date

import pytest

from samhandlingsdesk.domain.statistics import (
    Cell,
    Period,
    Report,
    Scope,
    StatRow,
    StatTable,
    count_cell,
    format_number,
    in_period,
    lis1_timeliness,
    lis3_confirmation_answer,
    median,
    month_label,
    months_between,
    percentile,
    period_for,
    stat_cell,
    sum_cell,
)

TODAY = date(2026, 11, 23)

# --- periods ---------------------------------------------------------------------------


def test_a_year_runs_from_new_year_to_new_years_eve() -> None:
    assert Period.year(2026) == Period(date(2026, 1, 1), date(2026, 12, 31), "2026")


@pytest.mark.parametrize(
    ("q", "start", "end"),
    [
        (1, date(2026, 1, 1), date(2026, 3, 31)),
        (2, date(2026, 4, 1), date(2026, 6, 30)),
        (3, date(2026, 7, 1), date(2026, 9, 30)),
        (4, date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_a_quarter_is_three_whole_months(q: int, start: date, end: date) -> None:
    assert Period.quarter(2026, q) == Period(start, end, f"{q}. kvartal 2026")


@pytest.mark.parametrize("q", [0, 5, -1])
def test_a_quarter_outside_one_to_four_is_refused_in_words(q: int) -> None:
    with pytest.raises(ValueError) as bad:
        Period.quarter(2026, q)
    assert str(bad.value) == f"Kvartal må være 1, 2, 3 eller 4, ikke {q}."


def test_a_period_between_two_days_includes_both_and_is_labelled_with_them() -> None:
    assert Period.between(date(2026, 2, 1), date(2026, 3, 15)) == Period(
        date(2026, 2, 1), date(2026, 3, 15), "01.02.2026–15.03.2026"
    )
    one_day = Period.between(date(2026, 2, 1), date(2026, 2, 1))
    assert (one_day.start, one_day.end) == (date(2026, 2, 1), date(2026, 2, 1))


def test_a_period_that_ends_before_it_begins_is_refused_in_words() -> None:
    with pytest.raises(ValueError) as bad:
        Period.between(date(2026, 2, 2), date(2026, 2, 1))
    assert str(bad.value) == "Perioden slutter (01.02.2026) før den begynner (02.02.2026)."


def test_a_period_names_its_months_across_a_new_year() -> None:
    period = Period.between(date(2025, 11, 30), date(2026, 2, 1))
    assert period.months() == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert period.iso == ("2025-11-30", "2026-02-01")
    assert Period.between(date(2026, 5, 31), date(2026, 5, 31)).months() == ["2026-05"]
    assert Period.year(2026).months()[-1] == "2026-12"
    assert len(Period.year(2026).months()) == 12


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("this", Period.year(2026)),
        ("last", Period.year(2025)),
        ("q1", Period.quarter(2026, 1)),
        ("q2", Period.quarter(2026, 2)),
        ("q3", Period.quarter(2026, 3)),
        ("q4", Period.quarter(2026, 4)),
    ],
)
def test_the_screens_period_choices(choice: str, expected: Period) -> None:
    assert period_for(choice, TODAY) == expected


def test_a_chosen_period_needs_both_days() -> None:
    start, end = date(2026, 1, 1), date(2026, 6, 30)
    assert period_for("custom", TODAY, start, end) == Period.between(start, end)
    for given in ((start, None), (None, end), (None, None)):
        with pytest.raises(ValueError) as bad:
            period_for("custom", TODAY, *given)
        assert str(bad.value) == "Skriv både fra- og til-dato for perioden."


def test_a_month_is_named_with_its_year_only_when_asked() -> None:
    assert month_label("2026-01", False) == "jan"
    assert month_label("2026-12", True) == "des 2026"
    assert month_label("2025-05", True) == "mai 2025"


# --- figures ---------------------------------------------------------------------------


def test_the_median_of_an_odd_and_an_even_count() -> None:
    assert median([5]) == 5.0
    assert median([9, 1, 5]) == 5.0
    assert median([4, 1, 3, 2]) == 2.5
    assert median([1, 10]) == 5.5


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        (list(range(1, 11)), 90, 9.0),
        (list(range(1, 102)), 90, 91.0),  # 90.9 ranks up to 91
        ([10, 28], 90, 28.0),
        ([7], 90, 7.0),
        ([3, 1, 2], 0, 1.0),  # at least the first rank
        ([3, 1, 2], 100, 3.0),
    ],
)
def test_the_nearest_rank_percentile(values: list[float], p: float, expected: float) -> None:
    assert percentile(values, p) == expected


@pytest.mark.parametrize(
    ("value", "shown"), [(3, "3"), (3.0, "3"), (2.5, "2,5"), (0, "0"), (10.25, "10,2")]
)
def test_a_number_is_shown_the_norwegian_way(value: float, shown: str) -> None:
    assert format_number(value) == shown


def test_a_small_count_is_masked_only_in_a_sensitive_breakdown() -> None:
    assert count_cell([4, 2, 4], masked=True, exact=False) == Cell(None, "<3", (2, 4))
    assert count_cell([1], masked=True, exact=False) == Cell(None, "<3", (1,))
    assert count_cell([1, 2, 3], masked=True, exact=False) == Cell(3, "3", (1, 2, 3))
    assert count_cell([], masked=True, exact=False) == Cell(0, "0", ())
    assert count_cell([1, 2], masked=True, exact=True) == Cell(2, "2", (1, 2))
    assert count_cell([1, 2], masked=False, exact=False) == Cell(2, "2", (1, 2))


def test_a_count_of_things_among_cases_is_masked_by_that_count() -> None:
    assert count_cell([1, 2, 3], masked=True, exact=False, n=2) == Cell(None, "<3", (1, 2, 3))
    assert count_cell([1], masked=True, exact=False, n=5) == Cell(5, "5", (1,))
    assert count_cell([1], masked=True, exact=False, n=0) == Cell(0, "0", (1,))


def test_a_sum_shows_its_total_and_the_cases_once() -> None:
    assert sum_cell(7, [3, 1, 3]) == Cell(7, "7", (1, 3))


def test_a_median_or_percentile_needs_three_cases_unless_exact() -> None:
    assert stat_cell([], [], "median", exact=True) == Cell(None, "–", ())
    assert stat_cell([1, 2], [2, 1, 2], "median", exact=False) == Cell(None, "–", (1, 2))
    assert stat_cell([1, 2], [1, 2], "median", exact=True) == Cell(1.5, "1,5", (1, 2))
    assert stat_cell([1, 2, 4], [3, 1, 2], "median", exact=False) == Cell(2, "2", (1, 2, 3))
    tenths = [1.04, 2.0, 3.0]
    assert stat_cell(tenths, [1, 2, 3], "p90", exact=False) == Cell(3.0, "3", (1, 2, 3))
    assert stat_cell([1.04, 1.26, 9.0], [1], "median", exact=False) == Cell(1.3, "1,3", (1,))
    assert stat_cell(list(range(1, 11)), [1], "p90", exact=False) == Cell(9, "9", (1,))


def _table(*labels: str) -> StatTable:
    rows = tuple(StatRow(label, (Cell(1, "1"),)) for label in labels)
    return StatTable("k", "Tittel", "lis1", "Rad", ("Antall",), rows)


def test_a_chart_draws_every_row_but_the_total() -> None:
    assert _table("jan", "I alt", "feb").chart_rows() == [0, 2]
    assert _table("I alt").chart_rows() == []


def test_a_report_finds_its_tables_by_key() -> None:
    first, second = _table("a"), StatTable("other", "T", "lis3", "Rad", (), ())
    report = Report(Scope(Period.year(2026)), TODAY, None, False, (first, second))
    assert report.table("other") is second
    with pytest.raises(KeyError) as missing:
        report.table("nothing")
    assert missing.value.args == ("nothing",)


def test_a_scope_is_labelled_by_its_period_and_party_or_side() -> None:
    year = Period.year(2026)
    assert Scope(year).label == "2026"
    assert Scope(year, party="Bø kommune").label == "2026 · Bø kommune"
    assert Scope(year, party="Bø kommune", side="kommune").label == "2026 · Bø kommune"
    assert Scope(year, side="kommune").label == "2026 · kommunene"
    assert Scope(year, side="helseforetak").label == "2026 · helseforetaket"
    assert Scope(year, side="annet").label == "2026 · annet"


def test_the_rules_a_report_follows() -> None:
    from samhandlingsdesk.domain.text import stats as txt

    def rules(exact: bool, party: str | None = None, side: str | None = None) -> tuple:
        scope = Scope(Period.year(2026), party=party, side=side)
        return Report(scope, TODAY, None, exact).rules()

    assert rules(False) == (*txt.RULES, txt.RULE_FEW)
    assert rules(True) == (*txt.RULES, txt.RULE_EXACT)
    assert rules(False, party="Bø") == (*txt.RULES, txt.RULE_FEW, txt.RULE_PARTY)
    assert rules(True, side="kommune") == (*txt.RULES, txt.RULE_EXACT, txt.RULE_PARTY)


@pytest.mark.parametrize(
    ("iso", "inside"),
    [
        ("2026-01-01", True),
        ("2026-03-31T23:59:59", True),
        ("2025-12-31", False),
        ("2026-04-01", False),
        (None, False),
    ],
)
def test_a_day_is_in_a_period_by_its_date_part(iso: str | None, inside: bool) -> None:
    assert in_period(iso, ("2026-01-01", "2026-03-31")) is inside


# --- LIS1: were the notifications made in time? -----------------------------------------

# Friday 2 January 2026; two working days later is Tuesday 6 January.
EVENT = "2026-01-02"


def _lis1(notice_type: str | None, **dates: object) -> dict[str, object]:
    return {"notice_type": notice_type, "event_on": EVENT, **dates}


@pytest.mark.parametrize(
    ("values", "answer"),
    [
        (_lis1("restplass", hospital_notified_on="2026-01-06"), "in_time"),
        (_lis1("restplass", hospital_notified_on="2026-01-07"), "late"),
        (_lis1("restplass", hospital_notified_on=date(2026, 1, 6)), "in_time"),
        (_lis1("restplass", hospital_notified_on="2026-01-07 09:30:00"), "late"),
        (_lis1("restplass", hospital_notified_on=""), "missing"),
        (_lis1("restplass"), "missing"),
        (_lis1("forsinkelse", other_party_informed_on="2026-01-05"), "in_time"),
        (_lis1("forsinkelse", hospital_notified_on="2026-01-05"), "missing"),
        (_lis1(None, hospital_notified_on="2026-01-05"), "unknown"),
        (_lis1("", hospital_notified_on="2026-01-05"), "unknown"),
        (_lis1("ukjent", hospital_notified_on="2026-01-05"), "unknown"),
        ({"notice_type": "restplass", "hospital_notified_on": "2026-01-05"}, "unknown"),
        ({**_lis1("restplass", hospital_notified_on="2026-01-05"), "event_on": ""}, "unknown"),
    ],
)
def test_lis1_notifications_within_the_working_days(values: dict[str, object], answer: str) -> None:
    assert lis1_timeliness(values, 2) == answer


@pytest.mark.parametrize("notice_type", ["frafall_for", "frafall_under"])
@pytest.mark.parametrize(
    ("hospital", "statsforvalter", "confirmed", "answer"),
    [
        ("2026-01-05", "2026-01-06", False, "in_time"),
        ("2026-01-05", "2026-01-06", True, "in_time"),
        ("2026-01-07", "2026-01-06", False, "late"),
        ("2026-01-05", "2026-01-07", True, "late"),
        ("2026-01-07", None, False, "late"),  # late beats missing
        ("2026-01-05", None, False, "missing"),
        (None, "2026-01-05", False, "missing"),
        ("2026-01-05", None, True, "unknown"),  # confirmed by the municipality, no date
        (None, None, True, "missing"),  # the hospital's date is missing all the same
        (None, None, False, "missing"),
    ],
)
def test_a_drop_out_needs_the_hospital_and_the_statsforvalter(
    notice_type: str, hospital: str | None, statsforvalter: str | None, confirmed: bool, answer: str
) -> None:
    values = _lis1(
        notice_type,
        hospital_notified_on=hospital,
        statsforvalter_notified_on=statsforvalter,
        statsforvalter_confirmed=confirmed,
    )
    assert lis1_timeliness(values, 2) == answer


def test_the_confirmation_of_a_statsforvalter_does_not_excuse_another_notice() -> None:
    values = _lis1("forsinkelse", statsforvalter_confirmed=True)
    assert lis1_timeliness(values, 2) == "missing"


# --- LIS3: was the confirmation asked for six months before the start? -------------------

START = date(2027, 6, 1)
DUE = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("requested", "today", "answer"),
    [
        (date(2026, 12, 1), TODAY, "in_time"),
        ("2026-11-30", TODAY, "in_time"),
        (date(2026, 12, 2), TODAY, "late"),
        (None, date(2026, 11, 30), "not_due"),
        (None, DUE, "not_due"),  # due today: not missing yet
        ("", date(2026, 12, 2), "missing"),
        (None, date(2026, 12, 2), "missing"),
    ],
)
def test_lis3_confirmation_asked_on_or_before_its_due_day(
    requested: object, today: date, answer: str
) -> None:
    assert lis3_confirmation_answer(START, requested, today) == (DUE, answer)


def test_lis3_confirmation_needs_a_desired_start() -> None:
    assert lis3_confirmation_answer(None, DUE, TODAY) is None
    assert lis3_confirmation_answer("", DUE, TODAY) is None
    assert lis3_confirmation_answer("2027-08-31", None, TODAY) == (date(2027, 2, 28), "not_due")


# --- months between two days --------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "months"),
    [
        (date(2026, 1, 1), date(2026, 1, 1), 0.0),
        ("2026-01-01", "2026-01-31 12:00:00", 30 / 30.44),
        (date(2026, 1, 1), date(2027, 1, 1), 365 / 30.44),
        (date(2026, 1, 2), date(2026, 1, 1), None),  # the end before the start
        (None, date(2026, 1, 1), None),
        (date(2026, 1, 1), None, None),
        ("", "2026-01-01", None),
        ("2026-01-01", "", None),
    ],
)
def test_months_between_two_days(first: object, last: object, months: float | None) -> None:
    assert months_between(first, last) == months
