"""Go to a field of the form by typing part of its label (Ctrl+G in a form)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from samhandlingsdesk.domain.text.entry_keys import FINDER_HELP, FINDER_PLACEHOLDER, FINDER_TITLE
from samhandlingsdesk.tui.keys import TAB_BINDINGS, hint, opening


class FieldFinder(ModalScreen[str | None]):
    """`fields`: (field name, label, section) in form order. Returns the field chosen."""

    BINDINGS = [
        *TAB_BINDINGS,
        opening("escape", "cancel", "Avbryt", id="finder-cancel"),
        opening("enter", "choose", "Gå til feltet", id="finder-choose", show=False),
        Binding("down", "move(1)", "Neste", id="finder-down", show=False, priority=True),
        Binding("up", "move(-1)", "Forrige", id="finder-up", show=False, priority=True),
    ]

    def __init__(self, fields: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.fields = fields

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="finder-dialog"):
            yield Static(FINDER_TITLE, classes="dialog-title")
            yield Input(placeholder=FINDER_PLACEHOLDER, id="finder-query", select_on_focus=False)
            yield OptionList(*self._options(""), id="finder-options")
            keys = {
                "move": hint(self, "finder-up", "finder-down"),
                "choose": hint(self, "finder-choose"),
                "cancel": hint(self, "finder-cancel"),
            }
            yield Static(FINDER_HELP.format(**keys), classes="dialog-help")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#finder-query", Input))
        self.query_one(OptionList).highlighted = 0

    def _options(self, query: str) -> list[Option]:
        words = query.casefold().split()
        return [
            Option(f"{label}  ({section})", id=name)
            for name, label, section in self.fields
            if all(w in f"{label} {section}".casefold() for w in words)
        ]

    @on(Input.Changed, "#finder-query")
    def _filter(self, event: Input.Changed) -> None:
        ol = self.query_one(OptionList)
        ol.clear_options()
        ol.add_options(self._options(event.value))
        if ol.option_count:
            ol.highlighted = 0

    def action_move(self, step: int) -> None:
        ol = self.query_one(OptionList)
        if ol.option_count:
            ol.highlighted = max(0, min(ol.option_count - 1, (ol.highlighted or 0) + step))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_choose(self) -> None:
        ol = self.query_one(OptionList)
        if ol.highlighted is not None and ol.option_count:
            self.dismiss(ol.get_option_at_index(ol.highlighted).id)

    def action_cancel(self) -> None:
        self.dismiss(None)
