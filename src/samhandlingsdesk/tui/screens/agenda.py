"""The agenda (`d`, the palette): what needs doing, grouped — «Forfalt», «I dag», «Resten
av uken», «Neste uke», «Senere» — each row with its rule in plain Norwegian and its
weight, each group with its count per kind. The triage keys work on the row under the
cursor (and on marked rows), as in the queues; Enter opens the case."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from samhandlingsdesk.domain.dates import format_date
from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.text.agenda import AGENDA_GROUP, AGENDA_MORE, AGENDA_TITLE
from samhandlingsdesk.service.agenda import FIRST_SCREEN, MORE, Agenda, AgendaItem
from samhandlingsdesk.tui.triage import TRIAGE_BINDINGS, Target, TriageMixin
from samhandlingsdesk.tui.widgets.badges import badge_text
from samhandlingsdesk.tui.widgets.footer import DeskFooter
from samhandlingsdesk.tui.work import CasesChanged, run_read

WEIGHT_BADGES = {"kritisk": "critical", "frist": "overdue", "oppfolging": "followup"}
COLUMNS = (
    ("mark", " ", 1),
    ("due", "Frist", 10),
    ("ref", "Saksnr.", 12),
    ("weight", "Vekt", 10),
    ("kind", "Type", 11),
    ("reason", "Hvorfor", 40),
    ("title", "Tittel / part", 24),
)
MIN_REASON = 30


@dataclass
class AgendaPage(Message, bubble=False):
    """The agenda as read again (after a change, or to show more rows)."""

    agenda: Agenda


def _reason_width(width: int) -> int:
    fixed = sum(w for key, _, w in COLUMNS if key != "reason") + 2 * len(COLUMNS) + 2
    return max(MIN_REASON, width - fixed)


class AgendaScreen(TriageMixin, Screen[None]):
    TITLE = "Agenda"

    BINDINGS = [
        Binding("escape", "back", "Tilbake", id="agenda-back"),
        *TRIAGE_BINDINGS,
        Binding("space", "toggle_mark", "Marker", id="agenda-mark"),
        Binding("j", "cursor_down", "Ned", show=False, id="agenda-down"),
        Binding("k", "cursor_up", "Opp", show=False, id="agenda-up"),
        Binding("f5", "reload", "Oppdater", id="agenda-reload", show=False),
    ]

    def __init__(self, agenda: Agenda | None = None) -> None:
        super().__init__()
        self.agenda: Agenda | None = None
        self.pending = agenda  # read before the screen was shown: shown without a reload
        self.row_items: list[AgendaItem | None] = []
        self.marked: set[str] = set()
        self.limit = FIRST_SCREEN
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Static("", id="agenda-title")
        yield DataTable(id="agenda-table", cursor_type="row", zebra_stripes=False)
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        reason = _reason_width(self.app.size.width)
        for key, label, width in COLUMNS:
            table.add_column(label, key=key, width=reason if key == "reason" else width)
        table.focus()
        self._show_pending()

    def on_screen_resume(self) -> None:
        if self.agenda is not None:  # shown again (the screen is kept)
            self._show_pending()

    def _show_pending(self) -> None:
        if self.pending is not None:
            agenda, self.pending = self.pending, None
            self._show(agenda)
        else:
            self.reload()

    def on_resize(self) -> None:
        """The reason takes what the other columns leave."""
        table = self.query_one(DataTable)
        width = _reason_width(self.size.width)
        for key, column in table.columns.items():
            if key.value == "reason" and column.width != width:
                column.width = width
                table.refresh()

    def reload(self) -> None:
        today, limit = self.app.today(), self.limit
        self._loading = True
        run_read(self, lambda s: s.agenda(today, limit=limit), AgendaPage, group="agenda")

    def on_agenda_page(self, event: AgendaPage) -> None:
        self._show(event.agenda)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Near the end of what was read: read more (the first screen reads few)."""
        agenda = self.agenda
        if agenda is None or not agenda.more or self._loading:
            return
        if event.cursor_row >= len(self.row_items) - 20:
            self.limit += MORE
            self.reload()

    def on_cases_changed(self, _event: CasesChanged) -> None:
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def _show(self, agenda: Agenda) -> None:
        self.agenda = agenda
        self._loading = False
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        self.row_items = []
        self.query_one("#agenda-title", Static).update(
            AGENDA_TITLE.format(date=format_date(agenda.today))
            + " · "
            + " · ".join(f"{label} {agenda.counts[key]}" for key, label, _items in agenda.groups())
        )
        for key, label, items in agenda.groups():
            kinds = ", ".join(
                f"{n} {KINDS[k].label}" for k, n in sorted(agenda.by_kind[key].items())
            )
            heading = AGENDA_GROUP.format(label=label, n=agenda.counts[key])
            head = Text(heading, style="bold")
            if kinds:
                head.append(f" — {kinds}", style="dim")
            table.add_row("", "", "", "", "", head, "")
            self.row_items.append(None)
            for item in items:
                table.add_row(*self._cells(item))
                self.row_items.append(item)
        if agenda.more:
            table.add_row(
                "", "", "", "", "", AGENDA_MORE.format(n=agenda.total - len(agenda.items)), ""
            )
            self.row_items.append(None)
        first = next((i for i, it in enumerate(self.row_items) if it is not None), 0)
        target = keep if 0 <= keep < len(self.row_items) and self.row_items[keep] else first
        if self.row_items:
            table.move_cursor(row=target, animate=False)

    def _cells(self, item: AgendaItem) -> list[Text | str]:
        r = item.row
        badge = WEIGHT_BADGES.get(item.weight, "")
        return [
            Text("●" if r.id in self.marked else " ", style="bold"),
            format_date(item.on),
            r.ref,
            badge_text(self.app, badge, item.weight_label) if badge else "",
            r.kind_label,
            item.reason,
            r.title,
        ]

    # -- rows ------------------------------------------------------------------------
    def current_item(self) -> AgendaItem | None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        if 0 <= row < len(self.row_items):
            return self.row_items[row]
        return None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        item = self.current_item()
        if item is not None:
            self.app.open_case(item.row.id)

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_toggle_mark(self) -> None:
        item = self.current_item()
        if item is None:
            return
        rid = item.row.id
        self.marked.symmetric_difference_update({rid})
        table = self.query_one(DataTable)
        table.update_cell_at(
            (table.cursor_row, 0), Text("●" if rid in self.marked else " ", style="bold")
        )
        table.action_cursor_down()

    def action_back(self) -> None:
        self.dismiss()

    def triage_targets(self) -> list[Target]:
        items = [i for i in self.row_items if i is not None]
        if self.marked:
            chosen = [i for i in items if i.row.id in self.marked]
            bulk = len(chosen) > 1
            return [
                Target(
                    i.row.id, i.row.ref, i.row.kind, i.row.status, None if bulk else i.row.version
                )
                for i in chosen
            ]
        item = self.current_item()
        if item is None:
            return []
        r = item.row
        return [Target(r.id, r.ref, r.kind, r.status, r.version)]

    def triage_done(self) -> None:
        self.marked.clear()
