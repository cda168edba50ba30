"""Veiledning «Planlagt levert» (issue #13): asked, optional and empty, by the move to
«Avtalt»; shown and editable in the form; the follow-up counts to it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.widgets import Input, OptionList

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.case import CaseScreen
from samhandlingsdesk.tui.screens.form import FormScreen
from samhandlingsdesk.tui.screens.transition import TransitionScreen
from tests.conftest import veiledning_values
from tests.tui.helpers import case_row, detail_row, make_app, press, running, settle


async def _agree(app: Any, pilot: Any, case_id: str) -> TransitionScreen:
    app.open_case(case_id)
    await settle(app, pilot)
    assert isinstance(app.screen, CaseScreen)
    await press(app, pilot, "v")
    screen = app.screen
    assert isinstance(screen, TransitionScreen)
    if len(screen.query("#transition-options")):
        ol = screen.query_one("#transition-options", OptionList)
        ids = [ol.get_option_at_index(i).id for i in range(ol.option_count)]
        ol.focus()
        ol.highlighted = ids.index("avtalt")
        await press(app, pilot, "enter")
    assert screen.chosen is not None and screen.chosen.target == "avtalt"
    screen.query_one("#field-agreement", Input).value = "To møter med sårsykepleier"
    return screen


async def test_the_move_to_avtalt_asks_for_the_planned_delivery_empty_and_optional(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    v = commands.create_case("veiledning", veiledning_values(), status="vurdert")
    w = commands.create_case("veiledning", veiledning_values(topic="Sårstell"), status="vurdert")
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        screen = await _agree(app, pilot, v.id)
        field = screen.query_one("#field-planned_delivery_on", Input)
        assert field.value == ""  # prefilled empty: optional
        field.value = "4.12.2026"
        await press(app, pilot, "f2")
        assert app.screen is not screen
        await press(app, pilot, "escape")
        screen = await _agree(app, pilot, w.id)
        await press(app, pilot, "f2")  # left empty: the move is made all the same
        assert app.screen is not screen
    assert detail_row(desk, v.ref)["planned_delivery_on"] == "2026-12-04"
    assert case_row(desk, v.ref)["due_on"] == "2026-12-04"
    assert detail_row(desk, w.ref)["planned_delivery_on"] is None
    assert case_row(desk, w.ref)["due_on"] == "2026-12-14"  # 15 working days after 23.11.


async def test_a_planned_delivery_before_the_agreement_is_refused_in_the_dialog(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    v = commands.create_case("veiledning", veiledning_values(), status="vurdert")
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        screen = await _agree(app, pilot, v.id)
        screen.query_one("#field-planned_delivery_on", Input).value = "20.11.2026"
        await press(app, pilot, "f2")
        assert app.screen is screen
        error = str(screen.query_one("#transition-error").render())
        assert (
            "«Planlagt levert» (20.11.2026) kan ikke være før veiledningen ble avtalt (23.11.2026)."
            in error
        )
    assert case_row(desk, v.ref)["status"] == "vurdert"


async def test_the_form_shows_and_edits_the_planned_delivery(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    v = commands.create_case(
        "veiledning",
        veiledning_values(agreement="Ett møte", agreed_on=date(2026, 11, 23)),
        status="avtalt",
    )
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        app.open_case(v.id)
        await settle(app, pilot)
        await press(app, pilot, "e")
        form = app.screen
        assert isinstance(form, FormScreen)
        await settle(app, pilot)
        field = form.query_one("#f-planned_delivery_on", Input)
        assert field.value == ""
        field.value = "18.12.2026"
        await press(app, pilot, "ctrl+s")
    assert detail_row(desk, v.ref)["planned_delivery_on"] == "2026-12-18"
    assert case_row(desk, v.ref)["due_on"] == "2026-12-18"
