"""Import a CSV file (`i`): choose the file, see what importing it would do (counts and the
first problems by line and column), then import all rows, only the valid ones, or cancel.

Reading the plan runs in a read worker and the import in a write worker (`app.read`,
`app.write`), both calling `io.csv_import`; lists reload after the import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from samhandlingsdesk.io.csv_import import (
    ACTION_LABELS,
    ACTIONS,
    CsvImportError,
    ImportPlan,
    ImportResult,
    apply_import,
    plan_import,
)

PROBLEMS_SHOWN = 8


@dataclass(frozen=True, slots=True)
class _Planned:
    plan: ImportPlan | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class _Imported:
    result: ImportResult | None
    error: str | None = None


class ImportPreviewScreen(ModalScreen[None]):
    # Below 34 rows the plan scrolls between the file and the buttons (desk.tcss).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="import-cancel")]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.initial = path
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="import-dialog"):
            yield Static("Importer CSV", classes="dialog-title")
            yield Static(
                "Egen eksport (alle sakstyper) eller hospiteringssøknader, én per rad. "
                "Kolonnene er de samme som i en eksport (x): lag en eksport og bruk den som mal.",
                classes="hint",
            )
            yield Static("Fil", classes="field-label")
            with Horizontal(id="import-file-row"):
                yield Input(self.initial, placeholder="Sti til CSV-filen", id="import-path")
                yield Button("Les filen", id="import-read")
            # Scrolls when the terminal is small (80x24); the buttons stay in view. Tab
            # reaches it (to scroll with the arrows) once there are problems to read.
            with VerticalScroll(id="import-body", can_focus=False):
                yield Static("", id="import-summary")
                yield Static("", id="import-counts")
                yield Static("", id="import-problems", classes="error")
                yield Static("", id="import-warnings", classes="hint")
                yield Static("", id="import-result")
            with Horizontal(classes="buttons"):
                yield Button("Importer alle", id="import-all", variant="primary", disabled=True)
                yield Button("Importer de gyldige", id="import-valid", disabled=True)
                yield Button("Avbryt (Esc)", id="import-cancel")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#import-path", Input))
        if self.initial:
            self.read_plan()

    # -- the plan -----------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return Path(self.query_one("#import-path", Input).value.strip()).expanduser()

    def read_plan(self) -> None:
        if not self.query_one("#import-path", Input).value.strip():
            self._show_error("Skriv stien til filen.")
            return
        path, desk, today = self.path, self.app.desk, self.app.today()  # type: ignore[attr-defined]
        self.query_one("#import-summary", Static).update("Leser …")

        def work(_repo: object) -> _Planned:
            try:
                return _Planned(plan_import(desk, path, today=today))
            except CsvImportError as exc:
                return _Planned(None, str(exc))

        self.app.read(work, self._show_plan, group="import-plan")  # type: ignore[attr-defined]

    def _show_error(self, message: str) -> None:
        self.plan = None
        self.query_one("#import-summary", Static).update(message)
        self.query_one("#import-summary", Static).add_class("error")
        for wid in ("#import-counts", "#import-problems", "#import-warnings"):
            self.query_one(wid, Static).update("")
        self._buttons()

    def _show_plan(self, planned: _Planned) -> None:
        if planned.plan is None:
            self._show_error(planned.error or "Filen kan ikke leses.")
            return
        plan = self.plan = planned.plan
        summary = self.query_one("#import-summary", Static)
        summary.remove_class("error")
        what = "hospiteringssøknader" if plan.file.source == "intake" else "eksport"
        n = len(plan.rows)
        summary.update(
            f"{plan.file.path.name}: {n} {'rad' if n == 1 else 'rader'}, "
            f"{plan.kind} ({what}), {plan.file.encoding}, skilletegn «{plan.file.delimiter}»"
        )
        counts = plan.counts
        self.query_one("#import-counts", Static).update(
            " · ".join(f"{ACTION_LABELS[a].capitalize()}: {counts[a]}" for a in ACTIONS)
        )
        problems = plan.problems
        lines = [str(p) for p in problems[:PROBLEMS_SHOWN]]
        if len(problems) > PROBLEMS_SHOWN:
            lines.append(f"… og {len(problems) - PROBLEMS_SHOWN} feil til.")
        self.query_one("#import-problems", Static).update("\n".join(lines))
        warnings = plan.warnings
        self.query_one("#import-warnings", Static).update(
            "\n".join(f"Merk: {w}" for w in warnings[:PROBLEMS_SHOWN])
        )
        self.query_one("#import-body", VerticalScroll).can_focus = bool(problems or warnings)
        self._buttons()

    def _buttons(self) -> None:
        plan = self.plan
        ready = plan is not None and not self.busy
        can_all = ready and plan is not None and plan.invalid == 0 and plan.to_write > 0
        can_valid = ready and plan is not None and plan.invalid > 0 and plan.to_write > 0
        self.query_one("#import-all", Button).disabled = not can_all
        self.query_one("#import-valid", Button).disabled = not can_valid

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.read_plan()

    def on_input_changed(self, _event: Input.Changed) -> None:
        if self.plan is not None:
            self.plan = None
            self._buttons()

    # -- importing ----------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        match event.button.id:
            case "import-read":
                self.read_plan()
            case "import-all":
                self.run_import(skip_invalid=False)
            case "import-valid":
                self.run_import(skip_invalid=True)
            case "import-cancel":
                self.action_cancel()

    def run_import(self, *, skip_invalid: bool) -> None:
        if self.plan is None or self.busy:
            return
        self.busy = True
        self._buttons()
        path = self.plan.file.path
        self.query_one("#import-result", Static).update("Importerer …")

        def work(commands: object) -> _Imported:
            from samhandlingsdesk.store.commands import Commands

            assert isinstance(commands, Commands)
            try:
                return _Imported(
                    apply_import(
                        commands.desk,
                        path,
                        skip_invalid=skip_invalid,
                        reminders=commands.reminders,
                        today=commands.today(),
                    )
                )
            except CsvImportError as exc:
                return _Imported(None, str(exc))

        self.app.write(work, self._done)  # type: ignore[attr-defined]

    def _done(self, outcome: _Imported) -> None:
        self.busy = False
        line = self.query_one("#import-result", Static)
        if outcome.result is None:
            line.update(outcome.error or "Importen feilet.")
            line.add_class("error")
            self._buttons()
            return
        line.remove_class("error")
        self.result = outcome.result
        line.update(outcome.result.summary())
        self.app.notify(outcome.result.summary())
        self.plan = outcome.result.plan
        # Everything is on the desk now: importing the same file again would do nothing.
        self.query_one("#import-all", Button).disabled = True
        self.query_one("#import-valid", Button).disabled = True

    def action_cancel(self) -> None:
        self.dismiss(None)
