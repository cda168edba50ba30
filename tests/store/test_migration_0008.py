"""Schema 0008: LIS3 `queued_on`, filled by the move to «I kø» and backfilled on upgrade."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import time_machine
from alembic import command

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.store.migrate import alembic_config
from tests.conftest import lis3_values


def queued(desk: Desk, case_id: str) -> str | None:
    with sqlite3.connect(desk.path) as conn:
        row = conn.execute("SELECT queued_on FROM lis3 WHERE case_id = ?", (case_id,)).fetchone()
    return row[0]


def test_the_move_to_the_queue_fills_queued_on_and_an_upgrade_backfills_it(desk: Desk) -> None:
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=UTC), tick=False):
        c = Commands(desk, today=date(2026, 3, 2))
        moved = c.create_case("lis3", lis3_values(received_on=date(2026, 2, 20)))
        c.transition(moved.id, None, "i_ko")
        entered = c.create_case("lis3", lis3_values(received_on=date(2026, 2, 1)), status="i_ko")
        waiting = c.create_case("lis3", lis3_values(received_on=date(2026, 2, 1)))
    assert queued(desk, moved.id) == "2026-03-02"
    assert queued(desk, entered.id) is None  # created in the queue: no move filled it
    cfg = alembic_config(desk.engine)
    # To below 0008, whatever is chained after it (merge: agenda's 0005 follows it).
    command.downgrade(cfg, "0008-1")
    command.upgrade(cfg, "head")
    assert queued(desk, moved.id) == "2026-03-02"  # the first move to «I kø»
    assert queued(desk, entered.id) == "2026-02-01"  # in the queue since it was received
    assert queued(desk, waiting.id) is None  # never queued
