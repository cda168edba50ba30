"""Keymap overrides from settings, user themes (broken, partial), the saved theme choice,
the WCAG AA contrast of the high-contrast theme and the shipped themes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from samhandlingsdesk.paths import package_resource, user_themes_dir
from samhandlingsdesk.settings import load_settings
from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.desk import DeskScreen
from samhandlingsdesk.tui.themes import VARIABLE_DEFAULTS, load_themes, theme_from_toml
from samhandlingsdesk.tui.widgets.case_table import CaseTable
from tests.conftest import hospitering_values
from tests.tui.helpers import (
    case_row,
    make_app,
    make_settings,
    notifications,
    press,
    running,
    screen_text,
    settle,
)

SHIPPED = ("samhandling-mørk", "samhandling-lys", "samhandling-kontrast")


# --- keymap -------------------------------------------------------------------------------


async def test_keymap_from_settings_rebinds_by_id(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    h = commands.create_case("hospitering", hospitering_values())
    app = make_app(desk, tmp_path, keymap={"new-case": "ctrl+b", "advance": "w"})
    async with running(app, notifications=True) as pilot:
        # The old plain keys do nothing now.
        await press(app, pilot, "v")
        assert case_row(desk, h.ref)["status"] == "mottatt"
        await press(app, pilot, "n")
        assert isinstance(app.screen, DeskScreen)
        # The new ones do.
        await press(app, pilot, "w")
        assert case_row(desk, h.ref)["status"] == "hos_egen_leder"
        assert f"{h.ref}: Hos egen leder" in notifications(app)
        await press(app, pilot, "ctrl+b")
        from samhandlingsdesk.tui.screens.new_case import NewCaseScreen

        assert isinstance(app.screen, NewCaseScreen)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, DeskScreen)
        # The help screen shows the keys as rebound.
        from samhandlingsdesk.tui.screens.help import binding_rows

        rows = {bid: keys for keys, _desc, bid in binding_rows(app.screen)}
        assert rows["advance"] == "w"
        assert rows["new-case"] == app.get_key_display(Binding("ctrl+b", "x")) == "^b"


async def test_desk_key_lines_name_the_keys_as_rebound(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    commands.create_case("hospitering", hospitering_values())
    keymap = {"advance": "w", "filter": "g", "clear-marks": "ctrl+k"}
    app = make_app(desk, tmp_path, keymap=keymap)
    async with running(app) as pilot:
        await press(app, pilot, "2")
        assert "Filter (g): åpne saker" in screen_text(app, "#filter-line")
        await press(app, pilot, "space")
        assert screen_text(app, "#status-line") == (
            "1 markert · w videre · r avslå/trekk · s utsett · t stikkord · "
            "Ctrl+K fjerner markeringen"
        )


# --- user themes --------------------------------------------------------------------------


def _themes_dir(tmp_path: Path) -> Path:
    settings = make_settings(tmp_path)
    folder = user_themes_dir(settings.path)
    folder.mkdir(parents=True)
    return folder


async def test_broken_user_themes_give_one_toast_each_and_fall_back(
    desk: Desk, tmp_path: Path
) -> None:
    folder = _themes_dir(tmp_path)
    (folder / "ødelagt.toml").write_text('name = "ødelagt"\nprimary = "#123456\n', "utf-8")
    (folder / "min-farge.toml").write_text(
        'name = "min-farge"\nprimary = "#GG0000"\nbackground = "#000000"\n', "utf-8"
    )
    settings = make_settings(tmp_path, theme="min-farge")
    settings.path.write_text('side = "kommune"\ntheme = "min-farge"  # min egen\n', "utf-8")
    app = make_app(desk, tmp_path, settings=load_settings(settings.path))
    async with running(app, notifications=True):
        assert app.theme == "samhandling-mørk"
        warnings = [n for n in app._notifications if n.severity == "warning"]
        messages = [n.message for n in warnings]
        assert len(messages) == 2, messages
        bad_toml = [m for m in messages if "ødelagt.toml" in m]
        bad_colour = [m for m in messages if "min-farge.toml" in m]
        assert len(bad_toml) == 1 and len(bad_colour) == 1
        assert "feil i TOML" in bad_toml[0]
        assert bad_colour[0] == (
            "Temaet i min-farge.toml kan ikke brukes: «primary» = «#GG0000» er ikke en farge; "
            "bruker «samhandling-mørk» i stedet."
        )
        # The fallback is said in the same toast as the problem with the chosen theme.
        assert "samhandling-mørk" in bad_colour[0]
        assert isinstance(app.screen, DeskScreen)
    # A fallback is not a choice: settings.toml keeps what the user wrote, so the theme
    # comes back once its file is fixed.
    assert settings.path.read_text("utf-8") == 'side = "kommune"\ntheme = "min-farge"  # min egen\n'


async def test_missing_theme_name_is_reported_once(desk: Desk, tmp_path: Path) -> None:
    app = make_app(desk, tmp_path, theme="finnes-ikke")
    async with running(app, notifications=True):
        assert app.theme == "samhandling-mørk"
        assert notifications(app) == ["Fant ikke temaet «finnes-ikke»; bruker «samhandling-mørk»."]


async def test_partial_user_theme_starts_with_default_variables(desk: Desk, tmp_path: Path) -> None:
    folder = _themes_dir(tmp_path)
    (folder / "halv.toml").write_text(
        '# bare det viktigste\nname = "halv"\ndark = true\nprimary = "#3366CC"\n', "utf-8"
    )
    app = make_app(desk, tmp_path, theme="halv")
    async with running(app, notifications=True):
        assert app.theme == "halv"
        assert notifications(app) == []
        variables = app.get_css_variables()
        for name, default in VARIABLE_DEFAULTS.items():
            assert variables[name] == default, name
        assert variables["primary"].upper() == "#3366CC"


async def test_user_theme_replaces_a_shipped_one(desk: Desk, tmp_path: Path) -> None:
    folder = _themes_dir(tmp_path)
    (folder / "lys.toml").write_text(
        'name = "samhandling-lys"\ndark = false\nprimary = "#004400"\n'
        '[variables]\ndue-overdue = "#990000"\n',
        "utf-8",
    )
    app = make_app(desk, tmp_path, theme="samhandling-lys")
    async with running(app, notifications=True):
        assert app.theme == "samhandling-lys"
        assert app.get_css_variables()["due-overdue"].upper() == "#990000"


async def test_chosen_theme_is_saved_and_repaints_the_list(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    from datetime import date

    # Overdue: sent to the host long ago and never confirmed received.
    h = commands.create_case(
        "hospitering",
        hospitering_values(received_on=date(2026, 9, 1), sent_on=date(2026, 9, 2)),
        status="sendt_vertsenhet",
    )
    assert case_row(desk, h.ref)["due_on"] < "2026-11-23"
    settings = make_settings(tmp_path)
    settings.path.parent.mkdir(parents=True)
    settings.path.write_text('# mine innstillinger\nside = "kommune"\n', "utf-8")
    app = make_app(desk, tmp_path, settings=settings)
    lys = theme_from_toml(package_resource("themes") / "samhandling-lys.toml")
    async with running(app) as pilot:
        assert _badge_colour(app) == _hex("#FF7B6B")  # samhandling-mørk
        app.theme = "samhandling-lys"
        await settle(app, pilot)
        assert _badge_colour(app) == _hex(lys.variables["due-overdue"])
    text = settings.path.read_text("utf-8")
    assert 'theme = "samhandling-lys"' in text
    assert "# mine innstillinger" in text
    assert load_settings(settings.path).theme == "samhandling-lys"


def _hex(colour: str) -> str:
    return colour.upper()


def _badge_colour(app: object) -> str:
    table = app.screen.query_one(CaseTable)  # type: ignore[attr-defined]
    cell = table.get_cell_at((0, table.keys.index("badge")))
    assert isinstance(cell, Text) and cell.plain == "Forfalt"
    style = cell.style
    assert isinstance(style, Style) and style.color is not None
    triplet = style.color.get_truecolor()
    return f"#{triplet.red:02X}{triplet.green:02X}{triplet.blue:02X}"


# --- shipped themes and contrast ------------------------------------------------------------


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB hex colour."""
    value = colour.lstrip("#")
    assert len(value) == 6, colour
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_high_contrast_theme_meets_wcag_aa() -> None:
    theme = theme_from_toml(package_resource("themes") / "samhandling-kontrast.toml")
    assert theme.background is not None and theme.foreground is not None
    background = theme.background
    assert contrast(theme.foreground, background) >= 4.5
    checked = {
        name: value
        for name, value in theme.variables.items()
        if name.startswith(("due-", "move-")) or name == "match-highlight"
    }
    assert set(checked) == {n for n in VARIABLE_DEFAULTS}
    too_low = {
        name: round(contrast(value, background), 2)
        for name, value in checked.items()
        if contrast(value, background) < 4.5
    }
    assert too_low == {}
    # Text on the panels (top bar, case header) too.
    for key in ("surface", "panel"):
        panel = getattr(theme, key)
        assert contrast(theme.foreground, panel) >= 4.5, key
        for name, value in checked.items():
            assert contrast(value, panel) >= 4.5, (key, name)


async def test_high_contrast_text_as_rendered_meets_wcag_aa(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    """The colours Textual actually renders (muted hints, the top bar on its panel, the
    table, a dialog's help line), with alpha and `auto` colours resolved."""
    commands.create_case("hospitering", hospitering_values())
    app = make_app(desk, tmp_path, theme="samhandling-kontrast")
    async with running(app) as pilot:
        assert app.theme == "samhandling-kontrast"
        selectors = ["#filter-line", "#desk-info", "#app-title", "#status-line", "Tab"]
        checked = {sel: _rendered_contrast(app.screen.query_one(sel)) for sel in selectors}
        await press(app, pilot, "question_mark")
        checked[".dialog-help"] = _rendered_contrast(app.screen.query_one(".dialog-help"))
        checked[".dialog-title"] = _rendered_contrast(app.screen.query_one(".dialog-title"))
        too_low = {sel: round(r, 2) for sel, r in checked.items() if r < 4.5}
        assert too_low == {}


def _rendered_contrast(widget: object) -> float:
    style = widget.rich_style  # type: ignore[attr-defined]
    assert style.color is not None and style.bgcolor is not None
    fg = style.color.get_truecolor()
    bg = style.bgcolor.get_truecolor()
    return contrast(
        f"#{fg.red:02X}{fg.green:02X}{fg.blue:02X}", f"#{bg.red:02X}{bg.green:02X}{bg.blue:02X}"
    )


def test_every_shipped_theme_loads() -> None:
    themes, problems = load_themes(None)
    assert problems == []
    names = [t.name for t in themes]
    assert sorted(names) == sorted(SHIPPED)
    files = sorted(package_resource("themes").glob("*.toml"))
    assert len(files) == len(SHIPPED)
    assert sorted(theme_from_toml(f).name for f in files) == sorted(SHIPPED)
    for theme in themes:
        assert set(theme.variables) == set(VARIABLE_DEFAULTS), theme.name
        assert theme.background and theme.foreground, theme.name


async def test_every_shipped_theme_can_be_chosen(
    desk: Desk, tmp_path: Path, commands: Commands
) -> None:
    commands.create_case("hospitering", hospitering_values())
    app = make_app(desk, tmp_path)
    async with running(app, notifications=True) as pilot:
        for name in SHIPPED:
            app.theme = name
            await settle(app, pilot)
            theme = app.get_theme(name)
            assert theme is not None
            variables = app.get_css_variables()
            for var, value in theme.variables.items():
                assert variables[var].upper() == value.upper(), (name, var)
            assert load_settings(app.settings.path).theme == name
        assert [n for n in app._notifications if n.severity != "information"] == []


async def test_key_hints_follow_a_remap(desk: Desk, tmp_path: Path) -> None:
    """The form's key line and buttons name the keys as remapped, never the old ones."""
    from textual.widgets import Button, Static

    from samhandlingsdesk.tui.keys import key_label
    from samhandlingsdesk.tui.screens.form import FormScreen

    assert [key_label(k) for k in ("ctrl+s", "f2", "escape", "j", "question_mark")] == [
        "Ctrl+S",
        "F2",
        "Esc",
        "j",
        "?",
    ]
    app = make_app(desk, tmp_path, keymap={"form-save": "ctrl+w", "form-cancel": "f10"})
    async with running(app) as pilot:
        app.push_screen(FormScreen("lis1", None))
        await settle(app, pilot)
        form = app.screen
        keys = str(form.query_one("#form-keys", Static).render())
        assert "Ctrl+W/F2: lagre · F10: lukk" in keys
        assert "Ctrl+S" not in keys and "Esc" not in keys
        assert str(form.query_one("#form-save", Button).label) == "Lagre (Ctrl+W / F2)"
        assert str(form.query_one("#form-close", Button).label) == "Lukk (F10)"


async def test_palette_and_move_dialog_hints_follow_a_remap(desk: Desk, tmp_path: Path) -> None:
    from samhandlingsdesk.tui.keys import hint
    from samhandlingsdesk.tui.palette import DeskCommands

    app = make_app(desk, tmp_path, keymap={"search-f": "ctrl+g", "export": "e"})
    async with running(app):
        helps = {label: text for label, _action, text in DeskCommands(app.screen)._actions()}
        assert helps["Søk"] == "Finn en sak (Ctrl+G)"
        assert helps["Eksporter CSV / Excel"] == "Lag CSV-filer eller en Excel-bok til kolleger (e)"
        assert helps["Angre"] == "Angre siste endring (Ctrl+Z)"
        assert hint(app.screen, "finnes-ikke") == ""


def _dialogs() -> dict[str, Any]:
    from samhandlingsdesk.domain.statistics import Cell
    from samhandlingsdesk.tui.screens.backups import BackupsScreen
    from samhandlingsdesk.tui.screens.field_finder import FieldFinder
    from samhandlingsdesk.tui.screens.merge import Conflict, MergeScreen
    from samhandlingsdesk.tui.screens.new_case import NewCaseScreen
    from samhandlingsdesk.tui.screens.prompt import PromptScreen
    from samhandlingsdesk.tui.screens.purring import PurringScreen
    from samhandlingsdesk.tui.screens.search import SearchScreen
    from samhandlingsdesk.tui.screens.settings import SettingsScreen
    from samhandlingsdesk.tui.screens.stats_cases import StatsCasesScreen

    return {
        "prompt": lambda: PromptScreen("Notat", "Tekst"),
        "purring": lambda: PurringScreen("Skien"),
        "new": lambda: NewCaseScreen(),
        "finder": lambda: FieldFinder([("party", "Kommune", "Søker")]),
        "search": lambda: SearchScreen(),
        "settings": lambda: SettingsScreen(),
        "stats-cases": lambda: StatsCasesScreen("Hospitering", Cell(0, "0")),
        "backups": lambda: BackupsScreen("/tmp/kopier", []),
        "merge": lambda: MergeScreen("H-2026-0001", [Conflict("party", "Kommune", "A", "B")]),
    }


@pytest.mark.parametrize(
    ("dialog", "keymap", "shown"),
    [
        ("prompt", {}, "Enter lagrer · Esc avbryter"),
        ("prompt", {"prompt-cancel": "f10"}, "Enter lagrer · F10 avbryter"),
        ("purring", {}, "Enter velger · e/t/a · Esc avbryter"),
        (
            "purring",
            {"purring-telefon": "p", "purring-cancel": "f10"},
            "Enter velger · e/p/a · F10 avbryter",
        ),
        ("new", {}, "Tall, bokstav eller Enter velger · Esc avbryter"),
        (
            "new",
            {"new-choose": "f5", "new-cancel": "q"},
            "Tall, bokstav eller F5 velger · q avbryter",
        ),
        ("finder", {}, "↑/↓ velger · Enter går til feltet · Esc avbryter"),
        ("settings", {}, "Ctrl+S lagrer · Esc lukker uten å lagre · Tab neste felt"),
        (
            "settings",
            {"settings-save": "ctrl+w", "settings-close": "f10", "focus-next": "f9"},
            "Ctrl+W lagrer · F10 lukker uten å lagre · F9 neste felt",
        ),
        ("stats-cases", {}, "Enter åpner saken · Esc lukker"),
        ("stats-cases", {"stats-cases-close": "q"}, "Enter åpner saken · q lukker"),
        ("backups", {}, "Enter: gjenopprett valgt kopi · b: ta en kopi nå · Esc: lukk"),
        (
            "backups",
            {"backups-now": "n", "backups-close": "q"},
            "Enter: gjenopprett valgt kopi · n: ta en kopi nå · q: lukk",
        ),
        ("merge", {}, "↑/↓ velger · Tab: neste felt · F2/Ctrl+S: bruk valgene · Esc: avbryt"),
        (
            "merge",
            {"merge-done": "f9", "merge-done-s": "ctrl+w", "merge-cancel": "q"},
            "↑/↓ velger · Tab: neste felt · F9/Ctrl+W: bruk valgene · q: avbryt",
        ),
        (
            "finder",
            {"finder-up": "ctrl+k", "finder-choose": "f5", "finder-cancel": "f10"},
            "Ctrl+K/↓ velger · F5 går til feltet · F10 avbryter",
        ),
        (
            "search",
            {},
            "↓ til treffene · Enter åpner · a notat · c kopier telefon · ↑ tilbake · Esc lukker",
        ),
        (
            "search",
            {"search-down": "f6", "search-note": "n", "search-copy": "k", "search-close": "f10"},
            "F6 til treffene · Enter åpner · n notat · k kopier telefon · ↑ tilbake · F10 lukker",
        ),
    ],
)
async def test_the_dialogs_key_lines_follow_a_remap(
    desk: Desk, tmp_path: Path, dialog: str, keymap: dict[str, str], shown: str
) -> None:
    """Issue #8: no key line is written by hand — a remapped key is the key shown."""
    app = make_app(desk, tmp_path, keymap=keymap)
    async with running(app) as pilot:
        app.push_screen(_dialogs()[dialog]())
        await settle(app, pilot)
        assert str(app.screen.query_one(".dialog-help", Static).render()) == shown


@pytest.mark.parametrize(("keymap", "key"), [({}, "F2"), ({"settings-f2": "f9"}, "F9")])
async def test_the_first_start_names_the_settings_key(
    desk: Desk, tmp_path: Path, keymap: dict[str, str], key: str
) -> None:
    from samhandlingsdesk.tui.screens.first_start import FirstStartScreen

    app = make_app(desk, tmp_path, keymap=keymap)
    async with running(app) as pilot:
        app.push_screen(FirstStartScreen())
        await settle(app, pilot)
        text = str(app.screen.query_one(".dialog-text", Static).render())
        assert text.endswith(f"Du kan endre det senere under Innstillinger ({key}).")
