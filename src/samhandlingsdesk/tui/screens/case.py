"""One case: every field grouped as on its form, the due date and its reason, warnings,
the history timeline and the notes. Triage works here as in the queues."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from samhandlingsdesk.domain.dates import format_date, format_datetime
from samhandlingsdesk.domain.deadlines import reason_text
from samhandlingsdesk.domain.display import display_value
from samhandlingsdesk.domain.kinds import (
    MOVE_LABELS,
    REASON_LABEL,
    grouped_fields,
    kind_spec,
    legal_basis,
    status_label,
)
from samhandlingsdesk.domain.reasons import reason_shown
from samhandlingsdesk.domain.text import plural
from samhandlingsdesk.domain.text.agenda import PURRING_HISTORY, WEIGHT_LABELS
from samhandlingsdesk.service.desk import CaseDetail, CasePage, HistoryRow
from samhandlingsdesk.tui.keys import hint, opening
from samhandlingsdesk.tui.triage import TRIAGE_BINDINGS, Target, TriageMixin
from samhandlingsdesk.tui.widgets.footer import DeskFooter
from samhandlingsdesk.tui.work import CasesChanged, exiting, run_read

LABEL_WIDTH = 28


class CaseRead(Message, bubble=False):
    """The case page read for the case screen (None: the case is gone)."""

    def __init__(self, page: CasePage | None) -> None:
        super().__init__()
        self.page = page


class CaseBody(Static):
    """The case's fields, notes and history. Its height is measured once per content and
    width: Textual forgets a widget's measured height on each relayout (the scrollbar
    coming, the screen's first resize), and measuring draws the whole case."""

    def __init__(self, content: RenderableType = "", **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self._version = 0
        self._measured: tuple[tuple[int, int], int] | None = None  # ((version, width), height)

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        self._version += 1
        super().update(content, layout=layout)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        key = (self._version, width)
        if self._measured is None or self._measured[0] != key:
            self._measured = (key, super().get_content_height(container, viewport, width))
        return self._measured[1]


def _grid() -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(width=LABEL_WIDTH, style="dim", no_wrap=True)
    grid.add_column(ratio=1)
    return grid


def _history_grid(history: tuple[HistoryRow, ...]) -> Table:
    grid = _grid()
    for h in history:
        text = Text(h.label, style="bold")
        if (h.action in ("create", "convert") and h.field is None) or h.action == "note":
            text.append(f": {h.new}")
        elif h.old or h.new:
            text.append(f": {h.old or '–'} → {h.new or '–'}")
        if h.undone:
            text.append("  (angret)", style="dim italic")
        grid.add_row(format_datetime(h.at), text)
    return grid


class CaseScreen(TriageMixin, Screen[None]):
    BINDINGS = [
        # Priority: the keys typed after them reach the screen they open (tui/keys.py).
        opening("escape", "back", "Tilbake", id="back"),
        opening("e", "edit", "Rediger", id="edit"),
        opening("ctrl+e", "edit", "Rediger", id="edit-chord", show=False),
        *TRIAGE_BINDINGS,
        Binding("j", "scroll_down", "Ned", show=False, id="case-down"),
        Binding("k", "scroll_up", "Opp", show=False, id="case-up"),
        Binding("g", "scroll_home", "Først", show=False, id="case-top"),
        Binding("G", "scroll_end", "Sist", show=False, id="case-bottom"),
    ]

    def __init__(self, case_id: str, page: CasePage | None = None) -> None:
        """`page`: the case already read (a list's prefetch), shown in the first frame;
        without it the case is read after the screen mounts."""
        super().__init__()
        self.case_id = case_id
        self.view: CasePage | None = page if page and page.detail.id == case_id else None

    def compose(self) -> ComposeResult:
        view = self.view
        if view is None:
            yield Static("Laster …", id="case-header")
            body = CaseBody("", id="case-body")
        else:
            self.title = self._title(view)
            yield Static(self._header(view), id="case-header")
            body = CaseBody(self._body(view), id="case-body")
        yield VerticalScroll(body, id="case-scroll")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#case-scroll"))
        if self.view is None:
            self.load()

    def holds_key(self, _key: str) -> bool:
        """Keys typed before the case is shown wait for it (`e`, `v` … act on it)."""
        return self.view is None

    def load(self) -> None:
        case_id = self.case_id
        run_read(self, lambda s: s.case_page(case_id), CaseRead, group="case")

    def on_case_read(self, event: CaseRead) -> None:
        self._show(event.page)

    def on_cases_changed(self, _event: CasesChanged) -> None:
        self.load()

    @property
    def detail(self) -> CaseDetail | None:
        return self.view.detail if self.view else None

    def _show(self, view: CasePage | None) -> None:
        if exiting(self) or self not in self.app.screen_stack:
            return  # closed while it was loading: its widgets are gone
        if view is None:
            self.app.notify("Saken finnes ikke lenger (angret eller slettet).", severity="warning")
            self.dismiss()
            return
        self.view = view
        self.title = self._title(view)
        self.query_one("#case-header", Static).update(self._header(view))
        self.query_one("#case-body", Static).update(self._body(view))
        self.app.drain_keys()

    @staticmethod
    def _title(view: CasePage) -> str:
        return f"{view.detail.ref} {view.detail.case.title}"

    def _header(self, view: CasePage) -> str:
        d = view.detail
        c = d.case
        spec = kind_spec(d.kind)
        move = MOVE_LABELS[c.whose_move]
        header = (
            f"[b]{d.ref}[/b]  {spec.label}  ·  [b]{escape(c.title)}[/b]\n"
            f"Status: [b]{status_label(d.kind, d.status)}[/b] ({move})"
        )
        if c.due_on:
            reason = reason_text(
                c.due_key,
                c.due_params,
                c.due_on,
                c.due_reason,
                self.app.today(),
            )
            header += f"  ·  Frist {format_date(c.due_on)}: {escape(reason)}"
        if view.purrings:
            last = view.purrings[-1]
            header += "  ·  " + PURRING_HISTORY.format(
                count=plural(len(view.purrings), "gang", "ganger"),
                last=format_date(last.on),
                channel=last.channel_label,
            )
        if c.snoozed_until and c.snoozed_until > self.app.today():
            header += f"  ·  Utsatt til {format_date(c.snoozed_until)}"
        return header

    def _body(self, view: CasePage) -> Group:
        d = view.detail
        values = d.values()
        today = self.app.today()
        parts: list[RenderableType] = []
        if d.rules or d.warnings:
            rules = _grid()
            for rule in d.rules:
                when = "forfalt" if rule.on < today else ("i dag" if rule.on == today else "")
                mark = "⚑" if rule.flag else "•"
                extra = f" ({when})" if when else ""
                rules.add_row(
                    f"{mark} {format_date(rule.on)}{extra}",
                    Text.assemble((f"{WEIGHT_LABELS[rule.weight]}: ", "dim"), rule.describe(today)),
                )
            for warning in d.warnings:
                rules.add_row("⚠ Advarsel", warning)
            parts += [Text("Frister og varsler", style="bold"), rules, Text("")]
        basis = legal_basis(d.kind, values)
        if basis:
            parts += [Text.assemble(("Lovgrunnlag: ", "bold"), basis), Text("")]
        if d.case.reason:
            reason = reason_shown(d.case.reason, d.case.reason_comment)
            parts += [Text.assemble((f"{REASON_LABEL}: ", "bold"), reason), Text("")]
        for group in grouped_fields(d.kind):
            grid = _grid()
            for f in group.fields:
                shown = display_value(f, values.get(f.name))
                value = Text(shown) if shown else Text("–", style="dim")
                if f.personal and shown:
                    value.append("  (personlig)", style="dim")
                grid.add_row(f.label, value)
            parts += [Text(group.name, style="bold"), grid, Text("")]
        notes = _grid()
        for n in d.notes:
            notes.add_row(format_datetime(n.at), n.text)
        parts += [
            Text.assemble(
                (f"Notater ({len(d.notes)})", "bold"),
                (f"  {hint(self, 'note')}: nytt notat", "dim"),
            ),
            notes,
            Text(""),
            Text(f"Historikk ({len(view.history)})", style="bold"),
            _history_grid(view.history),
            Text(""),
            Text(
                f"Opprettet {format_datetime(d.case.created_at)} · sist endret "
                f"{format_datetime(d.case.updated_at)} · versjon {d.version} · id {d.id}",
                style="dim",
            ),
        ]
        return Group(*parts)

    # -- actions ----------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss()

    def action_edit(self) -> None:
        from samhandlingsdesk.tui.screens.form import FormScreen

        if self.detail is not None:
            self.app.push_screen(FormScreen(self.detail.kind, self.detail))

    def action_scroll_down(self) -> None:
        self.query_one("#case-scroll", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#case-scroll", VerticalScroll).scroll_up()

    def action_scroll_home(self) -> None:
        self.query_one("#case-scroll", VerticalScroll).scroll_home()

    def action_scroll_end(self) -> None:
        self.query_one("#case-scroll", VerticalScroll).scroll_end()

    def triage_targets(self) -> list[Target]:
        d = self.detail
        if d is None:
            return []
        return [Target(d.id, d.ref, d.kind, d.status, d.version, d.values())]
