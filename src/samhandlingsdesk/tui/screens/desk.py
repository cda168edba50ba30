"""The home screen: the inbox and one queue per kind, with counts, filters and triage."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static, Tab, Tabs

from samhandlingsdesk.domain.dates import format_date
from samhandlingsdesk.domain.kinds import KINDS, QUEUES
from samhandlingsdesk.domain.text import plural
from samhandlingsdesk.domain.text.agenda import PREVIEW_NONE, SUMMARY_PARTS
from samhandlingsdesk.service.desk import CasePage, CaseRow, DeskService, ListFilter, Summary
from samhandlingsdesk.tui.keys import opening
from samhandlingsdesk.tui.triage import TRIAGE_BINDINGS, Target, TriageMixin
from samhandlingsdesk.tui.widgets.case_table import CaseTable, reason_cell, row_flags
from samhandlingsdesk.tui.widgets.footer import DeskFooter
from samhandlingsdesk.tui.work import CasesChanged, exiting, run_read

TABS: tuple[tuple[str, str], ...] = (
    ("inbox", "Innboks"),
    *((key, label) for key, label, _ in QUEUES),
)
QUEUE_KINDS = {key: kinds for key, _, kinds in QUEUES}
LIS_FILTERS = (None, "lis1", "lis3")


DEMO_NOTICE = "DEMO – lagres ikke"


def summary_text(summary: Summary) -> str:
    """«3 kritiske · 57 forfalt · 1 i dag · 5 denne uken · 4 nye»"""
    return " · ".join(
        plural(getattr(summary, name), one, many) for name, one, many in SUMMARY_PARTS
    )


@dataclass
class CountsRead(Message, bubble=False):
    """The number of cases on each tab."""

    counts: dict[str, int]


@dataclass
class SummaryRead(Message, bubble=False):
    """The header's summary: critical, overdue, due today, this week, new."""

    summary: Summary


@dataclass
class StatusCountsRead(Message, bubble=False):
    """How many cases of a queue are in each status, for the status filter."""

    queue: str
    kinds: tuple[str, ...]
    counts: dict[str, int]


@dataclass
class CasePrefetched(Message, bubble=False):
    """The highlighted case read ahead; `generation` says which lists it belongs to."""

    page: CasePage | None
    generation: int


class DeskScreen(TriageMixin, Screen[None]):
    TITLE = "Innboks og køer"

    BINDINGS = [
        *(
            Binding(str(i), f"show_queue('{key}')", label, id=f"queue-{i}", show=False)
            for i, (key, label) in enumerate(TABS, 1)
        ),
        # Keys that open a screen are priority bindings: what is typed after them reaches
        # the new screen (tui/keys.py).
        opening("n", "app.new_case", "Ny", id="new-case"),
        opening("d", "app.agenda", "Agenda", id="agenda"),
        opening("comma", "app.settings", "Innstillinger", id="settings", show=False),
        opening("ctrl+n", "app.new_case", "Ny sak", id="new-case-chord", show=False),
        opening("enter", "open_current", "Åpne", id="open-case", show=False),
        *TRIAGE_BINDINGS,
        opening("f", "status_filter", "Filter", id="filter"),
        opening("x", "app.export_csv", "Eksport", id="export"),
        opening("m", "app.statistics", "Statistikk", id="statistics", show=False),
        opening("i", "app.import_csv", "Import", id="import", show=False),
        Binding("l", "lis_filter", "LIS1/LIS3", id="lis-filter", show=False),
        Binding("A", "seniority", "Ansiennitet", id="seniority", show=False),
        Binding("escape", "clear_marks", "Fjern markering", id="clear-marks", show=False),
        Binding("f5", "reload", "Oppdater", id="reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.queue = "inbox"
        self.status: dict[str, str] = {}  # queue -> status filter ("open", "all", key)
        self.lis_kind: str | None = None
        self.by_seniority = False
        self.counts: dict[str, int] = {}
        # The highlighted case, read ahead so `Enter` shows it in the case screen's first
        # frame; dropped by every change (CasesChanged) and the next cursor move.
        self.prefetched: CasePage | None = None
        self._prefetch_generation = 0
        self._prefetching = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static("samhandlingsdesk", id="app-title")
            yield Static("", id="desk-info")
        yield Tabs(
            *(Tab(f"{i} {label}", id=f"tab-{key}") for i, (key, label) in enumerate(TABS, 1)),
            id="queue-tabs",
        )
        yield Static("", id="filter-line")
        yield Static("", id="summary-line")
        yield CaseTable(id="cases")
        yield Static("", id="row-preview")
        yield Static("", id="status-line")
        yield DeskFooter(compact=True)  # the queue screen has the most keys to show

    def on_mount(self) -> None:
        self._update_desk_info()
        self.set_focus(self.query_one(CaseTable))
        self.reload()

    def on_screen_resume(self) -> None:
        # The side is chosen in a dialog on top of this screen (first start).
        self._update_desk_info()

    def _update_desk_info(self) -> None:
        app = self.app
        # Most important first, short enough for 80 columns: the demo notice would be cut
        # off at the end of the line (and the copy's random file name says nothing).
        where = DEMO_NOTICE if app.demo else app.desk.path.name
        side = {"kommune": "kommunen", "helseforetak": "helseforetaket"}.get(
            app.settings.side or "", "ikke valgt"
        )
        self.query_one("#desk-info", Static).update(
            f"{where} · side: {side} · {format_date(app.today())}"
        )

    # -- lists ------------------------------------------------------------------------
    @property
    def table(self) -> CaseTable:
        return self.query_one(CaseTable)

    def current_filter(self) -> ListFilter:
        if self.queue == "inbox":
            return ListFilter()
        kind = self.lis_kind if self.queue == "lis" else None
        return ListFilter(self.queue, self.status.get(self.queue, "open"), kind)

    def reload(self, *, keep_position: bool = False) -> None:
        flt = self.current_filter()
        custom = None
        if self.queue == "lis" and self.by_seniority:
            custom = DeskService.lis3_by_seniority
        self.table.new_since = self.app.new_since
        self.table.load(flt, self.app.today(), keep_position=keep_position, custom=custom)
        self._update_filter_line()
        today = self.app.today()
        run_read(self, lambda s: s.counts(today), CountsRead, group="counts")
        summary_line = self.query_one("#summary-line", Static)
        summary_line.display = self.queue == "inbox"
        if self.queue == "inbox":
            since = self.app.new_since
            run_read(self, lambda s: s.summary(today, since), SummaryRead, group="summary")

    def on_counts_read(self, event: CountsRead) -> None:
        if not exiting(self):
            self._show_counts(event.counts)

    def on_summary_read(self, event: SummaryRead) -> None:
        if not exiting(self):
            self.query_one("#summary-line", Static).update(summary_text(event.summary))

    def on_resize(self) -> None:
        self._update_preview(self.table.current_row)

    def on_case_table_highlighted(self, event: CaseTable.Highlighted) -> None:
        self._update_preview(event.row)
        self._prefetch(event.row)

    def on_case_table_loaded(self, _event: CaseTable.Loaded) -> None:
        self._update_preview(self.table.current_row)
        self._prefetch(self.table.current_row)

    def _prefetch(self, row: CaseRow | None) -> None:
        """Read the case under the cursor ahead. One read at a time, never cancelled:
        when it answers for a row the cursor has left, the next starts from there."""
        page = self.prefetched
        if row is not None and page is not None and page.detail.id == row.id:
            return  # read since the last change
        self.prefetched = None
        if row is None or self._prefetching:
            return
        self._prefetching = True
        case_id, generation = row.id, self._prefetch_generation

        def job(service: DeskService) -> CasePage | None:
            try:
                return service.case_page(case_id)
            except Exception:  # the case screen's own read reports it
                return None

        run_read(
            self,
            job,
            lambda page: CasePrefetched(page, generation),
            group="prefetch",
            exclusive=False,
        )

    def on_case_prefetched(self, event: CasePrefetched) -> None:
        self._prefetching = False
        row = self.table.current_row
        page = event.page
        if page is None or exiting(self):
            return
        if event.generation == self._prefetch_generation and row and page.detail.id == row.id:
            self.prefetched = page
        else:
            self._prefetch(row)  # the cursor moved on, or the cases changed meanwhile

    def _open(self, row: CaseRow) -> None:
        """Open the case; with the prefetched page when it is this row's, same version."""
        page = self.prefetched
        if page is not None and (page.detail.id != row.id or page.detail.version != row.version):
            page = None
        self.app.open_case(row.id, page)

    def _update_preview(self, row: CaseRow | None) -> None:
        """Below ~100 columns the reason has no column: one line under the list says it."""
        preview = self.query_one("#row-preview", Static)
        table = self.table
        preview.display = not table.shows_reason
        if table.shows_reason:
            return
        if row is None:
            preview.update("")
            return
        today = self.app.today()
        parts = [f"{row.ref}: {reason_cell(row, today) or PREVIEW_NONE}"]
        parts += row_flags(row, today, self.app.new_since)
        preview.update(" · ".join(parts))

    def _show_counts(self, counts: dict[str, int]) -> None:
        self.counts = counts
        tabs = self.query_one(Tabs)
        for i, (key, label) in enumerate(TABS, 1):
            tab = tabs.query_one(f"#tab-{key}", Tab)
            tab.label = f"{i} {label} ({counts.get(key, 0)})"  # type: ignore[assignment]

    def _update_filter_line(self) -> None:
        parts: list[str] = []
        if self.queue == "inbox":
            parts.append(
                "Innboks: vårt trekk, eller venter på andre og forfalt · mest haster øverst"
            )
        else:
            status = self.status.get(self.queue, "open")
            kinds = QUEUE_KINDS[self.queue]
            if status == "open":
                label = "åpne saker"
            elif status == "all":
                label = "alle saker"
            else:
                label = next(
                    (KINDS[k].status(status).label for k in kinds if KINDS[k].has_status(status)),
                    status,
                )
            parts.append(f"Filter (f): {label}")
            if self.queue == "lis":
                which = {None: "LIS1 og LIS3", "lis1": "bare LIS1", "lis3": "bare LIS3/ALIS"}
                parts.append(f"Vis (l): {which[self.lis_kind]}")
                parts.append(
                    "Sortering (A): "
                    + ("LIS3 i kø etter ansiennitet" if self.by_seniority else "frist")
                )
        self.query_one("#filter-line", Static).update(" · ".join(parts))

    def show_queue(self, queue: str) -> None:
        self.queue = queue
        self.refresh_bindings()
        self.query_one(Tabs).active = f"tab-{queue}"
        self.table.clear_marks()
        self.reload()

    def action_show_queue(self, queue: str) -> None:
        self.show_queue(queue)

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        queue = (event.tab.id or "tab-inbox").removeprefix("tab-")
        if queue != self.queue:
            self.queue = queue
            self.refresh_bindings()
            self.table.clear_marks()
            self.reload()
        self.set_focus(self.table)

    def on_cases_changed(self, _event: CasesChanged) -> None:
        self.prefetched = None
        self._prefetch_generation += 1  # a read started before the change is stale
        self._update_desk_info()  # today's date (a new day also reloads)
        self.reload(keep_position=True)

    def action_reload(self) -> None:
        self.reload(keep_position=True)

    # -- filters ----------------------------------------------------------------------
    def action_status_filter(self) -> None:

        if self.queue == "inbox":
            self.app.notify("Innboksen har ikke statusfilter; velg en kø med 2–5.")
            return
        kinds = QUEUE_KINDS[self.queue]
        if self.queue == "lis" and self.lis_kind:
            kinds = (self.lis_kind,)
        queue = self.queue
        run_read(
            self,
            lambda s: s.status_counts(queue),
            lambda counts: StatusCountsRead(queue, kinds, counts),
            group="status-counts",
        )

    def on_status_counts_read(self, event: StatusCountsRead) -> None:
        from samhandlingsdesk.tui.screens.status_filter import StatusFilterScreen

        self.app.push_screen(
            StatusFilterScreen(event.kinds, event.counts, self.status.get(event.queue, "open")),
            self._status_chosen,
        )

    def _status_chosen(self, status: str | None) -> None:
        if status is None:
            return
        self.status[self.queue] = status
        self.by_seniority = False
        self.reload()

    def action_lis_filter(self) -> None:
        if self.queue != "lis":
            self.show_queue("lis")
            return
        i = LIS_FILTERS.index(self.lis_kind)
        self.lis_kind = LIS_FILTERS[(i + 1) % len(LIS_FILTERS)]
        self.reload()

    def action_seniority(self) -> None:
        if self.queue != "lis":
            self.show_queue("lis")
        self.by_seniority = not self.by_seniority
        self.reload()

    def action_clear_marks(self) -> None:
        self.table.clear_marks()
        self.reload(keep_position=True)

    # -- rows -------------------------------------------------------------------------
    def on_case_table_opened(self, event: CaseTable.Opened) -> None:
        self._open(event.row)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_current" and self.focused is not self.table:
            return False  # Enter on the tabs is theirs
        # The inbox has no status filter: the key is not offered there.
        return not (action == "status_filter" and self.queue == "inbox")

    def action_open_current(self) -> None:
        row = self.table.current_row
        if row is not None:
            self._open(row)

    def on_case_table_marks_changed(self, event: CaseTable.MarksChanged) -> None:
        line = self.query_one("#status-line", Static)
        if event.count:
            line.update(
                f"{event.count} markert · v videre · r avslå/trekk · s utsett · t stikkord · "
                "Esc fjerner markeringen"
            )
        else:
            line.update("")

    def triage_targets(self) -> list[Target]:
        table = self.table
        ids = table.selected_ids()
        rows = {r.id: r for r in table.rows_loaded}
        bulk = len(ids) > 1
        return [
            Target(r.id, r.ref, r.kind, r.status, None if bulk else r.version)
            for r in (rows[i] for i in ids)
        ]

    def triage_done(self) -> None:
        self.table.clear_marks()
