"""The cases behind a figure of the statistics (`enter` on a cell): `enter` opens one."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from samhandlingsdesk.domain.dates import format_date
from samhandlingsdesk.domain.statistics import Cell
from samhandlingsdesk.domain.text import stats as txt
from samhandlingsdesk.service.desk import CaseRow
from samhandlingsdesk.tui.keys import hint
from samhandlingsdesk.tui.work import host


class StatsCasesScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", "Lukk", id="stats-cases-close")]

    def __init__(self, title: str, cell: Cell) -> None:
        super().__init__()
        self.title_text = title
        self.cell = cell
        self.rows: tuple[CaseRow, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="stats-cases-dialog"):
            yield Static(self.title_text, classes="dialog-title")
            table: DataTable[Any] = DataTable(id="stats-cases", cursor_type="row")
            table.add_columns(
                txt.COL_REF, txt.COL_KIND, txt.COL_TITLE, txt.COL_STATUS, txt.COL_RECEIVED
            )
            yield table
            close = hint(self, "stats-cases-close")
            yield Static(txt.CASES_HELP.format(close=close), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#stats-cases", DataTable).focus()
        self._load()

    @work(thread=True, exclusive=True, group="stats-cases", exit_on_error=False)
    def _load(self) -> None:
        from samhandlingsdesk.service.statistics import cases_behind

        app = host(self)
        rows = cases_behind(app.desk, self.cell)
        app.call_from_thread(self._show, rows)

    def _show(self, rows: tuple[CaseRow, ...]) -> None:
        self.rows = rows
        table = self.query_one("#stats-cases", DataTable)
        for r in rows:
            table.add_row(
                r.ref, r.kind_label, r.title, r.status_label, format_date(r.received_on), key=r.id
            )

    @on(DataTable.RowSelected, "#stats-cases")
    def _open(self, event: DataTable.RowSelected) -> None:
        case_id = str(event.row_key.value)
        app = host(self)
        app.open_case(case_id)

    def action_close(self) -> None:
        self.dismiss(None)
