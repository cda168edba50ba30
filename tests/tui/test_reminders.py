"""Reminder lengths changed in settings.toml: the stored due dates of the open cases are
computed again when the desk opens, and the lists show the new dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui import app as app_module
from samhandlingsdesk.tui.widgets.case_table import CaseTable

from .helpers import (
    case_row,
    make_app,
    notifications,
    settle,
    table_column,
    table_refs,
    until,
)

MESSAGE = "Påminnelsene i innstillingene er endret: fristen er regnet om for 1 sak."


async def test_changed_reminders_move_the_due_dates_in_the_inbox(
    desk: Desk, commands: Commands, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import veiledning_values

    created = commands.create_case("veiledning", veiledning_values())  # defaults: 3 days
    assert case_row(desk, created.ref)["due_on"] == "2026-11-25"
    monkeypatch.setattr(app_module, "WARM_DELAY", 0.01)
    app = make_app(desk, tmp_path, reminders=Reminders(veiledning_not_assessed=10))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        # The write side loads in a worker after the first rows (SQLAlchemy's import can
        # take seconds on a busy machine): wait for that worker and its message.
        await until(pilot, lambda: MESSAGE in notifications(app), "the recomputed message")
        await settle(app, pilot)
        assert case_row(desk, created.ref)["due_on"] == "2026-12-04"
        assert table_refs(app) == [created.ref]
        table = app.screen.query_one(CaseTable)
        assert table_column(table, "due") == ["04.12.2026"]
        assert MESSAGE in notifications(app)
