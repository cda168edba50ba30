"""Quick lookup during a phone call (ctrl+f or /).

The query box has focus; results update as you type, in an exclusive worker (the previous
query's worker is cancelled, and a generation number drops any result that arrives
late). `down` moves into the results, where `enter` opens the case, `a` adds a note and
`c` copies the phone number; `up` on the first result goes back to the query. `esc`
closes the overlay and leaves you exactly where you were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from rich.console import Console, Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import RenderOptions, Visual
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from samhandlingsdesk.domain.dates import format_date
from samhandlingsdesk.domain.kinds import kind_spec
from samhandlingsdesk.domain.presentation import BADGE_LABELS
from samhandlingsdesk.domain.text import screens as words
from samhandlingsdesk.domain.text.common import NOTE_ADDED, NOTE_ON, REDO
from samhandlingsdesk.domain.text.entry_keys import SEARCH_SHORT_PHONE
from samhandlingsdesk.domain.validate import format_phone
from samhandlingsdesk.service.desk import CaseRow, Repo, SearchHit, short_phone
from samhandlingsdesk.tui.keys import hint
from samhandlingsdesk.tui.widgets.badges import badge_text, theme_colour
from samhandlingsdesk.tui.work import run_read, run_write

RESULT_LIMIT = 30
RECENT_LIMIT = 10
TEXT_WIDTH = 104  # a result line's widest (and its width before it is drawn)
# Below this many columns (an 80-column terminal) a result leads with the ref and the
# title; the aligned columns of kind, status and badge would leave no room for the name.
WIDE_FROM = 90
RESULT_KEYS = frozenset({"down", "up", "enter", "tab", "pagedown", "pageup"})


@dataclass(frozen=True, slots=True)
class Results:
    generation: int
    query: str
    hits: tuple[SearchHit, ...]
    recent: bool = False


@dataclass
class SearchAnswered(Message):
    """The results of one query, posted to the overlay by its search worker."""

    results: Results


@dataclass
class PhoneFound(Message):
    """The phone number to copy for a result (None: the case has none)."""

    row: CaseRow
    phone: str | None


def run_search(repo: Repo, query: str, generation: int) -> Results:
    if not query.strip():
        rows = repo.recently_opened(RECENT_LIMIT)
        hits = tuple(SearchHit(r, words.SEARCH_RECENT_REASON, "", ()) for r in rows)
        return Results(generation, query, hits, recent=True)
    return Results(generation, query, tuple(repo.search(query, limit=RESULT_LIMIT)))


def first_phone(repo: Repo, case_id: str) -> str | None:
    detail = repo.get_case(case_id)
    if detail is None:
        return None
    values = detail.values()
    for f in kind_spec(detail.kind).all_fields:
        if f.type == "phone" and values.get(f.name) and not f.personal:
            return str(values[f.name])
    for f in kind_spec(detail.kind).all_fields:
        if f.type == "phone" and values.get(f.name):
            return str(values[f.name])
    return None


def _second_line(hit: SearchHit, recent: bool, reason: str) -> bool:
    """A result has a second line when it says what matched or why the case is due."""
    return bool((not recent and hit.text) or reason)


class ResultLines(Group, Visual):
    """A result as the list draws it: one line, or two, drawn at the width the list has
    (cut with an ellipsis, never wrapped) when the result first comes into view.

    The OptionList asks every option's height whenever its options change, and a rich
    Group is rendered in full to count its lines: that was most of the time between a
    key and its results. Here the height is known beforehand and only the results in
    view are drawn. As a rich Group it reads as its lines (as last drawn)."""

    def __init__(
        self, draw: Callable[[int], tuple[Text, ...]], height: int, console: Console
    ) -> None:
        super().__init__()
        self._draw = draw
        self._height = height
        self._console = console
        self._drawn: tuple[int, tuple[Text, ...]] | None = None

    def lines(self, width: int) -> tuple[Text, ...]:
        width = min(width, TEXT_WIDTH)
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, self._draw(width))
        return self._drawn[1]

    @property
    def drawn(self) -> bool:
        """Drawn at least once (the list has shown it)."""
        return self._drawn is not None

    @property
    def renderables(self) -> list[RenderableType]:
        return list(self.lines(self._drawn[0] if self._drawn else TEXT_WIDTH))

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._height

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(line.cell_len for line in self.lines(container_width))

    def render_strips(
        self, width: int, height: int | None, style: VisualStyle, options: RenderOptions
    ) -> list[Strip]:
        console = self._console
        base = style.rich_style
        strips = []
        for line in self.lines(width)[:height]:
            line_style = base + console.get_style(line.style) if line.style else base
            strips.append(Strip(Segment.apply_style(line.render(console), line_style)))
        return strips


class QueryInput(Input):
    """The query box. An Input sets its virtual size (the text's width) on every key, and
    that size is a layout reactive: each key relaid the whole overlay and redrew the
    results and their scrollbar before the results of the key were even asked for. The
    box's own size never depends on its text (`width: 100%`), so here a new virtual size
    only repaints the box; scrolling within it reads the size as before."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


class SearchResults(OptionList):
    BINDINGS = [
        Binding("a", "screen.note", "Notat", id="search-note"),
        Binding("c", "screen.copy_phone", "Kopier telefon", id="search-copy"),
    ]

    def action_cursor_up(self) -> None:
        if self.highlighted in (None, 0):
            self.screen.set_focus(self.screen.query_one("#search-query", Input))
        else:
            super().action_cursor_up()


class SearchScreen(ModalScreen[None]):
    TITLE = "Søk"
    BINDINGS = [
        Binding("escape", "close", "Lukk", id="search-close"),
        Binding("down", "to_results", words.SEARCH_DOWN, id="search-down", show=False),
        # A modal screen hides the app's non-priority bindings: undo must be bound here.
        Binding("ctrl+z", "app.undo", "Angre", id="search-undo", show=False),
        Binding("ctrl+y", "app.redo", REDO, id="search-redo", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.generation = 0
        self.shown: Results | None = None
        self._summary = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="search-dialog"):
            yield Static(words.SEARCH_TITLE, classes="dialog-title")
            yield QueryInput(
                placeholder="Navn, telefon, kommune, enhet, saksnummer, tema …",
                id="search-query",
                # Back from the results (up), typing refines the query instead of
                # replacing it.
                select_on_focus=False,
            )
            yield Static("", id="search-summary", classes="hint")
            results = SearchResults(id="search-results")
            yield results
            yield Static(
                words.SEARCH_HELP.format(
                    down=hint(self, "search-down"),
                    note=hint(results, "search-note"),
                    copy=hint(results, "search-copy"),
                    close=hint(self, "search-close"),
                ),
                classes="dialog-help",
            )

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#search-query", Input))
        self._search("")

    def holds_key(self, key: str) -> bool:
        """Keys that act on the results wait until the results match the query typed
        (`↓ Enter` typed fast after a name opens that name's case, tui/keys.py)."""
        if key not in RESULT_KEYS:
            return False
        query = self.query_one("#search-query", Input).value
        return self.shown is None or self.shown.query != query

    # -- searching --------------------------------------------------------------------
    @on(Input.Changed, "#search-query")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def on_cases_changed(self, _event: object) -> None:
        """A note, an undo or a move made from here: show the results as they are now."""
        self._search(self.query_one("#search-query", Input).value)

    def _search(self, query: str) -> None:
        self.generation += 1
        generation = self.generation
        run_read(
            self,
            lambda s: run_search(s.repo, query, generation),
            SearchAnswered,
            group="search",
        )

    def on_search_answered(self, event: SearchAnswered) -> None:
        self._show(event.results)

    def _show(self, results: Results) -> None:
        if results.generation != self.generation or self not in self.app.screen_stack:
            return  # an older query (a newer one is on its way), or the overlay is closed
        self.shown = results
        self.app.drain_keys()  # type: ignore[attr-defined]
        ol = self.query_one(SearchResults)
        if results.hits:
            # One pass over the options: clearing first would empty the list's virtual
            # size and set it back, a relayout and a scrollbar redrawn for every key.
            today = self.app.today()  # type: ignore[attr-defined]
            ol.set_options(
                Option(self._result_lines(hit, results.recent, today), id=hit.row.id)
                for hit in results.hits
            )
            ol.highlighted = 0
        else:
            ol.clear_options()
        if results.recent:
            line = (
                words.SEARCH_RECENT.format(n=len(results.hits))
                if results.hits
                else words.SEARCH_EMPTY
            )
        elif results.hits:
            more = "+" if len(results.hits) >= RESULT_LIMIT else ""
            line = words.SEARCH_HITS.format(
                n=len(results.hits), more=more, query=results.query.strip()
            )
        else:
            line = words.SEARCH_NO_HITS.format(query=results.query.strip())
        if not results.recent and short_phone(results.query):
            line += f" · {SEARCH_SHORT_PHONE}"
        summary = self.query_one("#search-summary", Static)
        # A relayout only when the summary may take another number of lines.
        fits = max(len(line), len(self._summary)) <= summary.content_region.width
        self._summary = line
        summary.update(line, layout=not fits)

    def _result_lines(self, hit: SearchHit, recent: bool, today: date) -> ResultLines:
        row = hit.row
        reason = row.reason(today) if row.due_on and row.is_open else ""
        height = 2 if _second_line(hit, recent, reason) else 1
        return ResultLines(
            partial(self._hit_view, hit, recent, today, reason), height, self.app.console
        )

    def _hit_view(
        self, hit: SearchHit, recent: bool, today: date, reason: str, width: int
    ) -> tuple[Text, ...]:
        row: CaseRow = hit.row
        badge = row.badge(today)
        if width >= WIDE_FROM:
            line1 = Text.assemble(
                (f"{row.ref:<14}", "bold"),
                f"{row.kind_label:<12}",
                f"{row.status_label:<23}",
                badge_text(self.app, badge, f"{BADGE_LABELS[badge]:<8}") if badge else " " * 8,
                " ",
                (row.title, "bold"),
            )
            if row.party and row.party not in row.title:
                line1.append(f" · {row.party.split(' - ')[0]}")
        else:
            line1 = Text.assemble(
                (f"{row.ref:<13}", "bold"),
                (row.title, "bold"),
                f" · {row.kind_label} · {row.status_label}",
            )
            if badge:
                line1.append(" ")
                line1.append_text(badge_text(self.app, badge, BADGE_LABELS[badge]))
        if row.due_on and row.is_open:
            line1.append(f"  frist {format_date(row.due_on)}", style="dim")
        # One line per result whatever the terminal's width: cut with an ellipsis, never
        # wrapped (a wrapped line reads as the start of another result).
        line1.no_wrap = True
        line1.overflow = "ellipsis"
        line1.truncate(width, overflow="ellipsis")
        if not _second_line(hit, recent, reason):
            return (line1,)
        # The second line: what matched, then why the case is due (as in every list).
        line2 = Text("    ", style="dim", no_wrap=True, overflow="ellipsis")
        if not recent and hit.text:
            line2.append(f"{hit.field_label}: ")
            body = Text(hit.text)
            colour = theme_colour(self.app, "match-highlight")
            for a, b in hit.spans:
                body.stylize(Style(color=colour, bold=True, underline=True), a, b)
            line2.append_text(body)
            if reason:
                line2.append("  ·  ")
        if reason:
            line2.append(reason, style="italic")
        line2.truncate(width, overflow="ellipsis")
        return (line1, line2)

    # -- moving and acting ------------------------------------------------------------
    def action_to_results(self) -> None:
        ol = self.query_one(SearchResults)
        if ol.option_count:
            self.set_focus(ol)
            if ol.highlighted is None:
                ol.highlighted = 0

    @on(OptionList.OptionSelected, "#search-results")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open_case(event.option.id)

    @on(Input.Submitted, "#search-query")
    def _open_top(self, event: Input.Submitted) -> None:
        """`Enter` in the query opens the top hit (the key line says «Enter åpner»; keys
        wait until the results match the query, so it is the hit of what was typed)."""
        event.stop()
        ol = self.query_one(SearchResults)
        if ol.option_count:
            self._open_case(ol.get_option_at_index(ol.highlighted or 0).id)

    def _open_case(self, case_id: str | None) -> None:
        if case_id:
            self.dismiss()
            self.app.open_case(case_id)  # type: ignore[attr-defined]

    def _current_id(self) -> str | None:
        ol = self.query_one(SearchResults)
        if ol.highlighted is None or not ol.option_count:
            return None
        return ol.get_option_at_index(ol.highlighted).id

    def _current_hit(self) -> SearchHit | None:
        case_id = self._current_id()
        if self.shown is None or case_id is None:
            return None
        return next((h for h in self.shown.hits if h.row.id == case_id), None)

    def action_note(self) -> None:
        from samhandlingsdesk.tui.screens.prompt import PromptScreen
        from samhandlingsdesk.tui.triage import note_check

        hit = self._current_hit()
        if hit is None:
            return
        row = hit.row

        def chosen(text: str | None) -> None:
            if text and text.strip():
                run_write(
                    self, lambda s: s.add_note(row.id, text), success=NOTE_ADDED.format(ref=row.ref)
                )

        self.app.push_screen(
            PromptScreen(NOTE_ON.format(ref=row.ref), "Notat", check=note_check), chosen
        )

    def action_copy_phone(self) -> None:
        hit = self._current_hit()
        if hit is None:
            return
        row = hit.row

        run_read(
            self, lambda s: PhoneFound(row, first_phone(s.repo, row.id)), lambda m: m, group="phone"
        )

    def on_phone_found(self, event: PhoneFound) -> None:
        row, phone = event.row, event.phone
        if not phone:
            self.app.notify(words.NO_PHONE.format(ref=row.ref), severity="warning")
            return
        shown = format_phone(phone)
        self.app.copy_to_clipboard(shown)
        self.app.notify(f"Kopierte {shown} ({row.title})")

    def action_close(self) -> None:
        self.dismiss()
