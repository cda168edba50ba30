"""DOMAIN.md «Timelines» in the form (issue #9): a refusal at its field; a warning shown
at its field and in the summary, saved on the second save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.case import CaseScreen
from tests.conftest import hospitering_values
from tests.tui.conftest import make_desk_app, run_desk, settle
from tests.tui.helpers import detail_row, step
from tests.tui.test_forms import fill, form_of, message, open_edit


async def edit_and_save(pilot: Pilot[Any], case_id: str, name: str, text: str) -> None:
    """Open the case's form, type `text` into field `name` and save (F2)."""
    await open_edit(pilot, case_id)
    await fill(pilot, name, text)
    await pilot.press("f2")
    await settle(pilot)


async def test_evaluation_before_the_stay_is_refused_and_during_it_warned(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    h = commands.create_case("hospitering", hospitering_values())
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        with step("before the stay: refused at the field, and a second save does not pass"):
            await edit_and_save(pilot, h.id, "evaluation_planned_on", "15.01.2027")
            form = form_of(pilot)
            refused = message(pilot, "evaluation_planned_on")
            assert refused == (
                "«Evaluering planlagt» (15.01.2027) kan ikke være før oppholdet starter "
                "(01.02.2027, søkt periode)."
            )
            assert pilot.app.focused is form.field_widget("evaluation_planned_on")
            await pilot.press("f2")
            await settle(pilot)
            assert form_of(pilot) is form  # a refusal is not confirmed away

        with step("during the stay: warned at the field and in the summary, not saved"):
            await fill(pilot, "evaluation_planned_on", "05.02.2027")
            await pilot.press("f2")
            await settle(pilot)
            assert form_of(pilot) is form
            warned = message(pilot, "evaluation_planned_on")
            assert warned.startswith("«Evaluering planlagt» (05.02.2027) er før oppholdet slutter")
            assert form.summary.startswith("Advarsel: ")
            assert detail_row(desk, h.ref)["evaluation_planned_on"] is None

        with step("the second save stores it"):
            await pilot.press("f2")
            await settle(pilot)
            assert isinstance(pilot.app.screen, CaseScreen)
    assert detail_row(desk, h.ref)["evaluation_planned_on"] == "2027-02-05"


async def test_a_new_case_cannot_be_received_tomorrow(desk: Desk, tmp_path: Path) -> None:
    from tests.tui.test_forms import new_form

    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await new_form(pilot, "h")
        await fill(pilot, "received_on", "i morgen")
        await pilot.press("f2")
        await settle(pilot)
        assert message(pilot, "received_on").startswith("«Mottatt» (24.11.2026) kan ikke være")


async def test_the_form_saves_what_the_store_takes_for_a_stored_timeline_problem(
    desk: Desk, tmp_path: Path, commands: Commands, raw: Any
) -> None:
    """One validation: the form asks `validate_edit` only, so a problem the stored dates
    already had (written before the rule) does not block moving the period's end, as it
    does not in the store."""
    h = commands.create_case("hospitering", hospitering_values())
    raw.execute(
        "UPDATE hospitering SET evaluation_planned_on = '2027-01-15' WHERE case_id = ?", (h.id,)
    )
    raw.commit()
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await edit_and_save(pilot, h.id, "period_to", "19.02.2027")
        assert isinstance(pilot.app.screen, CaseScreen), message(pilot, "evaluation_planned_on")
    assert detail_row(desk, h.ref)["period_to"] == "2027-02-19"
