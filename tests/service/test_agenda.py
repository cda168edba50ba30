"""The agenda use case (issue #13): grouping around weekends, Easter, 17 May and Whit
Monday 2027, snoozed cases, weights, counts per group and kind, and the query plans."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

import pytest

from samhandlingsdesk.service.agenda import build_agenda, group_of, week_end
from samhandlingsdesk.store.agenda import explain_counts, explain_rows
from samhandlingsdesk.store.commands import Commands, Created
from samhandlingsdesk.store.repo import Repo

Make = Callable[..., Created]


@pytest.mark.parametrize(
    ("today", "on", "group"),
    [
        # Monday 23 Nov 2026: the rest of the week runs to Sunday 29.
        (date(2026, 11, 23), date(2026, 11, 20), "forfalt"),
        (date(2026, 11, 23), date(2026, 11, 23), "i_dag"),
        (date(2026, 11, 23), date(2026, 11, 29), "uken"),
        (date(2026, 11, 23), date(2026, 11, 30), "neste_uke"),
        (date(2026, 11, 23), date(2026, 12, 6), "neste_uke"),
        (date(2026, 11, 23), date(2026, 12, 7), "senere"),
        # Friday: Saturday and Sunday are the rest of the week; Monday is next week.
        (date(2026, 11, 27), date(2026, 11, 29), "uken"),
        (date(2026, 11, 27), date(2026, 11, 30), "neste_uke"),
        # Sunday: the rest of the week is empty, Monday starts the next ISO week.
        (date(2026, 11, 29), date(2026, 11, 30), "neste_uke"),
        (date(2026, 11, 29), date(2026, 12, 6), "neste_uke"),
        (date(2026, 11, 29), date(2026, 12, 7), "senere"),
        # Over New Year: ISO week 53 of 2026 runs Mon 28 Dec – Sun 3 Jan.
        (date(2026, 12, 30), date(2027, 1, 3), "uken"),
        (date(2026, 12, 30), date(2027, 1, 4), "neste_uke"),
    ],
)
def test_group_of(today: date, on: date, group: str) -> None:
    assert group_of(on, today) == group


def test_week_end_on_sunday_is_today() -> None:
    assert week_end(date(2026, 11, 29)) == date(2026, 11, 29)


def _veiledning(make_case: Make, received: date) -> Created:
    return make_case("veiledning", received_on=received)  # not assessed: + 3 working days


def _groups(repo: Repo, today: date) -> dict[str, list[str]]:
    agenda = build_agenda(repo, today)
    return {key: [i.row.ref for i in items] for key, _, items in agenda.groups()}


def test_easter_2027(make_case: Make, repo: Repo) -> None:
    # Wednesday 24 March 2027 + 3 working days over Easter (25, 26, 29 March off) -> Thu 1 Apr.
    c = _veiledning(make_case, date(2027, 3, 24))
    assert repo.row(c.id).due_on == date(2027, 4, 1)  # type: ignore[union-attr]
    assert c.ref in _groups(repo, date(2027, 3, 24))["neste_uke"]
    assert c.ref in _groups(repo, date(2027, 3, 28))["neste_uke"]  # Easter Sunday
    assert c.ref in _groups(repo, date(2027, 3, 29))["uken"]  # Easter Monday
    assert c.ref in _groups(repo, date(2027, 4, 1))["i_dag"]
    assert c.ref in _groups(repo, date(2027, 4, 2))["forfalt"]


def test_17_may_and_whit_monday_2027(make_case: Make, repo: Repo) -> None:
    # Thursday 13 May 2027 + 3: Friday 14, (Whit Monday and 17 May are one day) 18, 19.
    c = _veiledning(make_case, date(2027, 5, 13))
    assert repo.row(c.id).due_on == date(2027, 5, 19)  # type: ignore[union-attr]
    assert c.ref in _groups(repo, date(2027, 5, 14))["neste_uke"]
    sunday = _groups(repo, date(2027, 5, 16))
    assert sunday["uken"] == [] and c.ref in sunday["neste_uke"]
    assert c.ref in _groups(repo, date(2027, 5, 17))["uken"]  # the holiday itself


def test_snoozed_cases_stay_away_until_their_day(
    commands: Commands, make_case: Make, repo: Repo
) -> None:
    c = _veiledning(make_case, date(2026, 11, 20))  # due Wed 25 Nov
    commands.snooze([c.id], date(2026, 11, 27))
    refs = lambda today: [i.row.ref for i in build_agenda(repo, today).items]  # noqa: E731
    assert c.ref not in refs(date(2026, 11, 23))
    assert c.ref not in refs(date(2026, 11, 26))
    assert c.ref in refs(date(2026, 11, 27))
    assert build_agenda(repo, date(2026, 11, 26)).counts["forfalt"] == 0


def test_items_carry_their_rule_and_weight_and_counts_per_kind(
    make_case: Make, repo: Repo, raw: sqlite3.Connection
) -> None:
    today = date(2026, 11, 23)
    make_case("lis1", notice_type="frafall_for", received_on=date(2026, 11, 16))
    make_case("hospitering", status="hos_egen_leder", received_on=date(2026, 11, 2))
    _veiledning(make_case, date(2026, 11, 23))
    agenda = build_agenda(repo, today)
    got = {(i.group, i.row.kind, i.weight, i.reason) for i in agenda.items}
    assert ("forfalt", "lis1", "kritisk", "LIS1 frafall: Statsforvalteren er ikke varslet") in got
    assert (
        "forfalt",
        "hospitering",
        "oppfolging",
        "Venter på egen leder siden 02.11.2026 (15 virkedager)",
    ) in got
    assert ("uken", "veiledning", "frist", "Henvendelsen er ikke vurdert") in got
    assert agenda.counts["forfalt"] == 2  # LIS1 has two rules but is one case
    assert agenda.by_kind["forfalt"] == {"lis1": 1, "hospitering": 1}
    assert agenda.counts["uken"] == 1
    assert agenda.pressing
    later = build_agenda(repo, today, days=1)
    assert [i.row.kind for i in later.items if i.group != "forfalt"] == []
    only = build_agenda(repo, today, kind="veiledning")
    assert [i.row.kind for i in only.items] == ["veiledning"]


def test_the_agenda_reads_indexes(make_case: Make, repo: Repo) -> None:
    _veiledning(make_case, date(2026, 11, 20))
    rows = " | ".join(explain_rows(repo, date(2026, 11, 23)))
    assert "USING INDEX ix_case_inbox" in rows and "TEMP B-TREE" not in rows, rows
    counts = " | ".join(explain_counts(repo, date(2026, 11, 23)))
    assert "USING COVERING INDEX ix_case_counts" in counts, counts
