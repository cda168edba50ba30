"""Pilot: the export screen (`x`) with its preview, progress bar and result, and the import
preview (`i`) with its counts, problems and buttons."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Button, Checkbox, Input, ProgressBar, Static

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.export import ExportScreen
from samhandlingsdesk.tui.screens.import_preview import ImportPreviewScreen
from tests.conftest import VALUES, write_intake
from tests.tui.conftest import make_desk_app, run_desk, settle, type_text
from tests.tui.helpers import export_dialog, import_dialog, make_app, running, step


def text_of(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


def cases(desk: Desk) -> int:
    conn = sqlite3.connect(desk.path)
    try:
        return conn.execute('SELECT count(*) FROM "case"').fetchone()[0]
    finally:
        conn.close()


async def test_export_screen_preview_progress_and_files(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    for _ in range(3):
        commands.create_case("hospitering", VALUES["hospitering"](home_address="Åsveien 3"))
    commands.create_case("nettverk", VALUES["nettverk"]())
    async with export_dialog(desk, tmp_path) as (pilot, screen):
        with step("the preview counts each kind; the folder is named"):
            preview = text_of(screen, "#export-preview")
            assert "Hospitering 3" in preview and "Nettverk 1" in preview and "i alt 4" in preview
            assert str(tmp_path / "delt") in text_of(screen, "#export-folder")

        with step("untick nettverk: the preview follows"):
            screen.query_one("#export-kind-nettverk", Checkbox).value = False
            await settle(pilot)
            assert "i alt 3 rader" in text_of(screen, "#export-preview")

        with step("the personal checkbox shows its warning"):
            warning = screen.query_one("#export-warning")
            assert not warning.display
            screen.query_one("#export-personal", Checkbox).value = True
            await settle(pilot)
            assert warning.display
            assert "hjemmeadresse" in text_of(screen, "#export-warning")

        with step("a bad date is refused where it was typed and disables the button"):
            screen.query_one("#export-from", Input).focus()
            await type_text(pilot, "uke 99")
            assert "Mottatt fra" in text_of(screen, "#export-filter-error")
            assert screen.query_one("#export-run", Button).disabled
            screen.query_one("#export-from", Input).value = ""
            await settle(pilot)
            assert not screen.query_one("#export-run", Button).disabled

        with step("export: the progress bar full, the result names the file"):
            await pilot.click("#export-run")
            await settle(pilot)
            bar = screen.query_one("#export-progress", ProgressBar)
            assert bar.display and bar.total == 3 and bar.progress == 3
            result = text_of(screen, "#export-result")
            assert "Eksportert 3 saker" in result
            files = sorted((tmp_path / "delt").iterdir())
            assert [f.name for f in files] == ["hospitering_2026-11-23.csv"]
            assert str(files[0]) in result
            assert "Åsveien 3" in files[0].read_text("utf-8-sig")  # personal: ticked

        with step("Esc closes the dialog"):
            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(pilot.app.screen, ExportScreen)


def shown(screen: object, selector: str) -> bool:
    """The widget lies wholly inside its dialog on screen (not cut off or pushed out)."""
    widget = screen.query_one(selector)  # type: ignore[attr-defined]
    dialog = screen.query_one(".dialog")  # type: ignore[attr-defined]
    return widget.region.area > 0 and dialog.region.contains_region(widget.region)


async def test_export_screen_fits_an_80x24_terminal(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    for _ in range(3):
        commands.create_case("hospitering", VALUES["hospitering"]())
    async with export_dialog(desk, tmp_path, size=(80, 24)) as (pilot, screen):
        # Every kind can be seen and ticked; the buttons stay in view.
        for key in ("hospitering", "veiledning", "lis1", "lis3", "nettverk"):
            assert shown(screen, f"#export-kind-{key}"), key
        assert shown(screen, "#export-run") and shown(screen, "#export-close")
        assert shown(screen, "#export-changed")
        # Tabbing down to the last choice scrolls it into view.
        screen.query_one("#export-personal", Checkbox).focus()
        await settle(pilot)
        assert shown(screen, "#export-personal")
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.pause()
        assert "Eksportert 3 saker" in text_of(screen, "#export-result")
        assert shown(screen, "#export-result")
        assert shown(screen, "#export-run")


async def test_import_preview_fits_an_80x24_terminal(desk: Desk, tmp_path: Path) -> None:
    path = write_intake(tmp_path / "feil.csv", *GOOD, BAD, BAD, BAD)
    async with import_dialog(desk, tmp_path, path, size=(80, 24)) as (pilot, screen):
        assert "Med feil: 3" in text_of(screen, "#import-counts")
        assert shown(screen, "#import-counts")
        for button in ("#import-all", "#import-valid", "#import-cancel"):
            assert shown(screen, button), button
        await pilot.click("#import-valid")
        await settle(pilot)
        assert cases(desk) == 2


GOOD = [
    ["Kari Nordmann", "Til sykehuset", "01.02.2027", "12.02.2027", "Ernæring", "15.11.2026"],
    ["Ola Nordmann", "Til kommunen", "01.03.2027", "05.03.2027", "Demens", "16.11.2026"],
]
BAD = ["Per Feil", "Til sykehuset", "17.5", "12.02.2027", "Sår", "15.11.2026"]


async def test_import_preview_counts_and_import_all(desk: Desk, tmp_path: Path) -> None:
    path = write_intake(tmp_path / "søknader.csv", *GOOD)
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportPreviewScreen)
        await type_text(pilot, str(path))
        await pilot.press("enter")
        await settle(pilot)
        counts = text_of(screen, "#import-counts")
        assert "Nye: 2" in counts and "Med feil: 0" in counts
        assert not screen.query_one("#import-all", Button).disabled
        assert screen.query_one("#import-valid", Button).disabled
        await pilot.click("#import-all")
        await settle(pilot)
        assert "Importert: 2 nye" in text_of(screen, "#import-result")
        assert cases(desk) == 2
        assert screen.query_one("#import-all", Button).disabled

        # The same file again: duplicates, nothing to import.
        await pilot.click("#import-read")
        await settle(pilot)
        assert "Duplikater: 2" in text_of(screen, "#import-counts")
        assert screen.query_one("#import-all", Button).disabled


async def test_import_preview_with_invalid_rows(desk: Desk, tmp_path: Path) -> None:
    path = write_intake(tmp_path / "feil.csv", *GOOD, BAD)
    async with import_dialog(desk, tmp_path, path) as (pilot, screen):
        assert "Med feil: 1" in text_of(screen, "#import-counts")
        problems = text_of(screen, "#import-problems")
        assert "Linje 4, kolonne «Fra»: «17.5» er ikke en fullstendig dato" in problems
        assert screen.query_one("#import-all", Button).disabled
        assert not screen.query_one("#import-valid", Button).disabled
        await pilot.click("#import-valid")
        await settle(pilot)
        assert "1 med feil hoppet over" in text_of(screen, "#import-result")
        assert cases(desk) == 2


async def test_import_preview_unreadable_file(desk: Desk, tmp_path: Path) -> None:
    async with import_dialog(desk, tmp_path, tmp_path / "borte.csv") as (_pilot, screen):
        assert "Finner ikke filen" in text_of(screen, "#import-summary")
        assert screen.query_one("#import-all", Button).disabled


async def test_palette_lists_export_and_import() -> None:
    from samhandlingsdesk.tui.app import PALETTE_ACTIONS

    actions = {a.action for a in PALETTE_ACTIONS}
    assert {"app.export_csv", "app.import_csv"} <= actions


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("excel", {"Eksporter CSV / Excel", "Importer CSV / Excel / Word"}),
        ("word", {"Importer CSV / Excel / Word"}),
    ],
)
async def test_the_palette_finds_export_and_import_by_excel_and_word(
    desk: Desk, tmp_path: Path, query: str, found: set[str]
) -> None:
    """Both dialogs take Excel (and the import Word): the palette named «CSV» only, and a
    search for «excel» or «word» said «Ingen treff»."""
    from samhandlingsdesk.tui.palette import DeskCommands

    app = make_app(desk, tmp_path)
    async with running(app):
        provider = DeskCommands(app.screen)
        labels = {str(hit.text) async for hit in provider.search(query) if hit.text}
        assert found <= labels
