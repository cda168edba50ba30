"""A demo desk has real histories, status dates and a follow-up on every waiting case
(issue #13; DOMAIN.md «Follow-ups»)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from samhandlingsdesk.io.demo import generate, shift_dates

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    generate(path, 400, 7, TODAY)
    return path


def _conn(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return conn


def test_no_open_case_waiting_on_others_lacks_a_due_date(demo: Path) -> None:
    conn = _conn(demo)
    forgotten = conn.execute(
        "SELECT ref, status FROM \"case\" WHERE is_open = 1 AND whose_move = 'theirs' "
        "AND due_on IS NULL"
    ).fetchall()
    waiting = conn.execute(
        "SELECT count(*) FROM \"case\" WHERE is_open = 1 AND whose_move = 'theirs'"
    ).fetchone()[0]
    assert waiting > 30
    assert [tuple(r) for r in forgotten] == []
    keys = conn.execute(
        'SELECT count(*) FROM "case" WHERE due_on IS NOT NULL AND due_key IS NULL'
    ).fetchone()[0]
    assert keys == 0


def test_every_case_has_status_since_and_closed_cases_closed_on(demo: Path) -> None:
    conn = _conn(demo)
    assert conn.execute('SELECT count(*) FROM "case" WHERE status_since IS NULL').fetchone()[0] == 0
    rows = conn.execute(
        'SELECT is_open, closed_on, status_since, received_on FROM "case"'
    ).fetchall()
    for r in rows:
        assert r["status_since"] >= r["received_on"]
        assert r["status_since"] <= TODAY.isoformat()
        if r["is_open"]:
            assert r["closed_on"] is None
        else:
            assert r["closed_on"] == r["status_since"]


def test_moves_are_recorded_as_events(demo: Path) -> None:
    conn = _conn(demo)
    cases = conn.execute(
        'SELECT id, status, status_since FROM "case" WHERE status_since > received_on'
    ).fetchall()
    assert len(cases) > 100
    for c in cases:
        moves = conn.execute(
            "SELECT field, new FROM event WHERE case_id = ? AND action = 'transition' ORDER BY id",
            (c["id"],),
        ).fetchall()
        status = [m["new"] for m in moves if m["field"] == "status"]
        since = [m["new"] for m in moves if m["field"] == "status_since"]
        assert status and status[-1] == c["status"]
        assert since[-1] == c["status_since"]
    # Histories run forward in time: no move before the creation.
    bad = conn.execute(
        "SELECT count(*) FROM event m JOIN event c ON c.case_id = m.case_id "
        "AND c.action = 'create' WHERE m.action = 'transition' AND m.at < c.at"
    ).fetchone()[0]
    assert bad == 0


def test_shift_moves_status_dates_and_keeps_follow_ups(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(demo.read_bytes())
    before = {
        r["id"]: (r["status_since"], r["critical_on"])
        for r in _conn(copy).execute('SELECT id, status_since, critical_on FROM "case"')
    }
    shift_dates(copy, TODAY + timedelta(days=100))
    conn = _conn(copy)
    for r in conn.execute('SELECT id, status_since, critical_on FROM "case"'):
        since, critical = before[r["id"]]
        assert r["status_since"] == (date.fromisoformat(since) + timedelta(days=100)).isoformat()
        if critical:
            assert r["critical_on"] is not None
    forgotten = conn.execute(
        "SELECT count(*) FROM \"case\" WHERE is_open = 1 AND whose_move = 'theirs' "
        "AND due_on IS NULL"
    ).fetchone()[0]
    assert forgotten == 0
