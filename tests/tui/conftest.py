"""Shared fixtures for the Pilot tests: a real DeskApp on a fresh desk in tmp_path.

The desk itself (`desk`, `commands`, `repo`) comes from tests/conftest.py. Here:

- an autouse fixture that turns animations off (`TEXTUAL_ANIMATIONS`, plural);
- `make_desk_app(desk, tmp_path)`: a DeskApp with settings in tmp_path (side "kommune", so
  no first-start dialog) and a fixed today;
- `run_desk(app)`: `app.run_test(size=SIZE)` plus a first `settle`;
- `settle`, `type_text`: from tests/tui/helpers.py (the one helper API), re-exported.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.app import DeskApp
from tests.tui.helpers import SIZE, TODAY, make_app, settle, type_text

__all__ = ["SIZE", "TODAY", "make_desk_app", "run_desk", "settle", "type_text"]


@pytest.fixture(autouse=True)
def _no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


def make_desk_app(
    desk: Desk, tmp_path: Path, *, today: date = TODAY, side: str = "kommune"
) -> DeskApp:
    return make_app(desk, tmp_path, today=today, side=side, path=tmp_path / "settings.toml")


@pytest.fixture
def desk_app(desk: Desk, tmp_path: Path) -> DeskApp:
    return make_desk_app(desk, tmp_path)


@asynccontextmanager
async def run_desk(app: DeskApp, size: tuple[int, int] = SIZE) -> AsyncIterator[Pilot[Any]]:
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        yield pilot


@pytest.fixture
def settle_fn() -> Callable[[Pilot[Any]], Any]:
    return settle
