"""One line of input with live checking: snooze date, tag, note."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from samhandlingsdesk.domain.dates import DateError
from samhandlingsdesk.domain.text.entry_keys import PROMPT_HELP
from samhandlingsdesk.tui.keys import hint


class PromptScreen(ModalScreen[str | None]):
    """`check(text)` returns a hint to show, or raises ValueError (DateError) with the
    Norwegian message; Enter is refused while the check fails."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="prompt-cancel")]

    def __init__(
        self,
        title: str,
        label: str,
        *,
        check: Callable[[str], str] | None = None,
        placeholder: str = "",
        value: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.label = label
        self.check = check
        self.placeholder = placeholder
        self.initial = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.label, classes="field-label")
            yield Input(self.initial, placeholder=self.placeholder, id="prompt-input")
            yield Static("", id="prompt-hint", classes="hint")
            yield Static(
                PROMPT_HELP.format(cancel=hint(self, "prompt-cancel")), classes="dialog-help"
            )

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    def _run_check(self, text: str) -> bool:
        hint = self.query_one("#prompt-hint", Static)
        if self.check is None or not text.strip():
            hint.update("")
            hint.remove_class("error")
            return bool(text.strip())
        try:
            message = self.check(text)
        except (ValueError, DateError) as exc:
            hint.update(str(exc))
            hint.add_class("error")
            return False
        hint.update(message)
        hint.remove_class("error")
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        self._run_check(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._run_check(event.value):
            self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
