"""First start on a new desk: which side does the coordinator sit on?"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samhandlingsdesk.domain.text import screens as words
from samhandlingsdesk.tui.keys import hint


class FirstStartScreen(ModalScreen[str]):
    BINDINGS = [
        Binding("k", "choose('kommune')", "Kommune", id="side-kommune"),
        Binding("h", "choose('helseforetak')", "Helseforetak", id="side-hf"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(words.WELCOME_TITLE, classes="dialog-title")
            yield Static(
                words.WELCOME_TEXT.format(settings=hint(self, "settings-f2")),
                classes="dialog-text",
            )
            yield OptionList(
                Option("Kommunen (k)", id="kommune"),
                Option("Helseforetaket (h)", id="helseforetak"),
                id="side-options",
            )

    def on_mount(self) -> None:
        self.set_focus(self.query_one(OptionList))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_choose(self, side: str) -> None:
        self.dismiss(side)
