"""Pilot tests of the move dialog (issue #9, the moves half): choose-then-change paths,
what each move shows and stores, refused moves opening at the missing field, timeline
warnings and refusals, snooze of a *kritisk* case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from samhandlingsdesk.domain import lifecycle
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.case import CaseScreen
from samhandlingsdesk.tui.screens.transition import TransitionScreen
from tests.conftest import hospitering_values, lis3_values, veiledning_values
from tests.tui.helpers import (
    SIZE,
    case_row,
    make_app,
    notifications,
    press,
    settle,
)


async def _open_case(app: Any, pilot: Any, case_id: str) -> None:
    app.open_case(case_id)
    await settle(app, pilot)
    assert isinstance(app.screen, CaseScreen)


def _detail_ids(app: Any) -> list[str]:
    return [w.id or "" for w in app.screen.query("#transition-details > *") if w.id]


# --- 1. choose, then change: every dialog -------------------------------------------------


async def test_enter_tab_enter_on_a_reason_dialog_does_not_crash(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    """The reported crash: Enter on «Avvis», Tab, Enter -> DuplicateIds 'reason-options'."""
    v = commands.create_case("veiledning", veiledning_values(), status="vurdert")
    app = make_app(desk, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await _open_case(app, pilot, v.id)
        await press(app, pilot, "r")
        assert isinstance(app.screen, TransitionScreen)
        await press(app, pilot, "enter", "tab", "enter")
        assert isinstance(app.screen, TransitionScreen)
        assert len(app.screen.query("#reason-options")) == 1
        # and on to the other choice: its details replace the first one's
        await press(app, pilot, "shift+tab")
        ol = app.screen.query_one("#transition-options", OptionList)
        ol.focus()
        await press(app, pilot, "down", "enter")
        assert app.screen.chosen is not None and app.screen.chosen.target == "trukket"
        reasons = app.screen.query_one("#reason-options", OptionList)
        ids = [reasons.get_option_at_index(i).id for i in range(reasons.option_count)]
        assert ids == [k for k, _ in lifecycle.WITHDRAW_REASONS]
    assert case_row(desk, v.ref)["status"] == "vurdert"


async def _every_choose_then_change(app: Any, pilot: Any) -> None:
    """In an open move dialog: choose each option, then each other one, quickly (keys
    posted without waiting between the two choices), and check that one set of details
    is shown, for the last choice."""
    screen = app.screen
    assert isinstance(screen, TransitionScreen)
    ol = screen.query_one("#transition-options", OptionList)
    # A move without anything to ask is made at once when chosen: not a path to change.
    asking = [i for i, t in enumerate(screen.options) if screen.has_details(t)]
    for first in asking:
        for second in asking:
            ol.focus()
            ol.highlighted = first
            await pilot.pause()
            ol.action_select()
            ol.focus()
            ol.highlighted = second
            ol.action_select()
            await settle(app, pilot)
            assert app.screen is screen
            assert screen.chosen is not None
            assert screen.chosen.target == ol.get_option_at_index(second).id
            ids = [w.id for w in screen.query("#transition-details *") if w.id]
            assert len(ids) == len(set(ids)), ids


async def test_every_choose_then_change_path_of_every_dialog(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    cases = [
        commands.create_case("veiledning", veiledning_values(), status="vurdert"),
        commands.create_case("hospitering", hospitering_values(), status="hos_egen_leder"),
        commands.create_case("hospitering", hospitering_values(), status="mottatt_vertsenhet"),
        commands.create_case("lis3", lis3_values(), status="bekreftelse_bedt"),
    ]
    app = make_app(desk, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        for c in cases:
            await _open_case(app, pilot, c.id)
            for key in ("v", "r"):
                await press(app, pilot, key)
                if isinstance(app.screen, TransitionScreen):
                    if len(app.screen.query("#transition-options")):
                        await _every_choose_then_change(app, pilot)
                    await press(app, pilot, "escape")
                assert isinstance(app.screen, CaseScreen)
            await press(app, pilot, "escape")
        assert not [n for n in notifications(app) if "gikk galt" in n]
