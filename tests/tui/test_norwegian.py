"""No English on any screen (issue #9): Textual's own strings are collected from the
installed Textual — its bindings' descriptions, placeholders, titles, toasts and texts —
and every screen and dialog of the desk is walked at 80x24 and 120x40 looking for them.
A new English string in a new Textual is caught the same way."""

from __future__ import annotations

import ast
import html
import importlib
import inspect
import pkgutil
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import textual
import textual.widgets
from textual.binding import Binding
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.widgets import Select

from samhandlingsdesk.store.commands import Commands
from samhandlingsdesk.store.db import Desk
from samhandlingsdesk.tui.app import DeskApp
from tests.conftest import hospitering_values, lis1_values

from .conftest import make_desk_app, settle
from .helpers import running, until

MODULES = ("textual.app", "textual.screen", "textual.command", "textual.widget")
SOURCE_CALLS = {"notify", "Text", "Option", "Static", "Label"}
SOURCE_KEYWORDS = {"placeholder", "title", "tooltip", "description", "prompt"}
ENGLISH = re.compile(r"[A-Za-z]{3,}")


def _modules() -> list[Any]:
    mods = [importlib.import_module(name) for name in MODULES]
    for info in pkgutil.iter_modules(textual.widgets.__path__, "textual.widgets."):
        try:
            mods.append(importlib.import_module(info.name))
        except ImportError:  # an optional extra (tree-sitter …) is not installed
            continue
    return mods


def _plain(text: str) -> str:
    return re.sub(r"\[/?[a-z ]*\]|\{[^}]*\}", " ", text).strip()


def _constants(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant)]
    return []


@cache
def textual_english() -> frozenset[str]:
    """Every sentence Textual itself may show, as found in the installed package."""
    found: set[str] = set()
    for module in _modules():
        for obj in vars(module).values():
            ours = inspect.isclass(obj) and obj.__module__ == module.__name__
            if ours and issubclass(obj, DOMNode):
                for b in obj.__dict__.get("BINDINGS", []):
                    description = b.description if isinstance(b, Binding) else (b[2:3] or [""])[0]
                    found.add(description)
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name in SOURCE_CALLS and node.args:
                    found.update(_constants(node.args[0]))
                for kw in node.keywords:
                    if kw.arg in SOURCE_KEYWORDS:
                        found.update(_constants(kw.value))
            elif isinstance(node, ast.arguments):
                names = [a.arg for a in node.args[-len(node.defaults) :]] if node.defaults else []
                for name, default in zip(names, node.defaults, strict=True):
                    if name in SOURCE_KEYWORDS:
                        found.update(_constants(default))
    out = set()
    for text in found:
        plain = _plain(text)
        if len(plain) >= 5 and ENGLISH.search(plain) and " " in plain:
            out.add(plain)
    return frozenset(out)


def squeeze(text: str) -> str:
    return re.sub(r"[\s…]+", "", text).casefold()


def screen_words(app: DeskApp) -> str:
    svg = app.export_screenshot()
    parts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return squeeze("".join(html.unescape(p) for p in parts))


INTERNAL = re.compile(r"readme\.md|\(s\d§")  # file names, the agreements' source keys


def english_on(app: DeskApp) -> list[str]:
    """Textual's English, file names and internal source keys on the screen now."""
    shown = screen_words(app)
    found = [t for t in textual_english() if squeeze(t) in shown]
    return sorted(found + INTERNAL.findall(shown))


def test_the_collector_finds_textuals_own_english() -> None:
    found = textual_english()
    known_ones = ("Search for commands", "No matches found", "Dismiss menu", "Do you want to quit?")
    for known in known_ones:
        assert any(known in t for t in found), known


async def _walk(app: DeskApp, pilot: Pilot[Any], seen: dict[str, list[str]]) -> None:
    async def look(name: str, *keys: str, home: bool = True, wait_for: str = "") -> None:
        if home:  # each look starts from the inbox
            while len(app.screen_stack) > 1:
                app.pop_screen()
            await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if wait_for:  # a timer of Textual's own (the palette's «no matches»)
            await until(pilot, lambda: squeeze(wait_for) in screen_words(app), wait_for)
        seen[name] = english_on(app)
        seen[name + " (skjerm)"] = [type(app.screen).__name__]

    await look("innboks")
    await look("hjelp", "question_mark")
    await look("statusfilter", "2", "f")
    await look("sak", "enter")
    await look("flytt", "enter", "r")
    await look("skjema", "enter", "e")
    form = app.screen
    form.set_focus(form.query_one(Select))
    await look("valgliste", "enter", home=False)
    await look("ctrl+c i et felt", "enter", "e", "ctrl+c")
    await look("forkast", "enter", "e", "x", "escape")
    await look("notat", "a")
    await look("ny sak", "n")
    await look("søk", "ctrl+f", "9")
    await look("eksport", "x")
    await look("import", "i")
    await look("palett", "ctrl+p")
    await look("palett uten treff", *"zzqx", home=False, wait_for="Ingen treff")
    await look("tema", "ctrl+t")
    await look("nettverksskjema", "n", "n")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_no_english_from_textual_on_any_screen(
    desk: Desk, commands: Commands, tmp_path: Path, size: tuple[int, int]
) -> None:
    commands.create_case("hospitering", hospitering_values())
    commands.create_case("lis1", lis1_values())
    app = make_desk_app(desk, tmp_path)
    seen: dict[str, list[str]] = {}
    async with running(app, size=size, notifications=True) as pilot:
        await _walk(app, pilot, seen)
    screens = {name: found[0] for name, found in seen.items() if name.endswith("(skjerm)")}
    assert screens == {
        f"{name} (skjerm)": screen
        for name, screen in {
            "innboks": "DeskScreen",
            "hjelp": "HelpScreen",
            "statusfilter": "StatusFilterScreen",
            "sak": "CaseScreen",
            "flytt": "TransitionScreen",
            "skjema": "FormScreen",
            "valgliste": "FormScreen",
            "ctrl+c i et felt": "FormScreen",
            "forkast": "ConfirmScreen",
            "notat": "PromptScreen",
            "ny sak": "NewCaseScreen",
            "søk": "SearchScreen",
            "eksport": "ExportScreen",
            "import": "ImportPreviewScreen",
            "palett": "Palette",
            "palett uten treff": "Palette",
            "tema": "Palette",
            "nettverksskjema": "FormScreen",
        }.items()
    }
    english = {n: found for n, found in seen.items() if found and not n.endswith("(skjerm)")}
    assert english == {}


async def test_no_english_in_the_open_lists_of_the_move_dialog_and_the_statistics(
    desk: Desk, commands: Commands, tmp_path: Path
) -> None:
    """Every list of the desk says «Lukk listen» for Esc when open, not Textual's «Dismiss
    menu»: the move dialog's choice of evaluation form and the statistics' period."""
    commands.create_case(
        "hospitering",
        hospitering_values(
            agreed_from=date(2026, 11, 2),
            agreed_to=date(2026, 11, 13),
            evaluation_planned_on=date(2026, 11, 20),
        ),
        status="gjennomfort",
    )
    app = make_desk_app(desk, tmp_path)
    seen: dict[str, list[str]] = {}
    async with running(app, "v", size=(120, 40)) as pilot:
        seen["flytt: valgliste"] = await _open_the_list(pilot, "#field-evaluation_form")
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("m")
        await until(pilot, lambda: bool(app.screen.query("#stats-period")), "periodelisten")
        seen["statistikk: valgliste"] = await _open_the_list(pilot, "#stats-period")
    assert seen == {"flytt: valgliste": [], "statistikk: valgliste": []}


async def _open_the_list(pilot: Pilot[Any], selector: str) -> list[str]:
    """Open the list `selector`: Esc there says «Lukk listen» (read from the list's own
    binding: a dialog has no footer to show it); the English words on the screen."""
    app = pilot.app
    select = app.screen.query_one(selector, Select)
    select.focus()
    await pilot.press("enter")
    await settle(pilot)
    assert select.expanded
    assert esc_of_the_open_list(app) == "Lukk listen"
    return english_on(app)


def esc_of_the_open_list(app: Any) -> str:
    """What Esc says in the focused open list (its own binding, shown or not)."""
    overlay = app.focused
    assert overlay is not None
    active = app.screen.active_bindings["escape"]
    assert active.node is overlay
    return str(active.binding.description)


def test_every_list_of_the_desk_is_a_desk_select() -> None:
    """A plain `Select` opens with Textual's «esc Dismiss menu»; the desk builds its lists
    as `DeskSelect` (or through `tri_select`), so a new plain one is caught here."""
    tui = Path(__file__).resolve().parents[2] / "src" / "samhandlingsdesk" / "tui"
    plain = [
        f"{path.relative_to(tui)}:{node.lineno}"
        for path in tui.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        if node.func.id == "Select"
    ]
    assert plain == []
