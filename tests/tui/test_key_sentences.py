"""Sentences that name a key name the key bound now (issue #9, «a key is only shown where
it acts»): after a remap in `[keymap]`, the toast after an undo, the side chosen at the
first start, the move dialog's and the form's warnings, the move dialog after another
window's save, the form's merge hints and the import dialog all show the new key — none
of them carries a key written into the catalogue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.case import CaseScreen
from samhandlingsdesk.tui.screens.desk import DeskScreen
from samhandlingsdesk.tui.screens.import_preview import ImportPreviewScreen
from samhandlingsdesk.tui.screens.transition import TransitionScreen
from tests.conftest import hospitering_values
from tests.tui.helpers import (
    case_row,
    make_app,
    notifications,
    press,
    running,
    screen_text,
    settle,
)
from tests.tui.test_forms import fill, form_of, open_edit

REDO = [({}, "Ctrl+Y"), ({"redo": "f9"}, "F9")]


@pytest.mark.parametrize(("keymap", "key"), REDO)
async def test_the_undo_toast_names_the_redo_key(
    desk: Desk, tmp_path: Path, commands: Commands, keymap: dict[str, str], key: str
) -> None:
    h = commands.create_case("hospitering", hospitering_values())
    app = make_app(desk, tmp_path, keymap=keymap)
    async with running(app, "v", notifications=True) as pilot:
        assert case_row(desk, h.ref)["status"] == "hos_egen_leder"
        await press(app, pilot, "u")
        assert case_row(desk, h.ref)["status"] == "mottatt"
        undone = f"Angret: {h.ref}: status Hos egen leder → Mottatt (Gjør om: {key})"
        assert undone in notifications(app)
        await press(app, pilot, key.lower())
        assert case_row(desk, h.ref)["status"] == "hos_egen_leder"  # the key named redoes


async def test_an_empty_keymap_entry_keeps_the_key_as_textual_does(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    """Textual ignores `redo = ""` (the binding keeps Ctrl+Y), so the toast names Ctrl+Y."""
    h = commands.create_case("hospitering", hospitering_values())
    app = make_app(desk, tmp_path, keymap={"redo": ""})
    async with running(app, "v", "u", notifications=True) as pilot:
        undone = f"Angret: {h.ref}: status Hos egen leder → Mottatt (Gjør om: Ctrl+Y)"
        assert undone in notifications(app)
        await press(app, pilot, "ctrl+y")
        assert case_row(desk, h.ref)["status"] == "hos_egen_leder"


@pytest.mark.parametrize(("keymap", "key"), [({}, "F2"), ({"settings-f2": "f9"}, "F9")])
async def test_the_side_chosen_names_the_settings_key(
    desk: Desk, tmp_path: Path, keymap: dict[str, str], key: str
) -> None:
    settings = Settings(side=None, path=tmp_path / "cfg" / "settings.toml", keymap=keymap)
    app = make_app(desk, tmp_path, settings=settings)
    async with running(app, "k", notifications=True):
        assert isinstance(app.screen, DeskScreen)
        chosen = f"Du sitter i kommunen. Det kan endres under Innstillinger ({key})."
        assert chosen in notifications(app)


async def _warned_move(app: object, pilot: object, case_id: str) -> TransitionScreen:
    """«Pågår» before the agreed start: the dialog warns and waits for a second save."""
    app.open_case(case_id)  # type: ignore[attr-defined]
    await settle(app, pilot)
    await press(app, pilot, "v")
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, TransitionScreen)
    return screen


@pytest.mark.parametrize(
    ("keymap", "save", "keys"),
    [({}, "F2/Ctrl+S", "F2/Ctrl+S"), ({"transition-save-f2": "f9"}, "f9", "F9/Ctrl+S")],
)
async def test_the_move_dialogs_warning_names_its_save_key(
    desk: Desk,
    tmp_path: Path,
    commands: Commands,
    keymap: dict[str, str],
    save: str,
    keys: str,
) -> None:
    agreed = {"agreed_from": date(2027, 2, 1), "agreed_to": date(2027, 2, 12)}
    h = commands.create_case(
        "hospitering",
        hospitering_values(**agreed, evaluation_planned_on=date(2027, 3, 1)),
        status="avtalt",
    )
    app = make_app(desk, tmp_path, keymap=keymap)
    async with running(app) as pilot:
        screen = await _warned_move(app, pilot, h.id)
        await press(app, pilot, save.split("/")[0].lower())
        assert app.screen is screen
        warned = screen_text(app, "#transition-error")
        assert warned.startswith("Advarsel: Hospiteringen settes i gang før avtalt start")
        assert warned.endswith(f"Trykk {keys} igjen for å lagre likevel, eller rett opp.")
        assert "F2" not in warned.replace(keys, "")
        await press(app, pilot, save.split("/")[0].lower())
        assert isinstance(app.screen, CaseScreen)
    assert case_row(desk, h.ref)["status"] == "pagar"


@pytest.mark.parametrize(
    ("keymap", "keys"),
    [({}, "Ctrl+S/F2"), ({"form-save-f2": "f9", "form-save": "ctrl+w"}, "Ctrl+W/F9")],
)
async def test_the_forms_warning_names_its_save_key(
    desk: Desk, tmp_path: Path, commands: Commands, keymap: dict[str, str], keys: str
) -> None:
    h = commands.create_case("hospitering", hospitering_values())  # applied 1.–12.2.2027
    app = make_app(desk, tmp_path, keymap=keymap)
    async with running(app) as pilot:
        await open_edit(pilot, h.id)
        await fill(pilot, "evaluation_planned_on", "05.02.2027")
        await press(app, pilot, keys.split("/")[0].lower())
        form = form_of(pilot)
        assert form.summary.startswith("Advarsel: ")
        assert form.summary.endswith(f"Trykk {keys} igjen for å lagre likevel, eller rett opp.")


@pytest.mark.parametrize(
    ("keymap", "key"), [({}, "x"), ({"export": "e"}, "e")], ids=["default", "remapped"]
)
async def test_the_import_dialog_names_the_export_key(
    desk: Desk, tmp_path: Path, keymap: dict[str, str], key: str
) -> None:
    app = make_app(desk, tmp_path, keymap=keymap)
    async with running(app) as pilot:
        app.push_screen(ImportPreviewScreen(""))
        await settle(app, pilot)
        what = screen_text(app, "#import-dialog .hint")
        assert f"Kolonnene er de samme som i en eksport ({key}): lag en eksport" in what


async def test_the_stale_forms_hints_name_the_reload_and_save_keys(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    h = commands.create_case("hospitering", hospitering_values())
    app = make_app(desk, tmp_path, keymap={"form-reload": "f6", "form-save-f2": "f9"})
    async with running(app) as pilot:
        await open_edit(pilot, h.id)
        commands.update_case(h.id, 1, {"contact_name": "Per Olsen"})  # another window
        await fill(pilot, "workplace", "Skien sykehjem")
        await press(app, pilot, "f9")
        form = form_of(pilot)
        assert form.summary.endswith(
            " Trykk F6/Ctrl+R for å hente den nyeste utgaven og velge felt for felt."
        )
        await press(app, pilot, "f6")  # nothing typed where they changed: taken at once
        assert form_of(pilot).summary == (
            f"Hentet den nyeste utgaven av {h.ref}. Lagre (Ctrl+S/F9) for å lagre det som står "
            "i skjemaet."
        )
        await press(app, pilot, "f9")
        assert isinstance(app.screen, CaseScreen)
    row = case_row(desk, h.ref)
    assert (row["contact_name"], row["version"]) == ("Per Olsen", 3)


@pytest.mark.parametrize(
    ("keymap", "purring", "snooze"), [({}, "p", "s"), ({"purring": "f6", "snooze": "z"}, "F6", "z")]
)
async def test_the_help_legend_names_the_purring_and_snooze_keys(
    desk: Desk, tmp_path: Path, keymap: dict[str, str], purring: str, snooze: str
) -> None:
    app = make_app(desk, tmp_path, keymap=keymap)
    async with running(app, "question_mark"):
        legend = screen_text(app, "#help-legend")
        assert f"tid for å følge opp eller purre ({purring})" in legend
        assert f"utsatt ({snooze}) til en dato" in legend


@pytest.mark.parametrize(("keymap", "key"), [({}, "a"), ({"note": "o"}, "o")])
async def test_the_move_dialogs_note_hint_names_the_note_key(
    desk: Desk, tmp_path: Path, commands: Commands, keymap: dict[str, str], key: str
) -> None:
    h = commands.create_case("hospitering", hospitering_values())
    app = make_app(desk, tmp_path, keymap=keymap)
    async with running(app) as pilot:
        app.open_case(h.id)
        await settle(app, pilot)
        await press(app, pilot, "r")
        assert isinstance(app.screen, TransitionScreen)
        hints = [str(w.render()) for w in app.screen.query(".hint")]
        assert f"Mer å si? Legg et notat på saken ({key}) etterpå." in hints
