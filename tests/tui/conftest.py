"""Shared fixtures for the Pilot tests: a real DeskApp on a fresh desk in tmp_path.

The desk itself (`desk`, `commands`, `repo`) comes from tests/conftest.py. Here:

- an autouse fixture that turns animations off (`TEXTUAL_ANIMATIONS`, plural);
- `make_desk_app(desk, tmp_path)`: a DeskApp with settings in tmp_path (side "kommune", so
  no first-start dialog) and a fixed today;
- `run_desk(app)`: `app.run_test(size=SIZE)` plus a first `settle`;
- `settle(pilot)`: wait until workers and what their callbacks post have finished;
- `type_text(pilot, text)`: press the keys of a text one by one.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.app import DeskApp

TODAY = date(2026, 11, 23)  # a Monday, as in tests/conftest.py
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


def make_desk_app(
    desk: Desk, tmp_path: Path, *, today: date = TODAY, side: str = "kommune"
) -> DeskApp:
    settings = Settings(side=side, path=tmp_path / "settings.toml")
    return DeskApp(desk, settings, today=lambda: today)


@pytest.fixture
def desk_app(desk: Desk, tmp_path: Path) -> DeskApp:
    return make_desk_app(desk, tmp_path)


@asynccontextmanager
async def run_desk(app: DeskApp, size: tuple[int, int] = SIZE) -> AsyncIterator[Pilot[Any]]:
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        yield pilot


async def settle(pilot: Pilot[Any], rounds: int = 8) -> None:
    """Wait for the workers and for what their callbacks start (a write reloads the lists,
    which starts reads): a few rounds, until nothing is running."""
    app = pilot.app
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        while app.keys_pending:  # typed keys still on their way (tui/keys.py)
            await pilot.pause()
        if not any(w.is_running for w in app.workers):
            await pilot.pause()
            if not any(w.is_running for w in app.workers):
                return


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*text)
    await settle(pilot)


@pytest.fixture
def settle_fn() -> Callable[[Pilot[Any]], Any]:
    return settle
