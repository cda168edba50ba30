"""Export to CSV (`x`): the choices, a live count of rows per kind, a progress bar while
the files are written, and the paths of the files written.

The counting and the writing run in thread workers (tui/work.py) that call the desk
service and post `ExportCounted`/`Exported` back; the screen never touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, ProgressBar, Static, Switch

from samhandlingsdesk.domain.dates import DateError, format_date, parse_date
from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.text import transfer
from samhandlingsdesk.domain.text.common import rows
from samhandlingsdesk.service.desk import ExportCount, ExportDone
from samhandlingsdesk.service.export import ExportFilter, ExportResult
from samhandlingsdesk.tui.keys import hint
from samhandlingsdesk.tui.work import host, run_read, run_write

PERSONAL_WARNING = (
    "Advarsel: filene får med søkernes hjemmeadresse og private telefonnummer. Del dem bare "
    "med dem som trenger dem, og slett dem når de er brukt."
)


@dataclass
class ExportCounted(Message, bubble=False):
    """How many rows the export would write, per kind."""

    counted: ExportCount


@dataclass
class Exported(Message, bubble=False):
    """The export written: its files and rows."""

    outcome: ExportDone


def _row(label: str, *fields: Widget) -> Horizontal:
    """One line of the choices: its label, then its fields."""
    return Horizontal(Static(label, classes="export-label"), *fields, classes="export-row")


def _field(id: str, placeholder: str = "dd.mm.åååå") -> Input:
    return Input(placeholder=placeholder, id=id, compact=True)


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


class ExportScreen(ModalScreen[None]):
    """Choose what to export, see how many rows, write the files."""

    # Below 100 columns the kinds take two rows; below 34 rows the choices scroll between
    # the title and the buttons (desk.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    BINDINGS = [
        Binding("escape", "close", "Lukk", id="export-close"),
        Binding("ctrl+e", "export", "Eksporter", id="export-run", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.running = False
        self.result: ExportResult | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="export-dialog"):
            yield Static("Eksporter til CSV eller Excel", classes="dialog-title")
            # Scrolls when the terminal is small (80x24); the title and buttons stay put.
            with VerticalScroll(id="export-body", can_focus=False):
                yield from self._body()
            with Horizontal(classes="buttons"):
                run, close = hint(self, "export-run"), hint(self, "export-close")
                yield Button(f"Eksporter ({run})", id="export-run", variant="primary")
                yield Button(f"Lukk ({close})", id="export-close")

    def _body(self) -> ComposeResult:
        with Vertical(id="export-choices"):
            kinds = (
                Checkbox(spec.label, True, id=f"export-kind-{key}", compact=True)
                for key, spec in KINDS.items()
            )
            yield _row("Sakstyper", Horizontal(*kinds, id="export-kinds"))
            yield _row(
                "Status",
                _field(
                    "export-status", "alle · nøkkel eller navn, skill med komma: mottatt, avtalt"
                ),
            )
            yield _row(
                "Kommune / enhet",
                _field("export-party", "alle · skill med komma: Skien, Porsgrunn"),
            )
            yield _row(
                "Mottatt fra",
                _field("export-from"),
                Static("til", classes="export-label short"),
                _field("export-to"),
            )
            yield _row("Endret fra", _field("export-changed"))
            with Horizontal(classes="export-switch"):
                yield Switch(False, id="export-since-last")
                yield Static(
                    "Bare saker opprettet eller endret (også ved import) siden forrige eksport",
                    classes="switch-label",
                )
            yield Checkbox(
                "Ta med hjemmeadresse og privat telefon",
                False,
                id="export-personal",
                compact=True,
            )
            yield Static(PERSONAL_WARNING, id="export-warning", classes="error")
            yield Checkbox(
                "Excel-arbeidsbok (xlsx): ett ark per sakstype, notatene på eget ark",
                False,
                id="export-xlsx",
                compact=True,
            )
        yield Static("", id="export-filter-error", classes="error")
        yield Static("Teller …", id="export-preview")
        yield Static("", id="export-folder", classes="hint")
        yield ProgressBar(total=None, show_eta=False, id="export-progress")
        yield Static("", id="export-result")

    def on_mount(self) -> None:
        self.query_one("#export-warning").display = False
        self.query_one("#export-progress").display = False
        self.query_one("#export-folder", Static).update(f"Mappe: {self.folder}")
        self.set_focus(self.query_one(f"#export-kind-{next(iter(KINDS))}", Checkbox))
        self.refresh_preview()

    @property
    def folder(self) -> Path:
        return host(self).settings.export_path()

    # -- the filter ---------------------------------------------------------------------
    def _date(self, widget_id: str, label: str) -> date | None:
        text = self.query_one(f"#{widget_id}", Input).value
        try:
            return parse_date(text, today=host(self).today(), direction="past")
        except DateError as exc:
            raise ValueError(f"{label}: {exc}") from None

    def current_filter(self) -> ExportFilter:
        """The filter the choices describe; ValueError with a Norwegian message."""
        kinds = tuple(k for k in KINDS if self.query_one(f"#export-kind-{k}", Checkbox).value)
        if not kinds:
            raise ValueError("Velg minst én sakstype.")
        return ExportFilter(
            kinds=kinds if len(kinds) < len(KINDS) else (),
            statuses=_split(self.query_one("#export-status", Input).value),
            parties=_split(self.query_one("#export-party", Input).value),
            received_from=self._date("export-from", "Mottatt fra"),
            received_to=self._date("export-to", "Mottatt til"),
            changed_since=self._date("export-changed", "Endret fra"),
            since_last=self.query_one("#export-since-last", Switch).value,
            include_personal=self.query_one("#export-personal", Checkbox).value,
        )

    def _filter_or_error(self) -> ExportFilter | None:
        error = self.query_one("#export-filter-error", Static)
        try:
            flt = self.current_filter()
        except ValueError as exc:
            error.update(str(exc))
            self.query_one("#export-preview", Static).update("")
            self.query_one("#export-run", Button).disabled = True
            return None
        error.update("")
        return flt

    # -- the preview --------------------------------------------------------------------
    def refresh_preview(self) -> None:
        flt = self._filter_or_error()
        if flt is None:
            return
        run_read(self, lambda s: s.count_export(flt), ExportCounted, group="export-preview")

    def on_export_counted(self, event: ExportCounted) -> None:
        self._show_counts(event.counted)

    def _show_counts(self, counted: ExportCount) -> None:
        preview = self.query_one("#export-preview", Static)
        if counted.counts is None:
            self.query_one("#export-filter-error", Static).update(counted.error or "")
            preview.update("")
            self.query_one("#export-run", Button).disabled = True
            return
        self.counts = counted.counts
        total = sum(counted.counts.values())
        parts = " · ".join(f"{KINDS[k].label} {n}" for k, n in counted.counts.items())
        preview.update(f"Rader: {parts} — i alt {rows(total)}")
        self.query_one("#export-run", Button).disabled = self.running or total == 0

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "export-xlsx":
            return  # the format does not change the rows
        if event.checkbox.id == "export-personal":
            self.query_one("#export-warning").display = event.value
        self.refresh_preview()

    def on_switch_changed(self, _event: Switch.Changed) -> None:
        self.refresh_preview()

    def on_input_changed(self, _event: Input.Changed) -> None:
        self.refresh_preview()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    # -- writing ------------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-run":
            self.action_export()
        elif event.button.id == "export-close":
            self.action_close()

    def action_export(self) -> None:
        if self.running:
            return
        flt = self._filter_or_error()
        if flt is None:
            return
        self.running = True
        self.query_one("#export-run", Button).disabled = True
        bar = self.query_one("#export-progress", ProgressBar)
        bar.display = True
        bar.update(total=max(1, sum(self.counts.values())), progress=0)
        self.query_one("#export-result", Static).update("Skriver …")
        bar.scroll_visible(animate=False)
        app = self.app
        folder, today = self.folder, host(self).today()
        fmt = "xlsx" if self.query_one("#export-xlsx", Checkbox).value else "csv"

        def progress(done: int, total: int) -> None:
            app.call_from_thread(self._progress, done, total)

        # A write (the export log), but no case changed: the lists stay as they are.
        run_write(
            self,
            lambda s: s.export(flt, folder, today=today, fmt=fmt, progress=progress),
            Exported,
            reload=False,
        )

    def on_exported(self, event: Exported) -> None:
        self._done(event.outcome)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=max(1, total), progress=done)

    def _done(self, outcome: ExportDone) -> None:
        self.running = False
        line = self.query_one("#export-result", Static)
        self.query_one("#export-run", Button).disabled = False
        if outcome.result is None:
            line.update(outcome.error or "Eksporten feilet.")
            line.add_class("error")
            return
        line.remove_class("error")
        result = outcome.result
        self.result = result
        if not result.files:
            line.update(transfer.NOTHING_SELECTED)
            return
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=max(1, result.total), progress=result.total)
        files = "\n".join(
            f"  {p}  ({rows(result.rows.get(p.name.split('_', 1)[0], result.total))})"
            for p in result.files
        )
        files += "".join(f"\n  Merk: {m}" for m in result.messages)
        when = format_date(host(self).today())
        line.update(f"{transfer.exported(result.total)} {when}:\n{files}")
        self.call_after_refresh(line.scroll_visible, animate=False)
        self.app.notify(f"{transfer.exported(result.total)} til {self.folder}.")

    def action_close(self) -> None:
        self.dismiss(None)
