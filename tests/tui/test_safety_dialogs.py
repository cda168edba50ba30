"""Backups, restore and the purge from the desk (issue #11), driven by keys."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from samhandlingsdesk.domain.text.safety import PURGED_TITLE
from samhandlingsdesk.service import safety
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.backups import BackupsScreen
from samhandlingsdesk.tui.screens.confirm import ConfirmScreen

from ..conftest import hospitering_values, lis1_values
from .conftest import make_desk_app, run_desk, settle
from .helpers import until


def _count(desk: Desk) -> int:
    conn = sqlite3.connect(desk.path)
    try:
        return conn.execute('SELECT count(*) FROM "case"').fetchone()[0]
    finally:
        conn.close()


def _messages(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_restore_from_the_backups_dialog(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    commands.create_case("hospitering", hospitering_values())
    app = make_desk_app(desk, tmp_path)
    safety.backup_now(desk, app.settings)
    commands.create_case("hospitering", hospitering_values(applicant_name="Etter Kopien"))
    async with run_desk(app) as pilot:
        await app.run_action("backups")
        await settle(pilot)
        assert isinstance(app.screen, BackupsScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j")
        await settle(pilot)
        assert any(m.startswith("Gjenopprettet") for m in _messages(app)), _messages(app)
    assert _count(desk) == 1
    assert len(safety.list_backups(desk.path, app.settings)) == 2  # the desk as it was, kept


async def test_backup_now_from_the_dialog(desk: Desk, tmp_path: Path) -> None:
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await app.run_action("backups")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
    assert len(safety.list_backups(desk.path, app.settings)) == 1


async def test_purge_from_the_desk(desk: Desk, tmp_path: Path) -> None:
    old = Commands(desk, today=date(2023, 1, 10))
    created = old.create_case("lis1", lis1_values(received_on=date(2023, 1, 5)))
    old.transition(created.id, None, "trukket", reason="soker_trekker")
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await app.run_action("purge")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j")
        await settle(pilot)
        assert any("Slettet personopplysninger fra 1 sak" in m for m in _messages(app))
    conn = sqlite3.connect(desk.path)
    title = conn.execute('SELECT title FROM "case" WHERE id = ?', (created.id,)).fetchone()[0]
    conn.close()
    assert title == PURGED_TITLE


async def test_the_first_start_of_a_day_backs_up(desk: Desk, tmp_path: Path) -> None:
    app = make_desk_app(desk, tmp_path)
    app.daily_tasks = True
    async with run_desk(app) as pilot:
        # The daily work starts after the first frame (a timer), in the write worker.
        def backed_up() -> bool:
            return any("Dagens sikkerhetskopi" in m for m in _messages(app))

        await until(pilot, backed_up, "the backup message")
        await settle(pilot)
        assert any("Dagens sikkerhetskopi" in m for m in _messages(app))
    assert len(safety.list_backups(desk.path, app.settings)) == 1
