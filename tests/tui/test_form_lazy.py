"""The form mounts its first screenful first and the rest after the first frame (issue #9,
«Performance»): keys typed before the rest is there still land in their fields, and a
save asked for meanwhile saves every field.

Each burst is posted without waiting right after the key that opens the form; a message
hook notes whether the form was still incomplete when the first typed key reached a
field, so each test shows that it ran against a half-mounted form.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.message import Message

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.app import DeskApp
from samhandlingsdesk.tui.screens.case import CaseScreen
from samhandlingsdesk.tui.screens.form import FormScreen
from tests.conftest import hospitering_values

from .conftest import make_desk_app, settle
from .helpers import SIZE, running
from .test_typeahead import NEW_FORMS, rows
from .typing import ENTER, burst


class FirstKey:
    """A message hook: was the form complete when the first typed key reached a field?"""

    def __init__(self, app: DeskApp) -> None:
        self.app = app
        self.complete: bool | None = None

    def __call__(self, message: Message) -> None:
        if self.complete is not None or not isinstance(message, events.Key):
            return
        screen = self.app.screen if self.app.screen_stack else None
        if message.is_forwarded and isinstance(screen, FormScreen):
            self.complete = screen.complete


async def test_a_burst_with_tabs_typed_before_the_rest_has_mounted_lands_field_by_field(
    desk: Desk, tmp_path: Path
) -> None:
    letter, keys, expected = NEW_FORMS["hospitering"]
    app = make_desk_app(desk, tmp_path)
    first = FirstKey(app)
    async with app.run_test(size=SIZE, message_hook=first) as pilot:
        await settle(pilot)
        burst(app, "n", letter, *keys, "ctrl+s")
        await settle(pilot)
        assert first.complete is False  # the first key came while the rest was mounting
        stored = rows(desk)
        assert len(stored) == 1
        assert {name: stored[0][name] for name in expected} == expected
        assert isinstance(app.screen, CaseScreen)


async def test_a_save_typed_before_the_rest_has_mounted_keeps_every_field(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    """An edit saved at once: the fields below the first screenful (not yet mounted when
    the keys came) keep their stored values; nothing is read as empty."""
    late: dict[str, Any] = {
        "host_unit": "Lungeposten",
        "travel_lodging": "Hotell dekkes",
        "evaluation_notes": "Nyttig uke",
    }
    commands.create_case("hospitering", hospitering_values(contact_name=None, **late))
    app = make_desk_app(desk, tmp_path)
    first = FirstKey(app)
    async with app.run_test(size=SIZE, message_hook=first) as pilot:
        await settle(pilot)
        burst(app, ENTER, "e", "Kari Kontakt", "ctrl+s")
        await settle(pilot)
        assert first.complete is False
        assert not isinstance(app.screen, FormScreen)
        stored = rows(desk)[0]
        assert stored["contact_name"] == "Kari Kontakt"
        assert {name: stored[name] for name in late} == late
        assert stored["theme_goals"] == hospitering_values()["theme_goals"]


async def test_the_form_completes_by_itself_after_the_first_frame(
    desk: Desk, tmp_path: Path
) -> None:
    """Nobody asks for the rest: it mounts anyway, one section per frame."""
    app = make_desk_app(desk, tmp_path)
    async with running(app) as pilot:
        burst(app, "n", "h")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        while not form.complete:
            await pilot.pause()
        assert form.query_one("#f-evaluation_notes") is not None
        assert pilot.app.focused is form.query_one("#f-party")
