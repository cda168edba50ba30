"""A snoozed case comes back on its own: also in a desk left open past midnight (the clock
moved with time-machine, the app not restarted)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import time_machine

from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.app import DeskApp
from tests.conftest import hospitering_values, veiledning_values

from .helpers import running, screen_text, settle, table_refs


async def test_a_snoozed_case_returns_when_the_day_comes_with_the_desk_open(
    desk: Desk, tmp_path: Path
) -> None:
    with time_machine.travel(datetime(2026, 11, 23, 9, 0, tzinfo=UTC), tick=True) as clock:
        commands = Commands(desk)  # the real clock, moved by time-machine
        h = commands.create_case("hospitering", hospitering_values(applicant_name="Kari Li"))
        v = commands.create_case("veiledning", veiledning_values())
        commands.snooze([h.id], date(2026, 11, 24))
        app = DeskApp(desk, Settings(side="kommune", path=tmp_path / "settings.toml"))
        async with running(app) as pilot:
            assert table_refs(app) == [v.ref]
            assert screen_text(app, "#desk-info").endswith("23.11.2026")
            app.check_new_day()  # the same day: nothing happens
            await settle(app, pilot)
            assert table_refs(app) == [v.ref]

            clock.move_to(datetime(2026, 11, 24, 0, 1, tzinfo=UTC))
            app.check_new_day()  # what the app's once-a-minute timer calls
            await settle(app, pilot)
            assert sorted(table_refs(app)) == sorted([h.ref, v.ref])
            assert screen_text(app, "#desk-info").endswith("24.11.2026")
