"""Help (issue #9) lists Enter and explains every badge and status colour of the lists."""

from __future__ import annotations

from pathlib import Path

from samhandlingsdesk.domain.kinds import MOVE_LABELS
from samhandlingsdesk.domain.presentation import BADGE_LABELS
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.screens.help import HelpScreen, binding_rows
from tests.tui.helpers import screen_text

from .conftest import make_desk_app, run_desk, settle


async def test_help_explains_badges_colours_and_lists_enter(desk: Desk, tmp_path: Path):
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        rows = {r[2]: r for r in binding_rows(app.screen)}
        assert rows["open-case"][0] == app.get_key_display(
            app.screen._bindings.get_bindings_for_key("enter")[0]
        )
        assert rows["filter"][1].endswith("(virker ikke her)")  # the inbox has no filter
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        legend = screen_text(app, "#help-legend")
        for label in [*filter(None, BADGE_LABELS.values()), *MOVE_LABELS.values()]:
            assert label in legend, label


async def test_help_over_the_form_names_the_screen_in_norwegian_and_only_keys_that_act(
    desk: Desk, tmp_path: Path
) -> None:
    """The form's F2 saves: help lists it there, not the desk's F2 for the settings, and
    its title names the form, not the class («Taster — FormScreen» before)."""
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app) as pilot:
        await pilot.press("n", "h")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert screen_text(app, "#help-title") == "Taster — Skjema"
        rows = {r[2]: r for r in binding_rows(app.screen.source)}
        assert "form-save-f2" in rows and "settings-f2" not in rows


def test_every_screen_has_a_norwegian_name_for_the_help() -> None:
    import importlib
    import inspect
    import pkgutil

    from textual.screen import Screen

    import samhandlingsdesk.tui.screens as screens
    from samhandlingsdesk.domain.text.palette import HELP_SCREEN_NAMES

    nameless = []
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"{screens.__name__}.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            own = issubclass(cls, Screen) and cls.__module__ == module.__name__
            if own and not cls.TITLE and name not in HELP_SCREEN_NAMES:
                nameless.append(name)
    assert nameless == []


async def test_help_at_80x24_shows_keys_and_the_legend_scrolls(desk: Desk, tmp_path: Path) -> None:
    """At 80x24 the legend took the whole dialog and the key table showed one key."""
    app = make_desk_app(desk, tmp_path)
    async with run_desk(app, size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table")
        assert table.region.height >= 6  # a header and at least five keys
        legend = app.screen.query_one("#help-legend-scroll")
        dialog = app.screen.query_one("#help-dialog")
        assert legend.region.height >= 3
        assert dialog.region.contains_region(legend.region)
