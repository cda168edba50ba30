"""Every binding of the desk has an id, and README.md lists every id (the keymap's names)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

import samhandlingsdesk.tui as tui

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


def all_bindings() -> list[tuple[str, Binding]]:
    found = []
    for info in pkgutil.walk_packages(tui.__path__, "samhandlingsdesk.tui."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, DOMNode)
                and obj.__module__ == module.__name__
            ):
                for b in obj.__dict__.get("BINDINGS", []):
                    if isinstance(b, Binding):
                        found.append((obj.__name__, b))
    return found


def test_the_desk_has_bindings_on_every_screen() -> None:
    owners = {owner for owner, _ in all_bindings()}
    assert {"DeskApp", "DeskScreen", "CaseScreen", "FormScreen", "SearchScreen"} <= owners


def test_every_binding_has_an_id() -> None:
    missing = [f"{owner}: {b.key}" for owner, b in all_bindings() if not b.id]
    assert missing == []


def test_readme_lists_every_binding_id() -> None:
    text = README.read_text(encoding="utf-8")
    missing = sorted({b.id for _, b in all_bindings() if f"`{b.id}`" not in text})
    assert missing == []
