"""Help (issue #9) lists Enter and explains every badge and status colour of the lists."""

from __future__ import annotations

from pathlib import Path

from samhandlingsdesk.domain.kinds import MOVE_LABELS
from samhandlingsdesk.domain.presentation import BADGE_LABELS
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.help import HelpScreen, binding_rows
from tests.tui.helpers import screen_text

from .conftest import make_desk_app, run_desk, settle


async def test_help_explains_badges_colours_and_lists_enter(desk: Desk, tmp_path: Path):
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        rows = {r[2]: r for r in binding_rows(app.screen)}
        assert rows["open-case"][0] == app.get_key_display(
            app.screen._bindings.get_bindings_for_key("enter")[0]
        )
        assert rows["filter"][1].endswith("(virker ikke her)")  # the inbox has no filter
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        legend = screen_text(app, "#help-legend")
        for label in [*filter(None, BADGE_LABELS.values()), *MOVE_LABELS.values()]:
            assert label in legend, label
