"""The case screen's first frame (issue #9 «Performance»): the list reads the highlighted
case ahead, so `Enter` shows it at once, and a prefetch never shows a case as it was
before a change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Static

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.case import CaseScreen
from samhandlingsdesk.tui.screens.desk import DeskScreen
from samhandlingsdesk.tui.work import run_write
from tests.conftest import hospitering_values

from .conftest import make_desk_app, run_desk, settle
from .helpers import static_text
from .typing import ENTER, burst


def count_reads(app: Any) -> list[str]:
    """Record every case page the service reads from now on."""
    service = app.service
    read = service.case_page
    calls: list[str] = []

    def counted(case_id: str) -> Any:
        calls.append(case_id)
        return read(case_id)

    service.case_page = counted
    return calls


async def test_enter_shows_the_case_in_the_first_frame(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    commands.create_case("hospitering", hospitering_values(applicant_name="Ola Prefetch"))
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        desk_screen = app.screen
        assert isinstance(desk_screen, DeskScreen) and desk_screen.prefetched is not None
        reads = count_reads(app)
        burst(app, ENTER)
        while not (isinstance(app.screen, CaseScreen) and app.screen.is_mounted):
            await pilot.pause()
        screen = app.screen
        # Mounted with the case in hand: no read started, the body already drawn.
        assert screen.view is not None and not reads
        assert "Ola Prefetch" in static_text(screen.query_one("#case-body"))
        assert not screen.holds_key("e")
        await settle(pilot)
        assert not reads


@pytest.mark.parametrize("settled", [True, False], ids=["after-the-change", "right-after"])
async def test_a_case_changed_after_its_prefetch_opens_as_it_is_now(
    desk: Desk, commands: Commands, tmp_path: Path, settled: bool
) -> None:
    case = commands.create_case("hospitering", hospitering_values())
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        desk_screen = app.screen
        assert isinstance(desk_screen, DeskScreen) and desk_screen.prefetched is not None
        run_write(desk_screen, lambda s: s.add_note(case.id, "Ringt kommunen om saken"))
        if settled:
            await settle(pilot)
        burst(app, ENTER)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert "Ringt kommunen om saken" in static_text(screen.query_one("#case-body"))


async def test_enter_after_a_move_opens_the_row_under_the_cursor(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    for name in ("Ola Første", "Kari Andre"):
        commands.create_case("hospitering", hospitering_values(applicant_name=name))
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        desk_screen = app.screen
        assert isinstance(desk_screen, DeskScreen)
        second = desk_screen.table.rows_loaded[1]
        burst(app, "down", ENTER)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen) and screen.case_id == second.id
        assert screen.view is not None and screen.view.detail.id == second.id


async def test_a_long_case_is_drawn_once_when_it_opens(
    desk: Desk, commands: Commands, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The body is laid out at its final width in the first frame: the scrollbar's room
    is kept, so a case longer than the screen is not drawn again two columns narrower
    when its scrollbar appears."""
    commands.create_case("hospitering", hospitering_values(applicant_name="Ola Lang"))
    drawn: list[int] = []
    real = Widget._render_content

    def counted(self: Widget) -> None:
        if self.id == "case-body":
            drawn.append(self.size.width)
        real(self)

    monkeypatch.setattr(Widget, "_render_content", counted)
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        burst(app, ENTER)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        scroll = screen.query_one("#case-scroll")
        assert scroll.virtual_size.height > scroll.size.height  # it does not fit
        assert "Ola Lang" in static_text(screen.query_one("#case-body"))
        assert len(drawn) == 1


async def test_a_long_case_is_measured_once_when_it_opens(
    desk: Desk, commands: Commands, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Measuring the body's height draws the whole case: it is done once per content and
    width, not again on each relayout (the scrollbar coming, the screen's first resize);
    a changed case is measured again."""
    case = commands.create_case("hospitering", hospitering_values(applicant_name="Ola Lang"))
    measured: list[int] = []
    real = Static.get_content_height

    def counted(self: Static, container: Any, viewport: Any, width: int) -> int:
        height = real(self, container, viewport, width)
        if self.id == "case-body":
            measured.append(height)
        return height

    monkeypatch.setattr(Static, "get_content_height", counted)
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        burst(app, ENTER)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert len(measured) == 1
        run_write(screen, lambda s: s.add_note(case.id, "Ringt kommunen om saken"))
        await settle(pilot)
        assert "Ringt kommunen om saken" in static_text(screen.query_one("#case-body"))
        assert len(measured) == 2 and measured[1] > measured[0]  # a line longer


async def test_the_case_scrollbar_is_there_from_the_first_frame(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    """Shown whatever the case's length, so a long case's scrollbar is not laid out a
    frame late (a relayout and a repaint of the whole screen)."""
    commands.create_case("hospitering", hospitering_values(applicant_name="Ola Kort"))
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app, size=(120, 90)) as pilot:
        burst(app, ENTER)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        scroll = screen.query_one("#case-scroll")
        assert scroll.virtual_size.height <= scroll.size.height  # it fits
        assert scroll.show_vertical_scrollbar
