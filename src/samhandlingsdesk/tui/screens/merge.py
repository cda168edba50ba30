"""After a save was refused because another window changed the case: field by field, the
newer stored value beside what was typed; the user keeps either (issue #9).

Each field that both changed differently is one small list of two choices, «Behold det du
skrev» first (highlighted) and «Ta det som er lagret»; ↑/↓ choose, Tab goes to the next
field, F2 / Ctrl+S takes the choices back to the form, Esc leaves the form as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samhandlingsdesk.domain.text import moves as text
from samhandlingsdesk.tui.keys import hint

KEEP_TYPED = "typed"
TAKE_STORED = "stored"


@dataclass(frozen=True, slots=True)
class Conflict:
    name: str
    label: str
    stored: str  # as shown
    typed: str  # as shown


class MergeScreen(ModalScreen[dict[str, str] | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Avbryt", id="merge-cancel"),
        Binding("f2", "done", "Bruk valgene", id="merge-done"),
        Binding("ctrl+s", "done", "Bruk valgene", id="merge-done-s", show=False),
    ]

    def __init__(self, ref: str, conflicts: list[Conflict]) -> None:
        super().__init__()
        self.ref = ref
        self.conflicts = conflicts

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="merge-dialog"):
            yield Static(text.MERGE_TITLE.format(ref=self.ref), classes="dialog-title")
            yield Static(text.MERGE_INTRO, classes="dialog-text")
            with VerticalScroll(id="merge-fields", can_focus=False):
                for c in self.conflicts:
                    yield Static(c.label, classes="field-label")
                    yield OptionList(
                        Option(text.MERGE_KEEP_TYPED.format(value=c.typed or "–"), id=KEEP_TYPED),
                        Option(
                            text.MERGE_TAKE_STORED.format(value=c.stored or "–"), id=TAKE_STORED
                        ),
                        id=f"merge-{c.name}",
                    )
            yield Static(
                text.MERGE_HELP.format(
                    done=hint(self, "merge-done", "merge-done-s"), cancel=hint(self, "merge-cancel")
                ),
                classes="dialog-help",
            )

    def on_mount(self) -> None:
        lists = list(self.query(OptionList).results(OptionList))
        for ol in lists:
            ol.highlighted = 0
        if lists:
            lists[0].focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a choice: on to the next field, or done after the last one."""
        event.stop()
        lists = list(self.query(OptionList).results(OptionList))
        idx = lists.index(event.option_list)
        if idx < len(lists) - 1:
            lists[idx + 1].focus()
        else:
            self.action_done()

    def choices(self) -> dict[str, str]:
        out = {}
        for c in self.conflicts:
            ol = self.query_one(f"#merge-{c.name}", OptionList)
            option = ol.get_option_at_index(ol.highlighted or 0)
            out[c.name] = option.id or KEEP_TYPED
        return out

    def action_done(self) -> None:
        self.dismiss(self.choices())

    def action_cancel(self) -> None:
        self.dismiss(None)
