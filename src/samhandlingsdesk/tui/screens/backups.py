"""The backups: date, size and case count of each; Enter restores the chosen one (after a
question), `b` takes one now. The work itself is service/safety.py."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samhandlingsdesk.domain.limits import shown_line
from samhandlingsdesk.domain.text import safety as t
from samhandlingsdesk.domain.text import screens as words
from samhandlingsdesk.service.desk import BackupFile
from samhandlingsdesk.service.safety import describe_backup
from samhandlingsdesk.tui.keys import hint

BACKUP_NOW = "__ny__"


class BackupsScreen(ModalScreen[str | None]):
    """Dismisses with the chosen backup's path, BACKUP_NOW, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Lukk", id="backups-close"),
        Binding("b", "backup_now", words.BACKUP_NOW, id="backups-now"),
    ]

    def __init__(self, folder: str, backups: list[BackupFile]) -> None:
        super().__init__()
        self.folder = folder
        self.backups = backups

    def compose(self) -> ComposeResult:
        options = [
            Option(
                shown_line(describe_backup(b) + (f"  — {b.problem}" if b.problem else "")),
                id=str(b.path),
                disabled=b.problem is not None,
            )
            for b in self.backups
        ]
        with Vertical(classes="dialog wide"):
            yield Static(t.BACKUP_HEADING.format(folder=self.folder), classes="dialog-title")
            if options:
                yield OptionList(*options, id="backup-options")
            else:
                yield Static(t.MSG_NO_BACKUPS.format(folder=self.folder), classes="dialog-text")
            yield Static(
                t.BACKUPS_HELP.format(
                    now=hint(self, "backups-now"), close=hint(self, "backups-close")
                ),
                classes="dialog-help",
            )

    def on_mount(self) -> None:
        for ol in self.query(OptionList):
            ol.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_backup_now(self) -> None:
        self.dismiss(BACKUP_NOW)

    def action_cancel(self) -> None:
        self.dismiss(None)
