"""A list of cases, paged from the database.

Shows a few hundred rows at a time and fetches the next page (in a thread worker) when
the cursor nears the end, so a queue of 100,000 cases opens and scrolls like one of 1,000.
Rows can be marked with space for bulk actions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from samhandlingsdesk.domain.dates import format_date
from samhandlingsdesk.domain.presentation import BADGE_LABELS
from samhandlingsdesk.domain.text import plural
from samhandlingsdesk.domain.text.agenda import NEW_LABEL, SENIORITY, WEIGHT_LABELS
from samhandlingsdesk.service.desk import CaseRow, DeskService, ListFilter, Page
from samhandlingsdesk.tui.widgets.badges import badge_text, move_style
from samhandlingsdesk.tui.work import exiting, run_read

FETCH_AHEAD = 40
MIN_TITLE = 20
MIN_REASON = 20
SCROLLBAR = 2  # fetch the next page when the cursor is this close to the end
# Below this many columns the reason has no column of its own: a one-line preview under
# the list shows the current row's reason and flags (the screen shows it).
REASON_FROM = 100
# From this many columns on, the kind and the received date have room too.
WIDE_FROM = 150

# Key, heading, width (0: shares the free width). Urgency and the name come first, so a
# narrow terminal shows them; the reason shares the free width with the title.
ALL_COLUMNS = {
    "mark": (" ", 1),
    "ref": ("Saksnr.", 12),
    "badge": ("Merke", 8),
    "due": ("Frist", 10),
    "title": ("Tittel / part", 0),
    "reason": ("Hvorfor", 0),
    "status": ("Status", 22),
    "kind": ("Type", 11),
    "received": ("Mottatt", 10),
}
NARROW = ("mark", "ref", "badge", "due", "title", "status")
MEDIUM = ("mark", "ref", "badge", "due", "title", "reason", "status")
WIDE = tuple(ALL_COLUMNS)
NARROW_STATUS = 15


def layout(width: int) -> list[tuple[str, str, int]]:
    """The columns for a table `width` cells wide: (key, heading, width)."""
    keys = WIDE if width >= WIDE_FROM else MEDIUM if width >= REASON_FROM else NARROW
    widths = {k: ALL_COLUMNS[k][1] for k in keys}
    if keys is NARROW:
        widths["status"] = NARROW_STATUS
    padding = 2 * len(keys) + SCROLLBAR  # cell padding 1 on each side
    free = width - sum(widths.values()) - padding
    if "reason" in widths:
        widths["title"] = max(MIN_TITLE, free // 2)
        widths["reason"] = max(MIN_REASON, free - widths["title"])
    else:
        widths["title"] = max(MIN_TITLE, free)
    return [(k, ALL_COLUMNS[k][0], widths[k]) for k in keys]


def row_flags(r: CaseRow, today: date, new_since: datetime | None) -> list[str]:
    """Short words for the preview line: weight, new, snoozed, warning flags."""
    out: list[str] = []
    if r.critical(today):
        out.append(WEIGHT_LABELS["kritisk"])
    elif r.weight:
        out.append(WEIGHT_LABELS[r.weight])
    if r.is_new(new_since):
        out.append(NEW_LABEL)
    if r.snoozed_until is not None and r.snoozed_until > today:
        out.append(f"{BADGE_LABELS['snoozed']} til {format_date(r.snoozed_until)}")
    if r.flag_count:
        out.append(plural(r.flag_count, "varsel", "varsler"))
    return out


def reason_cell(r: CaseRow, today: date) -> str:
    """The reason column: the LIS3 seniority and rank in that sort, else the due reason."""
    if r.rank is not None:
        return SENIORITY.format(
            rank=r.rank, since=format_date(r.seniority_from) if r.seniority_from else "–"
        )
    return r.reason(today)


@dataclass
class PageRead(Message, bubble=False):
    """A page of the list, read in a worker (`generation`: which load it answers)."""

    page: Page
    generation: int
    replace: bool


class CaseTable(DataTable[Text | str]):
    """Cases of one list (inbox, queue + filter), paged."""

    BINDINGS = [
        Binding("j", "cursor_down", "Ned", show=False, id="down-j"),
        Binding("k", "cursor_up", "Opp", show=False, id="up-k"),
        Binding("g", "scroll_top", "Først", show=False, id="top"),
        Binding("G", "scroll_bottom", "Sist", show=False, id="bottom"),
        Binding("home", "scroll_top", "Først", id="top-home", show=False),
        Binding("end", "scroll_bottom", "Sist", id="bottom-end", show=False),
        Binding("space", "toggle_mark", "Marker", id="mark"),
    ]

    @dataclass
    class Opened(Message):
        """Enter on a row."""

        row: CaseRow

    @dataclass
    class MarksChanged(Message):
        """The number of marked rows changed."""

        count: int

    @dataclass
    class Highlighted(Message):
        """The cursor is on another row (the screen's preview line follows it)."""

        row: CaseRow | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.keys: list[str] = []
        self.new_since: datetime | None = None
        self.rows_loaded: list[CaseRow] = []
        self.marked: set[str] = set()
        self.filter = ListFilter()
        self._next: object = None
        self._loading = False
        self._generation = 0
        self._today = date.today()
        self._keep_ref: str | None = None
        self._custom_order: Callable[[DeskService], Page] | None = None

    def on_mount(self) -> None:
        self._set_columns(self.size.width or 120)
        self.app.theme_changed_signal.subscribe(self, self._repaint)

    def on_resize(self) -> None:
        self.fit_columns()

    def _set_columns(self, width: int) -> None:
        cols = layout(width)
        self.keys = [key for key, _, _ in cols]
        for key, label, w in cols:
            self.add_column(label, key=key, width=w)

    @property
    def shows_reason(self) -> bool:
        return "reason" in self.keys

    def fit_columns(self) -> None:
        """Lay the columns out for the width: the title and the reason share what the
        others leave; below REASON_FROM the reason goes to the screen's preview line."""
        cols = layout(self.size.width)
        keys = [key for key, _, _ in cols]
        if keys != self.keys:
            cursor = self.cursor_row
            self.clear(columns=True)
            self._set_columns(self.size.width)
            self.add_rows([self._cells(r) for r in self.rows_loaded])
            if self.rows_loaded:
                self.move_cursor(row=min(max(cursor, 0), len(self.rows_loaded) - 1))
            return
        changed = False
        for key, _, w in cols:
            column = self.columns.get(ColumnKey(key))
            if column is not None and column.width != w:
                column.width = w
                changed = True
        if changed:
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh()

    def _repaint(self, _theme: object) -> None:
        """Status and badge colours come from the theme: paint the loaded rows again."""
        for i, r in enumerate(self.rows_loaded):
            cells = self._cells(r)
            for key in ("status", "badge"):
                i_col = self.keys.index(key)
                self.update_cell_at((i, i_col), cells[i_col])

    # -- loading ----------------------------------------------------------------------
    def load(
        self,
        flt: ListFilter,
        today: date,
        *,
        keep_position: bool = False,
        custom: Callable[[DeskService], Page] | None = None,
    ) -> None:
        """(Re)load from the first page. `custom` replaces paging with a small sorted list
        (LIS3 queued by seniority)."""
        self._keep_ref = self.current_row.ref if keep_position and self.current_row else None
        self.filter = flt
        self._today = today
        self._custom_order = custom
        self._generation += 1
        generation = self._generation
        self._loading = True
        job = custom if custom is not None else (lambda s: s.page(flt, today))
        run_read(self, job, lambda page: PageRead(page, generation, replace=True), group="table")

    def _load_more(self) -> None:
        if self._loading or self._next is None:
            return
        self._loading = True
        generation = self._generation
        flt, today, after = self.filter, self._today, self._next
        run_read(
            self,
            lambda s: s.page(flt, today, after),
            lambda page: PageRead(page, generation, replace=False),
            group="table-more",
        )

    def on_page_read(self, event: PageRead) -> None:
        if not exiting(self):
            self._apply(event.page, event.generation, replace=event.replace)

    def _apply(self, page: Page, generation: int, *, replace: bool) -> None:
        if generation != self._generation:
            return  # an older request: a newer list is on its way
        self._loading = False
        self._next = page.next
        if replace:
            keep = self._keep_ref
            self.clear()
            self.rows_loaded = []
        self.rows_loaded.extend(page.rows)
        self.add_rows([self._cells(r) for r in page.rows])
        if replace:
            target = 0
            if keep:
                for i, r in enumerate(self.rows_loaded):
                    if r.ref == keep:
                        target = i
                        break
                else:
                    target = min(self.cursor_row, max(len(self.rows_loaded) - 1, 0))
            if self.rows_loaded:
                self.move_cursor(row=target, animate=False)
            self.post_message(self.MarksChanged(len(self.marked)))
        self.post_message(self.Loaded())

    class Loaded(Message):
        """A page was shown (tests and the status line wait for it)."""

    def _cells(self, r: CaseRow) -> list[Text | str]:
        badge = r.badge(self._today)
        label = BADGE_LABELS[badge]
        if not badge and r.is_new(self.new_since):
            badge, label = "soon", NEW_LABEL
        title = r.title
        if r.party and r.kind != "veiledning" and r.party not in title:
            title = f"{title} · {r.party.split(' - ')[0]}"
        cells: dict[str, Text | str] = {
            "mark": Text("●" if r.id in self.marked else " ", style="bold"),
            "ref": r.ref,
            "badge": badge_text(self.app, badge, label),
            "reason": reason_cell(r, self._today),
            "due": format_date(r.due_on),
            "title": title,
            "status": Text(r.status_label, style=move_style(self.app, r.whose_move)),
            "kind": r.kind_label,
            "received": format_date(r.received_on),
        }
        return [cells[key] for key in self.keys]

    # -- cursor and marks ---------------------------------------------------------------
    @property
    def current_row(self) -> CaseRow | None:
        if not self.rows_loaded or self.cursor_row < 0:
            return None
        if self.cursor_row >= len(self.rows_loaded):
            return None
        return self.rows_loaded[self.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.post_message(self.Highlighted(self.current_row))
        if event.cursor_row >= len(self.rows_loaded) - FETCH_AHEAD:
            self._load_more()

    def action_toggle_mark(self) -> None:
        row = self.current_row
        if row is None:
            return
        if row.id in self.marked:
            self.marked.discard(row.id)
        else:
            self.marked.add(row.id)
        self.update_cell_at(
            (self.cursor_row, self.keys.index("mark")),
            Text("●" if row.id in self.marked else " ", style="bold"),
        )
        self.post_message(self.MarksChanged(len(self.marked)))
        if self.cursor_row < len(self.rows_loaded) - 1:
            self.move_cursor(row=self.cursor_row + 1)

    def clear_marks(self) -> None:
        self.marked.clear()
        self.post_message(self.MarksChanged(0))

    def selected_ids(self) -> list[str]:
        """The marked cases, or the one under the cursor when none is marked."""
        if self.marked:
            return [r.id for r in self.rows_loaded if r.id in self.marked]
        row = self.current_row
        return [row.id] if row else []

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.current_row
        if row is not None:
            self.post_message(self.Opened(row))
