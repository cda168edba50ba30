"""Choose the kind of a new case (`n` on the desk), then fill in its form."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.text.entry_keys import NEW_CASE_HELP
from samhandlingsdesk.tui.keys import hint, opening

# (kind, digit, letter): the digits follow the list; the letters are the kind's own
# (a = ALIS, the usual name for LIS3 in the municipalities).
KIND_KEYS: tuple[tuple[str, str, str], ...] = (
    ("hospitering", "1", "h"),
    ("veiledning", "2", "v"),
    ("lis1", "3", "l"),
    ("lis3", "4", "a"),
    ("nettverk", "5", "n"),
)


class NewCaseScreen(ModalScreen[str | None]):
    """A small menu of the five kinds; choosing one opens an empty form for it."""

    # Priority bindings: the form opens before the keys typed after the choice arrive.
    BINDINGS = [
        opening("escape", "cancel", "Avbryt", id="new-cancel"),
        opening("enter", "choose_highlighted", "Velg", id="new-choose", show=False),
        *(
            opening(letter, f"choose('{kind}')", KINDS[kind].label, id=f"new-{kind}", show=False)
            for kind, _digit, letter in KIND_KEYS
        ),
        *(
            opening(digit, f"choose('{kind}')", KINDS[kind].label, id=f"new-{kind}-nr", show=False)
            for kind, digit, _letter in KIND_KEYS
        ),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="new-case-dialog"):
            yield Static("Ny sak — hva slags?", classes="dialog-title")
            yield OptionList(
                *(
                    Option(f"{digit}  {KINDS[kind].label}  ({letter})", id=kind)
                    for kind, digit, letter in KIND_KEYS
                ),
                id="new-case-kinds",
            )
            keys = {"choose": hint(self, "new-choose"), "cancel": hint(self, "new-cancel")}
            yield Static(NEW_CASE_HELP.format(**keys), classes="dialog-help")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(OptionList))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.action_choose(event.option.id)

    def action_choose_highlighted(self) -> None:
        ol = self.query_one(OptionList)
        if ol.highlighted is not None:
            kind = ol.get_option_at_index(ol.highlighted).id
            if kind:
                self.action_choose(kind)

    def action_choose(self, kind: str) -> None:
        from samhandlingsdesk.tui.screens.form import FormScreen

        # Replace this menu with the form: Esc on the form goes back to where `n` was pressed.
        self.app.switch_screen(FormScreen(kind, None))

    def action_cancel(self) -> None:
        self.dismiss(None)
