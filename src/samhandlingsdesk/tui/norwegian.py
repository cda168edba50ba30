"""Textual's own user-visible strings, in Norwegian.

Textual writes a few sentences of its own: the command palette's placeholder, its «No
matches found» and its Esc description, the footer's «palette» key, the select list's
«Dismiss menu» and Ctrl+C's «Do you want to quit?». The desk uses the subclasses here
instead (and `DeskApp` binds the palette and answers Ctrl+C itself), so every word on
screen is bokmål. `tests/tui/test_norwegian.py` collects Textual's English strings from
the installed Textual and walks every screen looking for them.
"""

from __future__ import annotations

from typing import Any

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets import Select
from textual.widgets._select import SelectOverlay
from textual.widgets.option_list import Option

from samhandlingsdesk.domain.text.entry_keys import (
    PALETTE_CLOSE,
    PALETTE_NO_MATCHES,
    PALETTE_PLACEHOLDER,
    SELECT_CLOSE,
)
from samhandlingsdesk.tui.widgets.compact import compact


class Palette(CommandPalette):
    """The command palette with Norwegian texts."""

    BINDINGS = [Binding("escape", "escape", PALETTE_CLOSE, id="palette-close")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("placeholder", PALETTE_PLACEHOLDER)
        super().__init__(*args, **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own, with its «No matches found» in Norwegian.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(PALETTE_NO_MATCHES, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class ListOverlay(SelectOverlay):
    """The open list of a `Select`, with a Norwegian Esc."""

    BINDINGS = [Binding("escape", "dismiss", SELECT_CLOSE, id="select-close")]


class DeskSelect(Select[Any]):
    """A `Select` whose open list says «Lukk listen» for Esc."""

    def compose(self):  # type: ignore[no-untyped-def]
        for widget in super().compose():
            if type(widget) is SelectOverlay:
                overlay = ListOverlay(type_to_search=self._type_to_search)
                if self.compact:  # compact from the start: no restyle when bound below
                    compact(overlay)
                widget = overlay.data_bind(compact=Select.compact)
            yield widget
