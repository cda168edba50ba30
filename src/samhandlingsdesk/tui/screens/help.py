"""Every key binding of the screen the user came from."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from samhandlingsdesk.domain.kinds import MOVE_LABELS
from samhandlingsdesk.domain.presentation import BADGE_LABELS, SOON_DAYS
from samhandlingsdesk.domain.text import palette as words
from samhandlingsdesk.domain.text.entry_keys import (
    BADGE_MEANINGS,
    HELP_LEGEND_TITLE,
    KEY_IDLE,
    MOVE_MEANINGS,
)
from samhandlingsdesk.tui.keys import hint, in_parens
from samhandlingsdesk.tui.widgets.badges import badge_text, move_style


def screen_name(screen: Screen[object]) -> str:
    """The screen's title, or its name in the catalogue (never its class name)."""
    names = words.HELP_SCREEN_NAMES
    return screen.title or names.get(type(screen).__name__, words.HELP_SCREEN_ANY)


def binding_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """(keys, description, binding id) for every binding of `screen` and the app, also
    the ones that do nothing just now (they say so: `f` in the inbox)."""
    app = screen.app
    seen: dict[tuple[str, str], list[str]] = {}
    idle: set[tuple[str, str]] = set()
    taken: set[str] = set()  # keys a nearer binding answers (the form's F2 saves)
    for namespace, bindings in screen._modal_binding_chain:
        nearer = set(taken)
        for key, b in bindings:
            taken.add(key)
            if key in nearer and not b.priority:
                continue  # never reached from here: a nearer binding takes the key
            # Every binding of the desk has an id (the keymap needs it); the ones without
            # are Textual's own (Cursor up, Focus Next, Copy selected text …), in English
            # and not rebindable. The desk's own keys (j/k, g/G, home/end …) have ids.
            if b.action in ("command_palette",) or not b.id:
                continue
            description = b.description or b.tooltip or b.action
            group = (description, b.id or "")
            keys = seen.setdefault(group, [])
            shown = app.get_key_display(b) or key
            if shown not in keys:
                keys.append(shown)
            if app._check_action_state(b.action, namespace) is False:
                idle.add(group)
    rows = [
        (" / ".join(keys), desc + (f" {KEY_IDLE}" if (desc, bid) in idle else ""), bid)
        for (desc, bid), keys in seen.items()
    ]
    rows.append(("ctrl+p", words.HELP_PALETTE, "command-palette"))
    return sorted(rows, key=lambda r: r[1].lower())


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Lukk", id="help-close"),
        Binding("question_mark", "close", "Lukk", id="help-close-q", show=False),
        Binding("q", "close", "Lukk", id="help-close-letter", show=False),
    ]

    def __init__(self, source: Screen[object]) -> None:
        super().__init__()
        self.source = source

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="help-dialog"):
            yield Static(
                words.HELP_TITLE.format(screen=screen_name(self.source)),
                classes="dialog-title",
                id="help-title",
            )
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            # The legend scrolls in at most a third of the dialog: at 80x24 it took all
            # the room and the key table showed one key.
            with VerticalScroll(id="help-legend-scroll", can_focus=False):
                yield Static(self._legend(), id="help-legend")
            yield Static(
                words.HELP_KEYS,
                classes="dialog-help",
            )

    def _legend(self) -> Text:
        """Every badge and status colour of the lists, in the theme's own colours."""
        text = Text(f"{HELP_LEGEND_TITLE}: ", style="bold")
        keys = {name: in_parens(hint(self, name)) for name in ("purring", "snooze")}
        for badge, label in BADGE_LABELS.items():
            if not badge:
                continue
            text.append_text(badge_text(self.app, badge, label))
            meaning = BADGE_MEANINGS.get(badge, "").format(soon=SOON_DAYS, **keys)
            text.append(f" {meaning} · ")
        text.append("\nStatus: ")
        for move, meaning in MOVE_MEANINGS.items():
            text.append(MOVE_LABELS[move], style=move_style(self.app, move))
            text.append(f" – {meaning}" + (" · " if move != "done" else ""))
        return text

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # The list is long: the table takes the room left in a dialog of fixed height, so
        # the help line under it stays visible (inline: desk.tcss sets an auto height).
        self.query_one("#help-dialog").styles.height = "90%"
        table.styles.height = "1fr"
        table.styles.max_height = None
        table.add_columns("Tast", words.HELP_COLUMN_DOES, "Id")
        for keys, desc, bid in binding_rows(self.source):
            table.add_row(Text(keys, style="bold"), desc, bid)
        self.set_focus(table)

    def action_close(self) -> None:
        self.dismiss(None)
