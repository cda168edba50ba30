"""The inbox in phases (critical first, then by due date), weights and badges, the summary
counts against a hand-counted desk, and their query plans (issue #13)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from samhandlingsdesk.store.commands import Commands, Created
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.store.repo import ListFilter, Repo, Summary
from tests.conftest import TODAY

Make = Callable[..., Created]


def _set(raw: sqlite3.Connection, cid: str, **cols: object) -> None:
    sets = ", ".join(f"{k} = ?" for k in cols)
    raw.execute(f'UPDATE "case" SET {sets} WHERE id = ?', (*cols.values(), cid))
    raw.commit()


def test_critical_cases_come_first_then_by_due_date(
    make_case: Make, repo: Repo, raw: sqlite3.Connection
) -> None:
    early = make_case("veiledning", received_on=date(2026, 11, 2))  # due 05.11, frist
    # A LIS1 drop-out that arrived today: critical from tomorrow… and one from last week.
    lis1_new = make_case("lis1", notice_type="frafall_for", received_on=TODAY, event_on=TODAY)
    lis1_old = make_case(
        "lis1",
        notice_type="frafall_for",
        received_on=date(2026, 11, 16),
        event_on=date(2026, 11, 16),
    )
    assert repo.row(lis1_old.id).critical_on == date(2026, 11, 17)  # type: ignore[union-attr]
    rows = [r.id for r in repo.page(ListFilter(), TODAY).rows]
    assert rows[0] == lis1_old.id  # critical first, although «early» is due earlier
    assert rows.index(early.id) < rows.index(lis1_new.id)  # the new one is not critical yet
    tomorrow = TODAY + timedelta(days=1)
    rows = [r.id for r in repo.page(ListFilter(), tomorrow).rows]
    assert rows[:2] == [lis1_old.id, lis1_new.id]
    badges = {r.id: r.badge(tomorrow) for r in repo.page(ListFilter(), tomorrow).rows}
    assert badges[lis1_new.id] == "critical" and badges[early.id] == "overdue"


def test_paging_crosses_the_phases_without_losing_or_repeating(
    make_case: Make, repo: Repo, raw: sqlite3.Connection
) -> None:
    made = []
    for i in range(7):
        c = make_case("veiledning", received_on=date(2026, 11, 2 + i))
        made.append(c.id)
        if i % 2:
            _set(raw, c.id, critical_on=f"2026-11-{10 + i:02d}")
    made.append(make_case("hospitering").id)  # ours, no due date
    whole = [r.id for r in repo.page(ListFilter(), TODAY).rows]
    paged: list[str] = []
    after = None
    while True:
        page = repo.page(ListFilter(), TODAY, after=after, limit=2)
        paged += [r.id for r in page.rows]
        if page.next is None:
            break
        after = page.next
    assert paged == whole and sorted(paged) == sorted(made)
    crit = [r for r in repo.page(ListFilter(), TODAY).rows if r.critical_on]
    assert [r.id for r in crit] == whole[:3]


def test_the_critical_phase_reads_its_index(make_case: Make, repo: Repo) -> None:
    make_case("lis1", notice_type="frafall_for")
    for phase in ("critical", "due", "none"):
        plan = repo.explain(ListFilter(), TODAY, phase)
        text = " | ".join(plan)
        assert "INDEX" in text, text
        assert "TEMP B-TREE" not in text, text
        assert not any(p.strip() == "SCAN case" for p in plan), text
    assert "ix_case_critical" in " ".join(repo.explain(ListFilter(), TODAY, "critical"))


def test_summary_counts_a_hand_counted_desk(
    commands: Commands, make_case: Make, repo: Repo, raw: sqlite3.Connection
) -> None:
    # Monday 23 Nov: Sunday is the 29th.
    def case(**cols: object) -> str:
        c = make_case("veiledning")
        _set(raw, c.id, **cols)
        return c.id

    case(due_on="2026-11-20", critical_on="2026-11-20")  # critical (overdue too)
    case(due_on="2026-11-23", critical_on="2026-11-23")  # critical (today too)
    case(due_on="2026-11-01")  # overdue
    case(due_on="2026-11-22")  # overdue
    case(due_on="2026-11-23")  # today
    case(due_on="2026-11-24")  # this week
    case(due_on="2026-11-29")  # this week (Sunday)
    case(due_on="2026-11-30")  # next week: not counted
    case(due_on="2026-11-30", critical_on="2026-11-30")  # critical later: not yet
    case(due_on="2026-11-01", snoozed_until="2026-11-25")  # snoozed: not counted
    case(due_on="2026-11-01", snoozed_until="2026-11-23")  # snooze over: overdue
    closed = make_case("veiledning")
    commands.transition(closed.id, 1, "trukket", reason="annet")
    _set(raw, closed.id, due_on="2026-11-01")  # closed: never counted
    old = datetime(2026, 11, 1, 8, 0, tzinfo=UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    raw.execute('UPDATE "case" SET created_at = ?', (old,))
    raw.commit()
    fresh = make_case("veiledning")  # created now: new
    _set(raw, fresh.id, due_on="2026-12-20")
    since = datetime.now(UTC) - timedelta(hours=1)
    assert repo.summary(TODAY, since) == Summary(critical=2, overdue=3, today=1, week=2, new=1)
    assert repo.summary(TODAY, datetime.now(UTC) + timedelta(hours=1)).new == 0


def test_summary_reads_the_covering_index_alone(make_case: Make, repo: Repo) -> None:
    make_case("veiledning")
    plan = " | ".join(repo.explain_summary(TODAY))
    assert "SEARCH case USING COVERING INDEX ix_case_counts (due_on<?)" in plan, plan
    assert "SEARCH case USING COVERING INDEX ix_case_new (created_at>?)" in plan, plan
    assert "TEMP B-TREE" not in plan and "SCAN" not in plan


def test_new_counts_from_the_last_opening_on_an_earlier_day(desk: Desk) -> None:
    monday = Commands(desk, today=date(2026, 11, 23))
    t0 = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    assert monday.desk_opened(t0) == t0 - timedelta(hours=24)  # first opening
    # Opened again the same day: still the last 24 hours.
    t1 = t0 + timedelta(hours=3)
    assert monday.desk_opened(t1) == t1 - timedelta(hours=24)
    # Thursday: everything since Monday's last opening is new.
    thursday = Commands(desk, today=date(2026, 11, 26))
    t2 = datetime(2026, 11, 26, 7, 0, tzinfo=UTC)
    assert thursday.desk_opened(t2) == t1
    assert thursday.desk_opened(t2 + timedelta(hours=1)) == t1  # same day again
