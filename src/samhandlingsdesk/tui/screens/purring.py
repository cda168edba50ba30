"""The small prompt of `p` (purring): how was the reminder sent — e-post, telefon, annet."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samhandlingsdesk.domain.text.agenda import CHANNELS, PURRING_HELP, PURRING_PROMPT
from samhandlingsdesk.tui.keys import hint

CHANNEL_KEYS = {"epost": "e", "telefon": "t", "annet": "a"}


class PurringScreen(ModalScreen[str | None]):
    """Returns the channel's key (a key of CHANNELS), or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Avbryt", id="purring-cancel"),
        *(
            Binding(key, f"choose('{channel}')", CHANNELS[channel], id=f"purring-{channel}")
            for channel, key in CHANNEL_KEYS.items()
        ),
    ]

    def __init__(self, who: str) -> None:
        super().__init__()
        self.who = who

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"{PURRING_PROMPT} ({self.who})", classes="dialog-title")
            yield OptionList(
                *(
                    Option(f"{CHANNEL_KEYS[channel]}  {label}", id=channel)
                    for channel, label in CHANNELS.items()
                ),
                id="purring-channels",
            )
            channels = hint(self, *(f"purring-{channel}" for channel in CHANNEL_KEYS))
            cancel = hint(self, "purring-cancel")
            yield Static(
                PURRING_HELP.format(channels=channels, cancel=cancel), classes="dialog-help"
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_choose(self, channel: str) -> None:
        self.dismiss(channel)

    def action_cancel(self) -> None:
        self.dismiss(None)
