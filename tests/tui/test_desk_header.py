"""The queue screen's top line: which desk, which side, today — and, on the demo desk,
that nothing is kept, visible even at 80 columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.app import DeskApp
from samhandlingsdesk.tui.screens.desk import DEMO_NOTICE, DeskScreen

from .helpers import TODAY, running, screen_text


@pytest.mark.parametrize("demo", [True, False])
@pytest.mark.parametrize("side", ["kommune", "helseforetak"])
async def test_the_top_line_fits_80_columns(
    desk: Desk, tmp_path: Path, demo: bool, side: str
) -> None:
    settings = Settings(side=side, path=tmp_path / "settings.toml")
    app = DeskApp(desk, settings, demo=demo, today=lambda: TODAY)
    async with running(app, size=(80, 24)):
        assert isinstance(app.screen, DeskScreen)
        info = app.screen.query_one("#desk-info", Static)
        text = screen_text(app, "#desk-info")
        assert text.endswith("· 23.11.2026"), text
        assert f"side: {side}" in text
        if demo:
            assert text.startswith(DEMO_NOTICE), text
            assert desk.path.name not in text  # the copy's random name says nothing
        else:
            assert text.startswith(desk.path.name), text
        # Drawn whole: the widget is as wide as its text (nothing cut at the right).
        assert len(text) <= info.content_region.width, (text, info.content_region.width)
