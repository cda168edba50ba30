"""A refused stale save can be merged (issue #9): F5 reloads the case and shows, field by
field, the newer stored value beside what was typed; the user keeps either."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.case import CaseScreen
from samhandlingsdesk.tui.screens.merge import MergeScreen
from tests.conftest import TODAY, hospitering_values
from tests.tui.conftest import settle
from tests.tui.helpers import case_row, detail_row
from tests.tui.test_forms import editing, fill, form_of, value_of


@asynccontextmanager
async def _stale_form(desk: Desk, tmp_path: Path, commands: Commands) -> AsyncIterator[Any]:
    """A hospitering's edit form with two fields typed, its save refused because another
    window saved the case meanwhile. Yields the pilot and the case's ref."""
    h = commands.create_case("hospitering", hospitering_values())
    async with editing(desk, tmp_path, h.id) as (pilot, _form):
        # Another window saves meanwhile.
        Commands(desk, today=TODAY).update_case(
            h.id, 1, {"contact_name": "Per Olsen", "archive_ref": "2026/99"}
        )
        await fill(pilot, "contact_name", "Kari Dahl")
        await fill(pilot, "workplace", "Skien sykehjem")
        await pilot.press("f2")
        await settle(pilot)
        form = form_of(pilot)
        assert "endret et annet sted" in form.summary
        assert "F5" in form.summary
        yield pilot, h.ref


async def test_keep_what_was_typed_and_take_the_rest(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    async with _stale_form(desk, tmp_path, commands) as (pilot, ref):
        app = pilot.app
        await pilot.press("f5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MergeScreen)
        assert [c.name for c in screen.conflicts] == ["contact_name"]
        ol = screen.query_one("#merge-contact_name", OptionList)
        prompts = [str(ol.get_option_at_index(i).prompt) for i in range(ol.option_count)]
        assert prompts == [
            "Behold det du skrev: Kari Dahl",
            "Ta det som er lagret: Per Olsen",
        ]
        await pilot.press("f2")
        await settle(pilot)
        assert value_of(pilot, "contact_name") == "Kari Dahl"
        assert value_of(pilot, "archive_ref") == "2026/99"  # only they changed it
        assert value_of(pilot, "workplace") == "Skien sykehjem"  # only I changed it
        assert form_of(pilot).summary == (
            f"Hentet den nyeste utgaven av {ref}. Lagre (Ctrl+S/F2) for å lagre det som står "
            "i skjemaet."
        )
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
    row = case_row(desk, ref)
    assert (row["contact_name"], row["archive_ref"], row["version"]) == (
        "Kari Dahl",
        "2026/99",
        3,
    )
    assert detail_row(desk, ref)["workplace"] == "Skien sykehjem"


async def test_take_the_stored_value(desk: Desk, tmp_path: Path, commands: Commands) -> None:
    async with _stale_form(desk, tmp_path, commands) as (pilot, ref):
        app = pilot.app
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, MergeScreen)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert value_of(pilot, "contact_name") == "Per Olsen"
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
    row = case_row(desk, ref)
    assert (row["contact_name"], row["archive_ref"]) == ("Per Olsen", "2026/99")
    assert detail_row(desk, ref)["workplace"] == "Skien sykehjem"
