"""Snapshots of the statistics screen (m) with its charts, in the default and the
high-contrast theme, at 80 columns (the narrowest terminal the desk supports).

Regenerate after a deliberate change of the look:
    pytest tests/tui/test_stats_snapshots.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine

from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.db import Desk, create_desk
from samhandlingsdesk.tui.app import DeskApp
from tests.service.stats_desk import build
from tests.tui.helpers import TODAY, settle, until

FROZEN = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
THEMES = ("samhandling-mørk", "samhandling-kontrast")
SIZE = (80, 40)


@pytest.fixture
def stats_desk(tmp_path: Path) -> Iterator[Desk]:
    with time_machine.travel(FROZEN, tick=False):
        desk = create_desk(tmp_path / "desk.db")
        build(desk)
        try:
            yield desk
        finally:
            desk.close()


def _keys(*keys: str) -> Any:
    async def run(pilot: Any) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        screen = pilot.app.screen
        # every table of the kind mounted (the first comes first)
        await until(pilot, lambda: getattr(screen, "complete", None) == screen.kind, "the tables")

    return run


@pytest.mark.parametrize("theme", THEMES, ids=["mork", "kontrast"])
@pytest.mark.parametrize("keys", [("m",), ("m", "5")], ids=["hospitering", "nettverk"])
def test_statistics_screen(
    snap_compare: Any, stats_desk: Desk, tmp_path: Path, theme: str, keys: tuple[str, ...]
) -> None:
    settings = Settings(side="kommune", theme=theme, path=tmp_path / "settings.toml")
    app = DeskApp(stats_desk, settings, today=lambda: TODAY)
    with time_machine.travel(FROZEN, tick=False):
        assert snap_compare(app, terminal_size=SIZE, run_before=_keys(*keys))
