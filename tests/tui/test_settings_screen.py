"""The settings screen (issue #13): opened by F2, `,` and the palette; checks as typed,
refuses to save bad values, saves to settings.toml keeping the user's comments, and
recomputes the due dates in the background with a message saying how many moved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input

from samhandlingsdesk.settings import load_settings
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.desk import DeskScreen
from samhandlingsdesk.tui.screens.settings import SettingsScreen
from tests.conftest import lis1_values
from tests.tui.helpers import (
    case_row,
    make_app,
    make_settings,
    notifications,
    press,
    running,
    screen_text,
    settle,
    type_text,
)


async def _set(app: object, pilot: object, name: str, text: str) -> None:
    field = app.screen.query_one(f"#set-{name}", Input)  # type: ignore[attr-defined]
    field.focus()
    field.value = ""
    await pilot.pause()  # type: ignore[attr-defined]
    await type_text(app, pilot, text)  # checked as typed: each key a change


async def test_f2_and_comma_open_it(desk: Desk, tmp_path: Path) -> None:
    app = make_app(desk, tmp_path)
    async with running(app, "f2") as pilot:
        assert isinstance(app.screen, SettingsScreen)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, DeskScreen)
        await press(app, pilot, "comma")
        assert isinstance(app.screen, SettingsScreen)


async def test_next_field_is_the_forms_binding_and_follows_its_remap(
    desk: Desk, tmp_path: Path
) -> None:
    """Tab in the settings is the forms' `focus-next`: remapped in [keymap], the new key
    moves to the next setting here too."""
    app = make_app(desk, tmp_path, keymap={"focus-next": "f9"})
    async with running(app, "f2") as pilot:
        assert isinstance(app.screen, SettingsScreen)
        inputs = list(app.screen.query(Input))
        inputs[0].focus()
        await settle(app, pilot)
        await press(app, pilot, "f9")
        assert app.focused is not inputs[0]
        assert app.focused is app.screen.focus_chain[app.screen.focus_chain.index(inputs[0]) + 1]


async def test_bad_values_are_refused_as_typed(desk: Desk, tmp_path: Path) -> None:
    app = make_app(desk, tmp_path)
    async with running(app, "f2", notifications=True) as pilot:
        await _set(app, pilot, "followup_lis1_varslet", "ti")
        assert screen_text(app, "#hint-followup_lis1_varslet") == (
            "Skriv et helt antall virkedager (0 eller mer)."
        )
        await _set(app, pilot, "side", "sykehus")
        assert "kommune" in screen_text(app, "#hint-side")
        await _set(app, pilot, "export_dir", str(tmp_path / "finnes-ikke"))
        assert screen_text(app, "#hint-export_dir").startswith("Mappen finnes ikke")
        await press(app, pilot, "ctrl+s")
        assert "Rett feltene som er merket før du lagrer." in notifications(app)
        assert isinstance(app.screen, SettingsScreen)
    assert not app.settings.path.exists()  # type: ignore[union-attr]


async def test_save_keeps_comments_and_recomputes(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    c = commands.create_case("lis1", lis1_values(received_on=date(2026, 11, 20)), status="varslet")
    assert case_row(desk, c.ref)["due_on"] == "2026-12-04"  # 10 working days
    settings = make_settings(tmp_path)
    settings.path.parent.mkdir(parents=True)  # type: ignore[union-attr]
    settings.path.write_text(  # type: ignore[union-attr]
        '# mine egne notater\nside = "kommune"  # valgt første gang\n\n[reminders]\n'
        "# LIS1 ringer alltid\nlis1_notification = 1\n",
        encoding="utf-8",
    )
    app = make_app(desk, tmp_path, settings=settings)
    async with running(app, "f2", notifications=True) as pilot:
        await _set(app, pilot, "followup_lis1_varslet", "3")
        assert screen_text(app, "#hint-followup_lis1_varslet") == ""
        await _set(app, pilot, "open_on_agenda", "ja")
        await _set(app, pilot, "stats_exact", "kanskje")
        assert screen_text(app, "#hint-stats_exact") == "Skriv «ja» eller «nei»."
        await _set(app, pilot, "stats_exact", "nei")
        await press(app, pilot, "ctrl+s")
        await settle(app, pilot)
        shown = notifications(app)
        assert any(n.startswith("Innstillingene er lagret i ") for n in shown)
        assert "Fristen er regnet om for 1 sak." in shown
    text = settings.path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "# mine egne notater" in text and "# valgt første gang" in text
    assert "# LIS1 ringer alltid" in text
    loaded = load_settings(settings.path)
    assert loaded.reminders.followup_lis1_varslet == 3
    assert loaded.reminders.lis1_notification == 1
    assert loaded.open_on_agenda is True
    assert case_row(desk, c.ref)["due_on"] == "2026-11-25"  # 3 working days


async def test_backup_folder_and_retention_are_checked_as_typed(desk: Desk, tmp_path: Path) -> None:
    a_file = tmp_path / "en-fil.txt"
    a_file.write_text("x", encoding="utf-8")
    app = make_app(desk, tmp_path)
    async with running(app, "f2", notifications=True) as pilot:
        field = app.screen.query_one("#set-backup_dir", Input)
        assert field.value == ""
        assert field.placeholder == str(desk.path.parent / "backups")  # the folder used
        await _set(app, pilot, "backup_dir", str(a_file))
        assert screen_text(app, "#hint-backup_dir") == f"Ikke en mappe: {a_file}"
        await _set(app, pilot, "retention_lis1", "0")
        assert screen_text(app, "#hint-retention_lis1") == (
            "Skriv et helt antall måneder, 1 eller mer."
        )
        await _set(app, pilot, "retention_nettverk", "to")
        assert screen_text(app, "#hint-retention_nettverk") != ""
        await press(app, pilot, "ctrl+s")
        assert "Rett feltene som er merket før du lagrer." in notifications(app)
        assert isinstance(app.screen, SettingsScreen)
        # A folder inside a file can never be created.
        await _set(app, pilot, "backup_dir", str(a_file / "kopier"))
        assert screen_text(app, "#hint-backup_dir").startswith("Mappen kan ikke opprettes")
    assert not app.settings.path.exists()  # type: ignore[union-attr]
    assert app.settings.backup_dir is None
    assert app.settings.retention == {}


async def test_backup_folder_and_retention_are_saved_keeping_comments(
    desk: Desk, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path)
    settings.path.parent.mkdir(parents=True)  # type: ignore[union-attr]
    settings.path.write_text(  # type: ignore[union-attr]
        'side = "kommune"\n\n[retention]\n# avtalt med arkivet\nhospitering = 36\n',
        encoding="utf-8",
    )
    settings = load_settings(settings.path)
    folder = tmp_path / "kopier" / "desk"  # does not exist yet: created by the next backup
    app = make_app(desk, tmp_path, settings=settings)
    async with running(app, "f2", notifications=True) as pilot:
        assert app.screen.query_one("#set-retention_hospitering", Input).value == "36"
        assert app.screen.query_one("#set-retention_lis3", Input).value == "24"
        await _set(app, pilot, "backup_dir", str(folder))
        assert screen_text(app, "#hint-backup_dir") == ""
        await _set(app, pilot, "retention_lis3", "12")
        assert screen_text(app, "#hint-retention_lis3") == ""
        await press(app, pilot, "ctrl+s")
        await settle(app, pilot)
        assert any(n.startswith("Innstillingene er lagret i ") for n in notifications(app))
    assert app.settings.backup_dir == str(folder)
    assert app.settings.backups_path(desk.path) == folder
    assert app.settings.retention["lis3"] == 12
    assert app.settings.retention["hospitering"] == 36
    text = settings.path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "# avtalt med arkivet" in text
    loaded = load_settings(settings.path)
    assert loaded.backup_dir == str(folder)
    assert loaded.retention == {
        "hospitering": 36,
        "veiledning": 24,
        "lis1": 24,
        "lis3": 12,
        "nettverk": 24,
    }
