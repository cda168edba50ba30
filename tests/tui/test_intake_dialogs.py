"""Pilot: the import dialog's file picker, a workbook with several sheets, a Word form
opened in the form, and the export dialog's xlsx choice."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from textual.widgets import Button, Checkbox, Input

from samhandlingsdesk.service.export import ExportFilter, export_csv
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk, create_desk
from samhandlingsdesk.tui.screens.export import ExportScreen
from samhandlingsdesk.tui.screens.form import FormScreen
from samhandlingsdesk.tui.screens.import_preview import ImportFileTree, ImportPreviewScreen
from tests.conftest import TODAY, VALUES
from tests.io.test_docx_form import build
from tests.tui.conftest import make_desk_app, run_desk, settle
from tests.tui.test_export_import import GOOD, cases, text_of, write_intake


async def test_the_file_picker_starts_in_the_export_folder_and_reads_the_chosen_file(
    desk: Desk, tmp_path: Path
) -> None:
    shared = tmp_path / "delt"
    (shared / "arkiv").mkdir(parents=True)
    (shared / ".skjult.csv").write_text("x")
    (shared / "notater.pdf").write_text("x")
    write_intake(shared / "søknader.csv", GOOD)
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


async def test_a_workbook_with_several_sheets_imports_them_all(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    source = create_desk(tmp_path / "kilde.db")
    try:
        theirs = Commands(source, today=TODAY)
        theirs.create_case("hospitering", VALUES["hospitering"]())
        theirs.create_case("lis1", VALUES["lis1"]())
        (book,) = export_csv(source, ExportFilter(), tmp_path / "ut", today=TODAY, fmt="xlsx").files
    finally:
        source.close()
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        app.push_screen(ImportPreviewScreen(str(book)))
        await settle(pilot)
        screen = app.screen
        summary = text_of(screen, "#import-summary")
        assert "(ark «Hospitering»)" in summary and "(ark «LIS1»)" in summary
        assert "Nye: 2" in text_of(screen, "#import-counts")
        await pilot.click("#import-all")
        await settle(pilot)
        assert cases(desk) == 2
        assert screen.query_one("#import-all", Button).disabled


async def test_a_word_form_is_previewed_and_opened_in_the_form(desk: Desk, tmp_path: Path) -> None:
    path = build(tmp_path / "søknad.docx")
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        app.push_screen(ImportPreviewScreen(str(path)))
        await settle(pilot)
        screen = app.screen
        found = text_of(screen, "#import-form")
        assert "Funnet i skjemaet:" in found and "Søkers navn: Kari Nordmann" in found
        assert "Ikke funnet i skjemaet:" in text_of(screen, "#import-warnings")
        assert "Nye: 1" in text_of(screen, "#import-counts")
        button = screen.query_one("#import-open-form", Button)
        assert button.display and not button.disabled
        await pilot.click("#import-open-form")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen) and form.is_new
        assert form.query_one("#f-applicant_name", Input).value == "Kari Nordmann"
        assert cases(desk) == 0  # nothing saved until the user saves the form


async def test_a_word_form_saved_from_the_preview(desk: Desk, tmp_path: Path) -> None:
    path = build(tmp_path / "søknad.docx")
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        app.push_screen(ImportPreviewScreen(str(path)))
        await settle(pilot)
        await pilot.click("#import-all")
        await settle(pilot)
        assert "Importert: 1 nye" in text_of(app.screen, "#import-result")
        assert cases(desk) == 1


async def test_export_dialog_writes_a_workbook(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    commands.create_case("hospitering", VALUES["hospitering"]())
    commands.create_case("lis3", VALUES["lis3"]())
    app = make_desk_app(desk, tmp_path)
    app.settings.export_dir = str(tmp_path / "delt")
    async with run_desk(app) as pilot:
        await pilot.press("x")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
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
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        app.push_screen(ImportPreviewScreen(str(path)))
        await settle(pilot)
        screen = app.screen
        assert "Med feil: 1" in text_of(screen, "#import-counts")
        assert "fram i tid" in text_of(screen, "#import-problems")
        screen.query_one("#import-future", Checkbox).value = True
        await settle(pilot)
        assert "Oppdatert: 1" in text_of(screen, "#import-counts")
        await pilot.click("#import-all")
        await settle(pilot)
        assert "1 oppdatert" in text_of(screen, "#import-result")
