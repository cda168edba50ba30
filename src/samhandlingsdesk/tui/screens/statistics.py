"""Statistics (`m` on the desk, and the palette): the year's figures for the committee.

A period (this year, last year, a quarter, any from–to), optionally one party or one side;
a tab per kind (keys 1–5) with its tables, each with a bar chart in the theme's colours.
`enter` on a figure lists the cases behind it; `x` writes the report workbook. The counting
runs in a thread worker (service/statistics.py), kind by kind, so the first kind shows as
soon as it is counted.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static, Tab, Tabs
from textual.worker import get_current_worker

from samhandlingsdesk.domain.dates import DateError, parse_date
from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.statistics import Scope, StatTable, period_for
from samhandlingsdesk.domain.text import stats as txt
from samhandlingsdesk.tui.norwegian import DeskSelect
from samhandlingsdesk.tui.widgets.bar_chart import Bar, BarChart
from samhandlingsdesk.tui.widgets.footer import DeskFooter
from samhandlingsdesk.tui.work import CasesChanged, DeskHost, host

KIND_TABS = ("hospitering", "veiledning", "lis1", "lis3", "nettverk")


@dataclass(frozen=True, slots=True)
class _Counted:
    generation: int
    kind: str
    tables: tuple[StatTable, ...]
    done: bool  # every table of the kind (else the month table alone, shown first)


def _period_options() -> list[tuple[str, str]]:
    quarters = [(f"{q}. kvartal", f"q{q}") for q in range(1, 5)]
    return [
        (txt.PERIOD_THIS_YEAR, "this"),
        (txt.PERIOD_LAST_YEAR, "last"),
        *quarters,
        (txt.PERIOD_CUSTOM, "custom"),
    ]


class StatisticsScreen(Screen[None]):
    TITLE = txt.SCREEN_TITLE
    # Focus goes to the first table when it shows (enter on a figure at once).
    AUTO_FOCUS = ".stats-table"
    BINDINGS = [
        Binding("escape", "back", "Tilbake", id="stats-back"),
        Binding("x", "report", "Lag rapport", id="stats-report"),
        *(
            Binding(str(i), f"show_kind('{kind}')", KINDS[kind].label, id=f"stats-kind-{i}",
                    show=False)
            for i, kind in enumerate(KIND_TABS, start=1)
        ),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.kind = KIND_TABS[0]
        self.generation = 0
        self.tables: dict[str, tuple[StatTable, ...]] = {}
        self.scope: Scope | None = None
        self._displayed: tuple[int, str, int] | None = None  # generation, kind, tables
        self.counted: set[str] = set()
        self._render_lock = asyncio.Lock()
        self._choices_ready = False
        # The kind whose tables are all on the screen (None while counting or mounting).
        self.complete: str | None = None

    @property
    def desk_app(self) -> DeskHost:
        return host(self)

    def compose(self) -> ComposeResult:
        yield Static(txt.SCREEN_TITLE, id="stats-title", classes="dialog-title")
        # The choices are mounted once the first table is on the screen: two Selects and
        # two Inputs took longer to compose than counting the first kind.
        yield Horizontal(id="stats-choices")
        yield Static("", id="stats-message")
        yield Tabs(*(Tab(KINDS[k].label, id=f"stats-tab-{k}") for k in KIND_TABS), id="stats-tabs")
        with VerticalScroll(id="stats-body"):
            yield Static(txt.LOADING, classes="stats-loading")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.recount()

    async def _mount_choices(self) -> None:
        if self._choices_ready:
            return
        self._choices_ready = True
        start = Input(placeholder=txt.FROM_PLACEHOLDER, id="stats-from", compact=True)
        end = Input(placeholder=txt.TO_PLACEHOLDER, id="stats-to", compact=True)
        start.display = end.display = False
        await self.query_one("#stats-choices", Horizontal).mount_all(
            [
                DeskSelect(
                    _period_options(),
                    value="this",
                    allow_blank=False,
                    id="stats-period",
                    compact=True,
                ),
                start,
                end,
                DeskSelect(
                    [(txt.ALL_PARTIES, "")],
                    value="",
                    allow_blank=False,
                    id="stats-party",
                    compact=True,
                ),
            ]
        )
        self._load_parties()

    # -- choices ------------------------------------------------------------------------
    @work(thread=True, group="stats-parties", exit_on_error=False)
    def _load_parties(self) -> None:
        from samhandlingsdesk.service.statistics import parties

        names = parties(self.desk_app.desk)
        self.app.call_from_thread(self._set_parties, names)

    def _set_parties(self, names: tuple[str, ...]) -> None:
        options: list[tuple[str, str]] = [
            (txt.ALL_PARTIES, ""),
            (txt.SIDE_OPTION.format(side=txt.SIDE_LABELS["kommune"]), "side:kommune"),
            (txt.SIDE_OPTION.format(side=txt.SIDE_LABELS["helseforetak"]), "side:helseforetak"),
            *((n, f"party:{n}") for n in names),
        ]
        select = self.query_one("#stats-party", Select)
        with self.prevent(Select.Changed):
            select.set_options(options)
            select.value = ""

    def _scope(self) -> Scope:
        app = self.desk_app
        if not self._choices_ready:
            return Scope(period_for("this", app.today(), None, None))
        choice = str(self.query_one("#stats-period", Select).value)
        start = end = None
        if choice == "custom":
            start = self._date("#stats-from")
            end = self._date("#stats-to")
        period = period_for(choice, app.today(), start, end)
        who = str(self.query_one("#stats-party", Select).value or "")
        if who.startswith("side:"):
            return Scope(period, side=who[5:])
        if who.startswith("party:"):
            return Scope(period, party=who[6:])
        return Scope(period)

    def _date(self, selector: str) -> date | None:
        text = self.query_one(selector, Input).value.strip()
        if not text:
            return None
        try:
            return parse_date(text, today=self.desk_app.today(), direction="past")
        except DateError as exc:
            raise ValueError(str(exc)) from None

    @on(Select.Changed, "#stats-period")
    def _period_changed(self, event: Select.Changed) -> None:
        custom = event.value == "custom"
        self.query_one("#stats-from", Input).display = custom
        self.query_one("#stats-to", Input).display = custom
        if custom:
            self.query_one("#stats-from", Input).focus()
            return
        self.recount()

    @on(Select.Changed, "#stats-party")
    def _party_changed(self) -> None:
        self.recount()

    @on(Input.Submitted)
    def _dates_given(self, event: Input.Submitted) -> None:
        if event.input.id == "stats-from":
            self.query_one("#stats-to", Input).focus()
        self.recount()

    def on_cases_changed(self, _event: CasesChanged) -> None:
        """A write (an undo from this screen, a case edited from the list of cases behind
        a figure): count again."""
        if self.scope is not None:
            self.recount(force=True)

    # -- counting -----------------------------------------------------------------------
    def recount(self, *, force: bool = False) -> None:
        message = self.query_one("#stats-message", Static)
        try:
            scope = self._scope()
        except ValueError as exc:
            message.update(str(exc))
            return
        message.update("")
        if scope == self.scope and not force:
            return  # e.g. the choices' own Changed at start: counted already
        self.scope = scope
        self.generation += 1
        self.tables = {}
        self.counted = set()
        self.complete = None
        self.query_one("#stats-title", Static).update(f"{txt.SCREEN_TITLE} · {scope.label}")
        self._count(scope, self.generation, self.kind)

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def _count(self, scope: Scope, generation: int, first: str) -> None:
        from samhandlingsdesk.service.statistics import (
            Options,
            breakdown_tables,
            month_table,
            read_kind,
        )

        app = self.desk_app
        opts = Options(app.today(), app.settings.reminders, exact=app.settings.stats_exact)
        worker = get_current_worker()
        for kind in (first, *(k for k in KIND_TABS if k != first)):
            if worker.is_cancelled:
                return
            rows = read_kind(app.desk, kind, scope)
            month = month_table(kind, rows, scope, opts)
            if kind == first:  # the first table on the screen before the rest is counted
                app.call_from_thread(self._counted, _Counted(generation, kind, (month,), False))
            tables = (month, *breakdown_tables(kind, rows, scope, opts))
            app.call_from_thread(self._counted, _Counted(generation, kind, tables, True))

    async def _counted(self, counted: _Counted) -> None:
        if counted.generation != self.generation:
            return
        self.tables[counted.kind] = counted.tables
        if counted.done:
            self.counted.add(counted.kind)
        if counted.kind == self.kind:
            await self._render_kind()

    # -- showing ------------------------------------------------------------------------
    def action_show_kind(self, kind: str) -> None:
        self.query_one("#stats-tabs", Tabs).active = f"stats-tab-{kind}"

    @on(Tabs.TabActivated, "#stats-tabs")
    async def _tab(self, event: Tabs.TabActivated) -> None:
        self.kind = str(event.tab.id).removeprefix("stats-tab-")
        await self._render_kind()

    async def _render_kind(self) -> None:
        """Show what the screen should show now: the chosen kind's tables as far as they
        are counted, else «Teller …». The first table at once; the rest after that frame
        is painted (a kind has up to six tables; mounting them all first doubled the time
        to the first). One at a time (a lock): handlers that await may interleave."""
        async with self._render_lock:
            kind = self.kind
            tables = self.tables.get(kind, ())
            view = (self.generation, kind)
            body = self.query_one("#stats-body", VerticalScroll)
            if self._displayed is None or self._displayed[:2] != view or not self._displayed[2]:
                await body.remove_children()
                self._displayed = (*view, 0)
                self.complete = None
                if not tables:
                    await body.mount(Static(txt.LOADING, classes="stats-loading"))
                    return
                first = self._table_block(tables[0])
                await body.mount(first)
                self._displayed = (*view, 1)
                body.scroll_home(animate=False)
                if self.focused is None:  # enter on a figure at once
                    first.query_one(DataTable).focus()

        async def rest() -> None:
            async with self._render_lock:
                if self._displayed is None or self._displayed[:2] != view:
                    return
                shown = self._displayed[2]
                more = self.tables.get(kind, ())[shown:]
                if more:
                    await body.mount_all([self._table_block(t) for t in more])
                    self._displayed = (*view, shown + len(more))
                if kind in self.counted:
                    await self._mount_choices()
                    self.complete = kind

        self.call_after_refresh(rest)

    def _table_block(self, t: StatTable) -> Vertical:
        table: DataTable[Any] = DataTable(
            name=t.key, cursor_type="cell", zebra_stripes=True, classes="stats-table"
        )
        table.add_column(t.row_header, key="label")
        for i, col in enumerate(t.columns):
            table.add_column(col, key=str(i))
        for row in t.rows:
            cells = [Text(c.text, justify="right") for c in row.cells]
            table.add_row(Text(row.label), *cells)
        parts: list[Any] = [Static(t.title, classes="stats-table-title"), table]
        if t.chart is not None and t.columns:
            col = t.chart_column
            bars = [
                Bar(t.rows[i].label, t.rows[i].cells[col].value, t.rows[i].cells[col].text)
                for i in t.chart_rows()
            ]
            parts.append(Static(t.columns[t.chart_column], classes="stats-chart-title"))
            parts.append(BarChart(bars, name=t.key, classes="stats-chart"))
        if t.note:
            parts.append(Static(t.note, classes="stats-note"))
        return Vertical(*parts, classes="stats-block")

    def table(self, key: str) -> StatTable | None:
        for tables in self.tables.values():
            for t in tables:
                if t.key == key:
                    return t
        return None

    @on(DataTable.CellSelected)
    def _cell(self, event: DataTable.CellSelected) -> None:
        event.stop()
        key = str(event.data_table.name)
        t = self.table(key)
        row, col = event.coordinate.row, event.coordinate.column - 1
        if t is None or row >= len(t.rows):
            return
        col = max(col, 0)
        if col >= len(t.columns):
            return
        cell = t.rows[row].cells[col]
        if not cell.pks:
            self.notify(txt.EMPTY_CELL)
            return
        from samhandlingsdesk.tui.screens.stats_cases import StatsCasesScreen

        title = txt.CASES_BEHIND.format(
            title=t.title, row=t.rows[row].label, column=t.columns[col], n=len(cell.pks)
        )
        self.app.push_screen(StatsCasesScreen(title, cell))

    # -- actions ------------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_report(self) -> None:
        if self.scope is None:
            return
        self._write_report(self.scope)

    @work(thread=True, exclusive=True, group="stats-report", exit_on_error=False)
    def _write_report(self, scope: Scope) -> None:
        from samhandlingsdesk.service.stats_report import ReportError, write_report_file

        app = self.desk_app
        try:
            path = write_report_file(
                app.desk,
                scope,
                app.settings,
                today=app.today(),
                folder=app.settings.export_path(),
            )
        except ReportError as exc:
            app.call_from_thread(app.notify, str(exc), severity="error", timeout=10)
            return
        app.call_from_thread(app.notify, txt.WROTE_REPORT.format(path=path), timeout=10)
