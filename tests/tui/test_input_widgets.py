"""DateInput and PartyInput on their own: what they show and hold (issue #8/#9).

Both build on Textual's `Input`. DateInput uses public hooks only (`watch_value`,
`on_blur`); PartyInput draws its offer through Input's private `_suggestion`, which has
no public replacement. These tests pin what the user sees, so a Textual upgrade that
changes those internals fails here instead of quietly changing the fields.
"""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input

from samhandlingsdesk.tui.widgets.date_input import DateInput
from samhandlingsdesk.tui.widgets.suggest import PartyInput

TODAY = date(2026, 11, 23)  # a Monday


class Fields(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.changed: list[tuple[str, str]] = []  # (text, DateInput.feedback) at Changed
        self.blurred: list[str] = []

    def compose(self) -> ComposeResult:
        yield DateInput(direction="future", today=lambda: TODAY, id="date")
        yield PartyInput(id="party")
        yield Input(id="other")

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, DateInput):
            self.changed.append((event.value, event.input.feedback))

    def on_input_blurred(self, event: Input.Blurred) -> None:
        self.blurred.append(event.value)


def shown(widget: Input) -> str:
    """The field's line as drawn (text, then the faded offer)."""
    return widget.render_line(0).text.rstrip()


async def typed_party(app: Fields, pilot: Pilot[None], text: str) -> PartyInput:
    """The party field focused, `text` typed, and its name lookup answered."""
    party = app.query_one(PartyInput)
    party.focus()
    await pilot.press(*text)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return party


async def test_a_date_is_read_as_typed_and_its_feedback_is_ready_with_changed() -> None:
    app = Fields()
    async with app.run_test(size=(80, 10)) as pilot:
        field = app.query_one(DateInput)
        field.focus()
        await pilot.press(*"17.5")
        await pilot.pause()
        assert field.feedback == "= mandag 17.05.2027"
        assert app.changed[-1] == ("17.5", "= mandag 17.05.2027")  # set before Changed
        assert not field.has_class("-invalid")
        await pilot.press("x")
        await pilot.pause()
        assert field.error and field.has_class("-invalid")
        assert app.changed[-1][1] == field.error


async def test_leaving_a_date_shows_it_as_stored_and_blurred_carries_that() -> None:
    app = Fields()
    async with app.run_test(size=(80, 10)) as pilot:
        field = app.query_one(DateInput)
        field.focus()
        await pilot.press(*"17.5")
        await pilot.press("tab")
        await pilot.pause()
        assert field.value == "17.05.2027"
        assert app.blurred[-1] == "17.05.2027"


async def test_the_party_field_shows_a_name_found_through_another_part_after_an_arrow() -> None:
    app = Fields()
    async with app.run_test(size=(80, 10)) as pilot:
        party = await typed_party(app, pilot, "karas")
        assert party.completion == "Kárášjohka - Karasjok"
        assert shown(party) == "karas → Kárášjohka - Karasjok"
        await pilot.press("right")  # at the end: takes the name
        await pilot.pause()
        assert party.value == "Kárášjohka - Karasjok"


async def test_the_party_field_continues_a_plain_start_and_forgets_it_on_a_new_letter() -> None:
    app = Fields()
    async with app.run_test(size=(80, 10)) as pilot:
        party = await typed_party(app, pilot, "gjøv")
        assert shown(party) == "gjøvik"
        assert party.completion == "Gjøvik"
        await pilot.press("q")
        assert party.completion == ""  # a new text: the old offer is gone at once
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown(party) == "gjøvq"
