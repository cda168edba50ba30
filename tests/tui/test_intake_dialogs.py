"""Pilot: the import dialog's file picker, a workbook with several sheets, a Word form
opened in the form, and the export dialog's xlsx choice."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from textual.widgets import Button, Checkbox, Input

from samhandlingsdesk.service.export import ExportFilter, export_csv
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk, create_desk
from samhandlingsdesk.tui.screens import import_preview
from samhandlingsdesk.tui.screens.form import FormScreen
from samhandlingsdesk.tui.screens.import_preview import (
    ImportFileTree,
    ImportPreviewScreen,
    list_folder,
)
from tests.conftest import TODAY, VALUES, write_intake
from tests.io.test_docx_form import build
from tests.io.test_xlsx import refuse_inserts_into
from tests.tui.conftest import make_desk_app, run_desk, settle
from tests.tui.helpers import export_dialog, import_dialog
from tests.tui.test_export_import import GOOD, cases, text_of
from tests.tui.typing import burst


async def test_the_file_picker_starts_in_the_export_folder_and_reads_the_chosen_file(
    desk: Desk, tmp_path: Path
) -> None:
    shared = tmp_path / "delt"
    (shared / "arkiv").mkdir(parents=True)
    (shared / ".skjult.csv").write_text("x")
    (shared / "notater.pdf").write_text("x")
    write_intake(shared / "søknader.csv", *GOOD)
    app = make_desk_app(desk, tmp_path)
    app.settings.export_dir = str(shared)
    async with run_desk(app) as pilot:
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportPreviewScreen)
        tree = screen.query_one(ImportFileTree)
        assert tree.root.data == shared
        labels = [str(n.label) for n in tree.root.children]
        assert labels == [".. (mappen over)", "arkiv/", "søknader.csv"]  # no hidden, no pdf
        tree.focus()
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        assert screen.query_one("#import-path", Input).value == str(shared / "søknader.csv")
        assert "Nye: 2" in text_of(screen, "#import-counts")
        await pilot.click("#import-all")
        await settle(pilot)
        assert cases(desk) == 2
        # up one folder: the tree now starts in the folder above
        tree.focus()
        tree.move_cursor(tree.root.children[0])
        await pilot.press("enter")
        await settle(pilot)
        assert tree.root.data == tmp_path


async def test_keys_typed_while_a_big_folder_is_listed_arrive_at_once(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The picker lists its folder in a thread: while a folder of thousands of files is
    read, the path typed into the dialog lands. The listing is held until the typed keys
    have landed; on the UI thread it would hold them too, and give up after 10 s."""
    big = tmp_path / "stor"
    big.mkdir()
    for i in range(3000):
        (big / f"eksport_{i:04}.csv").touch()
    held = threading.Event()
    waited: list[bool] = []

    def listed_when_released(folder: Path) -> list[tuple[Path, bool]]:
        waited.append(held.wait(timeout=10))
        return list_folder(folder)

    monkeypatch.setattr(import_preview, "list_folder", listed_when_released)
    app = make_desk_app(desk, tmp_path)
    app.settings.export_dir = str(big)
    typed = str(big / "eksport_0042.csv")
    async with run_desk(app) as pilot:
        await pilot.press("i")
        screen = app.screen
        assert isinstance(screen, ImportPreviewScreen)
        burst(app, typed)
        while app.keys_pending or screen.query_one("#import-path", Input).value != typed:
            await pilot.pause()
            if waited:  # the listing gave up: it held the keys (the UI thread)
                break
        held.set()
        await settle(pilot)
        assert waited == [True]
        assert screen.query_one("#import-path", Input).value == typed
        tree = screen.query_one(ImportFileTree)
        labels = [str(n.label) for n in tree.root.children]
        assert labels[0] == ".. (mappen over)" and len(labels) == 3001
        assert labels[1:3] == ["eksport_0000.csv", "eksport_0001.csv"]


def test_the_picker_lists_folders_first_and_only_what_the_import_reads(tmp_path: Path) -> None:
    (tmp_path / "Arkiv").mkdir()
    (tmp_path / "b.xlsx").touch()
    (tmp_path / "a.CSV").touch()
    (tmp_path / ".skjult.csv").touch()
    (tmp_path / "notat.pdf").touch()
    assert list_folder(tmp_path) == [
        (tmp_path / "Arkiv", True),
        (tmp_path / "a.CSV", False),
        (tmp_path / "b.xlsx", False),
    ]
    assert list_folder(tmp_path / "borte") == []


def two_sheet_book(tmp_path: Path) -> Path:
    """A workbook exported from another desk: a Hospitering sheet, then a LIS1 sheet."""
    source = create_desk(tmp_path / "kilde.db")
    try:
        theirs = Commands(source, today=TODAY)
        theirs.create_case("hospitering", VALUES["hospitering"]())
        theirs.create_case("lis1", VALUES["lis1"]())
        (book,) = export_csv(source, ExportFilter(), tmp_path / "ut", today=TODAY, fmt="xlsx").files
    finally:
        source.close()
    return book


async def test_a_workbook_with_several_sheets_imports_them_all(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    book = two_sheet_book(tmp_path)
    async with import_dialog(desk, tmp_path, book) as (pilot, screen):
        summary = text_of(screen, "#import-summary")
        assert "(ark «Hospitering»)" in summary and "(ark «LIS1»)" in summary
        assert "Nye: 2" in text_of(screen, "#import-counts")
        await pilot.click("#import-all")
        await settle(pilot)
        assert cases(desk) == 2
        assert screen.query_one("#import-all", Button).disabled


async def test_a_workbook_that_fails_on_its_second_sheet_imports_nothing(
    desk: Desk, tmp_path: Path
) -> None:
    book = two_sheet_book(tmp_path)
    refuse_inserts_into(desk.path, "lis1")  # a real failure, in the desk's own file
    async with import_dialog(desk, tmp_path, book) as (pilot, screen):
        assert "Nye: 2" in text_of(screen, "#import-counts")
        await pilot.click("#import-all")
        await settle(pilot)
        assert text_of(screen, "#import-result").startswith("Ingenting fra filen er importert.")
        assert not screen.query_one("#import-all", Button).disabled  # it may be tried again
    assert cases(desk) == 0  # not even the Hospitering sheet


async def test_a_word_form_is_previewed_and_opened_in_the_form(desk: Desk, tmp_path: Path) -> None:
    path = build(tmp_path / "søknad.docx")
    async with import_dialog(desk, tmp_path, path) as (pilot, screen):
        found = text_of(screen, "#import-form")
        assert "Funnet i skjemaet:" in found and "Søkers navn: Kari Nordmann" in found
        assert "Ikke funnet i skjemaet:" in text_of(screen, "#import-warnings")
        assert "Nye: 1" in text_of(screen, "#import-counts")
        button = screen.query_one("#import-open-form", Button)
        assert button.display and not button.disabled
        await pilot.click("#import-open-form")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormScreen) and form.is_new
        assert form.query_one("#f-applicant_name", Input).value == "Kari Nordmann"
        assert cases(desk) == 0  # nothing saved until the user saves the form


async def test_a_word_form_saved_from_the_preview(desk: Desk, tmp_path: Path) -> None:
    path = build(tmp_path / "søknad.docx")
    async with import_dialog(desk, tmp_path, path) as (pilot, screen):
        await pilot.click("#import-all")
        await settle(pilot)
        assert "Importert: 1 nye" in text_of(screen, "#import-result")
        assert cases(desk) == 1


async def test_export_dialog_writes_a_workbook(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    commands.create_case("hospitering", VALUES["hospitering"]())
    commands.create_case("lis3", VALUES["lis3"]())
    async with export_dialog(desk, tmp_path) as (pilot, screen):
        screen.query_one("#export-xlsx", Checkbox).value = True
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        files = sorted((tmp_path / "delt").iterdir())
        assert [f.name for f in files] == ["samhandlingsdesk_2026-11-23.xlsx"]
        assert str(files[0]) in text_of(screen, "#export-result")
        assert load_workbook(files[0]).sheetnames == ["Hospitering", "LIS3-ALIS", "Notater"]


async def test_a_future_change_time_is_taken_as_now_only_when_ticked(
    desk: Desk, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    from tests.io.test_intake_labels import _export_then_edit

    path = _export_then_edit(desk, tmp_path, datetime.now(UTC) + timedelta(days=30))
    async with import_dialog(desk, tmp_path, path) as (pilot, screen):
        assert "Med feil: 1" in text_of(screen, "#import-counts")
        assert "fram i tid" in text_of(screen, "#import-problems")
        screen.query_one("#import-future", Checkbox).value = True
        await settle(pilot)
        assert "Oppdatert: 1" in text_of(screen, "#import-counts")
        await pilot.click("#import-all")
        await settle(pilot)
        assert "1 oppdatert" in text_of(screen, "#import-result")
