"""`p` purring in the desk: the channel prompt, bulk on marked rows, the palette, and the
case screen's count (issue #13)."""

from __future__ import annotations

from pathlib import Path

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.case import CaseScreen
from samhandlingsdesk.tui.screens.desk import DeskScreen
from samhandlingsdesk.tui.screens.purring import PurringScreen
from tests.conftest import lis1_values, lis3_values
from tests.tui.helpers import (
    case_row,
    make_app,
    notes_of,
    notifications,
    press,
    running,
    screen_text,
    settle,
    table_refs,
)


async def test_p_asks_the_channel_and_records_the_purring(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    c = commands.create_case("lis1", lis1_values(), status="varslet")
    app = make_app(desk, tmp_path)
    # The LIS queue: the case waits, not in the inbox.
    async with running(app, "4", notifications=True) as pilot:
        assert table_refs(app) == [c.ref]
        await press(app, pilot, "p")
        assert isinstance(app.screen, PurringScreen)
        await press(app, pilot, "t")
        assert isinstance(app.screen, DeskScreen)
        assert f"Purret på {c.ref} (telefon). Neste påminnelse 07.12.2026." in notifications(app)
    row = case_row(desk, c.ref)
    assert (row["reminded_on"], row["due_on"]) == ("2026-11-23", "2026-12-07")
    assert notes_of(desk, c.ref) == ["Purret på svar (telefon)"]


async def test_escape_cancels_and_writes_nothing(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    c = commands.create_case("lis1", lis1_values(), status="varslet")
    app = make_app(desk, tmp_path)
    async with running(app, "4", "p", "escape"):
        assert isinstance(app.screen, DeskScreen)
    assert case_row(desk, c.ref)["reminded_on"] is None


async def test_bulk_purring_on_marked_rows_and_the_case_screen_shows_it(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    from datetime import date

    a = commands.create_case("lis1", lis1_values(), status="varslet")
    b = commands.create_case("lis3", lis3_values(offered_from=date(2027, 9, 1)), status="tilbudt")
    app = make_app(desk, tmp_path)
    async with running(app, "4", notifications=True) as pilot:
        assert set(table_refs(app)) == {a.ref, b.ref}
        await press(app, pilot, "space", "j", "space")
        await press(app, pilot, "p", "enter")  # Enter takes the first: e-post
        assert "Purret på 2 (e-post)." in notifications(app)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, CaseScreen)
        await settle(app, pilot)
        assert "Purret 1 gang: sist 23.11.2026 (e-post)" in screen_text(app, "#case-header")
    for ref in (a.ref, b.ref):
        assert case_row(desk, ref)["reminded_on"] == "2026-11-23"


async def test_purring_from_the_palette(desk: Desk, tmp_path: Path, commands: Commands) -> None:
    c = commands.create_case("lis1", lis1_values(), status="varslet")
    app = make_app(desk, tmp_path)
    async with running(app, "4") as pilot:
        await press(app, pilot, "ctrl+p")
        for ch in "Purring":
            await pilot.press(ch)
        await settle(app, pilot)
        await press(app, pilot, "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PurringScreen)
        await press(app, pilot, "a")
    assert notes_of(desk, c.ref) == ["Purret på svar (annet)"]
