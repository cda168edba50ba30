"""Schema 0009: veiledning `planned_delivery_on` and the index on `event.session_id`."""

from __future__ import annotations

import sqlite3
from datetime import date

from alembic import command

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.store.migrate import alembic_config
from tests.conftest import TODAY, veiledning_values


def schema(desk: Desk) -> tuple[set[str], set[str]]:
    with sqlite3.connect(desk.path) as conn:
        cols = {r[1] for r in conn.execute("PRAGMA table_info(veiledning)")}
        indexes = {r[1] for r in conn.execute("PRAGMA index_list(event)")}
    return cols, indexes


def test_0009_adds_the_column_and_the_index_and_takes_them_away(desk: Desk) -> None:
    c = Commands(desk, today=TODAY).create_case(
        "veiledning",
        veiledning_values(agreed_on=date(2026, 11, 20), planned_delivery_on=date(2026, 12, 4)),
    )
    cols, indexes = schema(desk)
    assert "planned_delivery_on" in cols and "ix_event_session" in indexes
    cfg = alembic_config(desk.engine)
    command.downgrade(cfg, "0009-1")
    cols, indexes = schema(desk)
    assert "planned_delivery_on" not in cols and "ix_event_session" not in indexes
    command.upgrade(cfg, "head")
    cols, indexes = schema(desk)
    assert "planned_delivery_on" in cols and "ix_event_session" in indexes
    with sqlite3.connect(desk.path) as conn:
        topic, planned = conn.execute(
            "SELECT topic, planned_delivery_on FROM veiledning WHERE case_id = ?", (c.id,)
        ).fetchone()
    assert topic and planned is None  # the case is kept; the dropped date is gone
