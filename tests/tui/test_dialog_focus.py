"""The move dialog focuses where it opens — the move list, or the reason list of the one
move there is — and nothing before it (issue #9 «Performance»: Textual's auto focus first
focused the details' scroll container, and a focus lost again is a restyle and a repaint
more before the dialog is usable)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widget import Widget

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.transition import TransitionScreen
from tests.conftest import hospitering_values, veiledning_values
from tests.tui.helpers import make_app, press, running, settle


@pytest.mark.parametrize(
    ("kind", "status", "first"),
    [
        ("hospitering", "mottatt", "reason-options"),  # one move: its reasons
        ("veiledning", "vurdert", "transition-options"),  # two moves: choose one first
    ],
)
async def test_the_move_dialog_focuses_only_where_it_opens(
    desk: Desk,
    tmp_path: Path,
    commands: Commands,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    status: str,
    first: str,
) -> None:
    values = hospitering_values() if kind == "hospitering" else veiledning_values()
    case = commands.create_case(kind, values, status=status)
    focused: list[str | None] = []
    real = Screen.set_focus

    def recorded(self: Screen[Any], widget: Widget | None, *args: Any, **kwargs: Any) -> None:
        if isinstance(self, TransitionScreen):
            focused.append(widget.id if widget is not None else None)
        real(self, widget, *args, **kwargs)

    monkeypatch.setattr(Screen, "set_focus", recorded)
    app = make_app(desk, tmp_path)
    async with running(app) as pilot:
        app.open_case(case.id)
        await settle(app, pilot)
        await press(app, pilot, "r")
        assert isinstance(app.screen, TransitionScreen)
        assert app.screen.focused is not None and app.screen.focused.id == first
        assert focused == [first]


@pytest.mark.parametrize(
    ("kind", "status", "key", "chain"),
    [
        ("hospitering", "mottatt", "r", ["reason-options"]),
        (
            "hospitering",
            "tilbakemeldt",
            "v",
            ["field-agreed_from", "field-agreed_to", "field-evaluation_planned_on"],
        ),
    ],
)
async def test_tab_in_the_move_dialog_stops_only_at_lists_and_fields(
    desk: Desk,
    tmp_path: Path,
    commands: Commands,
    kind: str,
    status: str,
    key: str,
    chain: list[str],
) -> None:
    """The details' scroll container is no stop of its own: a Tab there showed no cursor."""
    case = commands.create_case(kind, hospitering_values(), status=status)
    app = make_app(desk, tmp_path)
    async with running(app) as pilot:
        app.open_case(case.id)
        await settle(app, pilot)
        await press(app, pilot, key)
        assert isinstance(app.screen, TransitionScreen)
        assert [w.id for w in app.screen.focus_chain] == chain


async def test_tab_in_the_settings_and_the_merge_dialog_stops_only_at_fields(
    desk: Desk, tmp_path: Path
) -> None:
    from textual.containers import VerticalScroll

    from samhandlingsdesk.tui.screens.merge import Conflict, MergeScreen
    from samhandlingsdesk.tui.screens.settings import SettingsScreen

    app = make_app(desk, tmp_path)
    async with running(app) as pilot:
        for screen in (
            SettingsScreen(),
            MergeScreen("H-2026-0001", [Conflict("party", "Kommune", "A", "B")]),
        ):
            app.push_screen(screen)
            await settle(app, pilot)
            chain = app.screen.focus_chain
            scrolls = [w.id for w in chain if isinstance(w, VerticalScroll)]
            assert chain and scrolls == [], scrolls
            app.pop_screen()
            await settle(app, pilot)


async def test_a_digit_in_the_move_list_chooses_that_move(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    """The moves are numbered «1.», «2.»: the digit chooses (it did nothing)."""
    case = commands.create_case("veiledning", veiledning_values(), status="vurdert")
    app = make_app(desk, tmp_path)
    async with running(app) as pilot:
        app.open_case(case.id)
        await settle(app, pilot)
        await press(app, pilot, "r")
        screen = app.screen
        assert isinstance(screen, TransitionScreen) and len(screen.options) > 1
        await press(app, pilot, "2")
        assert screen.chosen is screen.options[1]
