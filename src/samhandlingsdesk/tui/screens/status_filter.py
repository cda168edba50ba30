"""Pick which statuses a queue shows: open cases, all, or one status (with counts)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.text import screens as words


class StatusFilterScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="filter-cancel")]

    def __init__(self, kinds: tuple[str, ...], counts: dict[str, int], current: str) -> None:
        super().__init__()
        self.kinds = kinds
        self.counts = counts
        self.current = current

    def compose(self) -> ComposeResult:
        open_n = sum(
            n
            for s, n in self.counts.items()
            if any(KINDS[k].has_status(s) and KINDS[k].status(s).is_open for k in self.kinds)
        )
        options = [
            Option(words.STATUS_OPEN.format(n=open_n), id="open"),
            Option(words.STATUS_ALL.format(n=sum(self.counts.values())), id="all"),
        ]
        seen: set[str] = set()
        for k in self.kinds:
            spec = KINDS[k]
            for s in spec.statuses:
                if s.key in seen:
                    continue
                seen.add(s.key)
                prefix = f"{spec.label}: " if len(self.kinds) > 1 else ""
                options.append(Option(f"{prefix}{s.label} ({self.counts.get(s.key, 0)})", id=s.key))
        with Vertical(classes="dialog"):
            yield Static(words.STATUS_FILTER_TITLE, classes="dialog-title")
            yield OptionList(*options, id="status-options")

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        self.set_focus(ol)
        for i in range(ol.option_count):
            if ol.get_option_at_index(i).id == self.current:
                ol.highlighted = i

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
