"""Issue #11 failure 5: a save the database refuses (another program holds the desk)
shows one Norwegian sentence — no SQL, no parameters, no typed text — and the form keeps
what was typed, so the user can save again once the desk is free."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from samhandlingsdesk.domain.text.safety import MSG_SAVE_LOCKED, MSG_SAVE_WAITING
from samhandlingsdesk.store import db as store_db
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.store.repo import Repo

from ..conftest import damage_a_page, hospitering_values
from .conftest import make_desk_app, settle
from .helpers import notifications, until
from .test_forms import editing, fill, form_of, value_of


async def test_a_locked_save_keeps_what_was_typed(
    desk: Desk, repo: Repo, commands: Commands, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = commands.create_case("hospitering", hospitering_values())
    async with editing(desk, tmp_path, created.id) as (pilot, _form):
        app = pilot.app
        await fill(pilot, "applicant_name", "Kari Bråthen")
        monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 100)
        desk.close()  # new connections, with the short wait
        holder = sqlite3.connect(desk.path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("ctrl+s")
            # the failed write's worker reports from its thread
            await until(pilot, lambda: MSG_SAVE_LOCKED in notifications(app), "the refusal")
            messages = notifications(app)
            assert MSG_SAVE_LOCKED in messages, messages
            assert MSG_SAVE_WAITING in messages  # said while it waited
            assert not any("UPDATE" in m or "Bråthen" in m or "locked" in m for m in messages)
            assert value_of(pilot, "applicant_name") == "Kari Bråthen"
            form_of(pilot)  # still open
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        await pilot.press("ctrl+s")  # the desk is free again: the same form saves
        await settle(pilot)
    detail = repo.get_case(created.id)
    assert detail is not None and detail.values()["applicant_name"] == "Kari Bråthen"


async def test_a_large_damaged_desk_is_refused_after_the_first_frame(
    desk: Desk, commands: Commands, tmp_path: Any
) -> None:
    for i in range(40):
        commands.add_note(
            commands.create_case("hospitering", hospitering_values()).id, f"Notat {i} " + "x" * 300
        )
    desk.close()
    damage_a_page(desk.path)
    app = make_desk_app(desk, tmp_path)
    app.verify_later = True
    async with app.run_test() as pilot:
        # the check runs in a thread after the first frame
        await until(pilot, lambda: app.return_code is not None, "the app to close")
    assert app.return_code == 2


def test_the_command_line_checks_a_large_desk_later(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samhandlingsdesk import cli

    seen: dict[str, Any] = {}

    def fake_run_app(*_a: Any, verify_later: bool = False, **_k: Any) -> int:
        seen["later"] = verify_later
        return 0

    desk.close()
    monkeypatch.setattr(cli, "_run_app", fake_run_app)
    monkeypatch.setattr(store_db, "VERIFY_UP_FRONT_BYTES", 0)
    assert cli.main(["--db", str(desk.path)]) == 0
    assert seen == {"later": True}
    monkeypatch.setattr(store_db, "VERIFY_UP_FRONT_BYTES", 1 << 40)
    assert cli.main(["--db", str(desk.path)]) == 0
    assert seen == {"later": False}
