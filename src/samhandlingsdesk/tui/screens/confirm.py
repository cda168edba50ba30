"""A yes/no question (e.g. throw away unsaved changes?)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from samhandlingsdesk.tui.keys import hint


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape", "no", "Avbryt", id="confirm-no"),
        Binding("j", "yes", "Ja", id="confirm-yes", show=False),
        Binding("y", "yes", "Ja", id="confirm-yes-y", show=False),
        Binding("n", "no", "Nei", id="confirm-no-n", show=False),
    ]

    def __init__(self, question: str, detail: str = "", *, yes: str = "Ja", no: str = "Avbryt"):
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title")
            if self.detail:
                yield Static(self.detail, classes="dialog-text")
            with Horizontal(classes="buttons"):
                yes, no = hint(self, "confirm-yes"), hint(self, "confirm-no")
                yield Button(f"{self.yes_label} ({yes})", id="yes", variant="warning")
                yield Button(f"{self.no_label} ({no})", id="no")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#no", Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)
