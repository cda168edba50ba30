"""The 0002 backfill of status_since/closed_on and the recompute that follows the upgrade
(DOMAIN.md «Dates that statistics and retention count from», «Follow-ups»): a desk built
at revision 0001 with Alembic, filled, then upgraded by opening it."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from alembic import command

from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import open_desk
from samhandlingsdesk.store.migrate import alembic_config

CASE_SQL = (
    'INSERT INTO "case" (id, ref, ref_year, ref_seq, kind, queue, status, whose_move, '
    "is_open, flag_count, title, received_on, created_at, updated_at, version) VALUES "
    "(?, ?, 2026, ?, ?, ?, ?, ?, ?, 0, 'T', ?, '2026-01-05 08:00:00.000000', ?, 1)"
)
EVENT_SQL = (
    "INSERT INTO event (case_id, batch_id, at, action, field, old, new, undone_by) "
    "VALUES (?, ?, ?, 'transition', 'status', ?, ?, ?)"
)


def _desk_at_0001(path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    conn = sqlite3.connect(path)
    cases = [
        # id, seq, kind, queue, status, move, open, received, updated
        (
            "a",
            1,
            "hospitering",
            "hospitering",
            "mottatt_vertsenhet",
            "theirs",
            1,
            "2026-03-02",
            "2026-06-01 10:00:00.000000",
        ),
        (
            "b",
            2,
            "hospitering",
            "hospitering",
            "hos_egen_leder",
            "theirs",
            1,
            "2026-04-01",
            "2026-04-01 10:00:00.000000",
        ),
        (
            "c",
            3,
            "hospitering",
            "hospitering",
            "trukket",
            "done",
            0,
            "2026-02-02",
            "2026-05-20 21:30:00.000000",
        ),
        (
            "d",
            4,
            "hospitering",
            "hospitering",
            "evaluert",
            "done",
            0,
            "2026-01-05",
            "2026-02-10 09:00:00.000000",
        ),
    ]
    for cid, seq, kind, queue, status, move, is_open, received, updated in cases:
        conn.execute(
            CASE_SQL,
            (cid, f"H-2026-{seq:04d}", seq, kind, queue, status, move, is_open, received, updated),
        )
        conn.execute(f"INSERT INTO {kind} (case_id) VALUES (?)", (cid,))
    events = [
        ("a", "b1", "2026-04-10 08:00:00.000000", "mottatt", "sendt_vertsenhet", None),
        ("a", "b2", "2026-05-04 09:00:00.000000", "sendt_vertsenhet", "mottatt_vertsenhet", None),
        # an undone move does not count
        ("a", "b3", "2026-05-20 09:00:00.000000", "mottatt_vertsenhet", "avtalt", 99),
        # 22:30 UTC on 19 May is 20 May in Oslo (summer time)
        ("c", "b4", "2026-05-19 22:30:00.000000", "mottatt", "trukket", None),
    ]
    for cid, batch, at, old, new, undone in events:
        conn.execute(EVENT_SQL, (cid, batch, at, old, new, undone))
    conn.commit()
    conn.close()


def test_backfill_from_history_then_recompute(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _desk_at_0001(path)
    desk = open_desk(path, backup_dir=tmp_path / "backups")
    try:
        raw = desk.reader()
        got = {
            r[0]: (r[1], r[2])
            for r in raw.execute('SELECT id, status_since, closed_on FROM "case" ORDER BY id')
        }
        assert got == {
            "a": ("2026-05-04", None),  # the last status event that was not undone
            "b": ("2026-04-01", None),  # no history: received_on
            "c": ("2026-05-20", "2026-05-20"),  # closed by its last move (Oslo day)
            "d": ("2026-02-10", "2026-02-10"),  # closed, no history: its last change
        }
        assert list(raw.execute("PRAGMA index_info(ix_case_counts)"))
        # The new rules reach the old cases on the next open (the stored lengths differ).
        changed = Commands(desk, Reminders(), today=date(2026, 11, 23)).sync_reminders()
        assert changed == 2
        rows = {
            r[0]: (r[1], r[2])
            for r in raw.execute('SELECT id, due_on, due_key FROM "case" WHERE is_open = 1')
        }
        # «Mottatt av vertsenhet» since Monday 4 May + 10 working days (Ascension 14 May).
        assert rows["a"] == ("2026-05-19", "followup.hospitering.mottatt_vertsenhet")
        # «Hos egen leder» since Wednesday 1 April + 5, over Easter (2, 3 and 6 April).
        assert rows["b"] == ("2026-04-13", "followup.hospitering.hos_egen_leder")
    finally:
        desk.close()
