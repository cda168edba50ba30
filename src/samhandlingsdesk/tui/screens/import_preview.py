"""Import a file (`i`): choose it in the file picker (a directory tree starting in the
export folder or Downloads) or type its path, see what importing it would do (counts and
the first problems by line and column), then import all rows, only the valid ones, or
cancel. CSV files, xlsx workbooks (every kind sheet) and a Word form (one new case: the
fields found are listed, and it can be opened in the form to correct before saving).

Reading the plan runs in a read worker and the import in a write worker (tui/work.py),
both calling the desk service, which posts `PlanRead`/`Imported` back; a workbook is
imported in one transaction (every sheet, or nothing). Lists reload after the import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static, Tree
from textual.widgets.tree import TreeNode

from samhandlingsdesk.domain.text import screens as words
from samhandlingsdesk.domain.text.common import rows
from samhandlingsdesk.domain.text.intake import FORM_FOUND
from samhandlingsdesk.service.desk import ImportDone, ImportPlanned
from samhandlingsdesk.service.imports import (
    ACTION_LABELS,
    ACTIONS,
    ImportPlan,
    ImportResult,
    ReadOptions,
    found_lines,
)
from samhandlingsdesk.tui.keys import hint
from samhandlingsdesk.tui.work import host, run_read, run_write

IMPORT_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".docx")
UP = ".. (mappen over)"


LISTING = "Leser mappen …"


def list_folder(folder: Path) -> list[tuple[Path, bool]]:
    """The folders and the files the import reads in `folder` (no hidden ones), folders
    first, each with whether it is a folder; empty when it cannot be read. It touches
    the disk (a network share or a folder of thousands of files is slow): call it in a
    thread."""
    try:
        entries = []
        for p in folder.iterdir():
            if p.name.startswith("."):
                continue
            is_dir = p.is_dir()
            if is_dir or p.suffix.casefold() in IMPORT_SUFFIXES:
                entries.append((p, is_dir))
    except OSError:
        return []
    return sorted(entries, key=lambda e: (not e[1], e[0].name.casefold()))


class ImportFileTree(Tree[Path]):
    """The file picker: folders and the files the import reads (no hidden ones), read
    when a folder is opened. A folder is listed in a thread worker and its entries posted
    back (`Listed`), so a big or slow folder never holds up what is typed meanwhile; it
    says «Leser mappen …» until then. The first entry goes up one folder."""

    @dataclass
    class Chosen(Message):
        path: Path

    @dataclass
    class Listed(Message):
        """The entries of `node`'s folder, read for the tree rooted as `generation`."""

        node: TreeNode[Path]
        generation: int
        entries: list[tuple[Path, bool]]

    def __init__(self, folder: Path, **kwargs: Any) -> None:
        super().__init__(str(folder), data=folder, **kwargs)
        self.show_root = True
        self.guide_depth = 2
        self._generation = 0
        self._start = folder

    def on_mount(self) -> None:
        self._root_at(self._start)

    def _root_at(self, folder: Path) -> None:
        self._generation += 1  # what is still being read for the old root is dropped
        self.clear()
        self.root.set_label(str(folder))
        self.root.data = folder
        if folder.parent != folder:
            self.root.add_leaf(UP, data=folder.parent)
        self._fill(self.root, folder)
        self.root.expand()

    def _fill(self, node: TreeNode[Path], folder: Path) -> None:
        node.add_leaf(LISTING)
        self._read(node, folder, self._generation)

    @work(thread=True, group="import-tree", exit_on_error=False)
    def _read(self, node: TreeNode[Path], folder: Path, generation: int) -> None:
        self.post_message(self.Listed(node, generation, list_folder(folder)))

    def on_import_file_tree_listed(self, event: ImportFileTree.Listed) -> None:
        event.stop()
        if event.generation != self._generation:
            return
        node = event.node
        for child in list(node.children):
            if child.data is None:  # the «Leser mappen …» line
                child.remove()
        for path, is_dir in event.entries:
            if is_dir:
                node.add(f"{path.name}/", data=path, allow_expand=True)
            else:
                node.add_leaf(path.name, data=path)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Path]) -> None:
        event.stop()
        node = event.node
        if node is not self.root and node.data is not None and not node.children:
            self._fill(node, node.data)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Path]) -> None:
        event.stop()
        node = event.node
        if node.data is None or node is self.root:
            return
        if str(node.label) == UP:
            self._root_at(node.data)
        elif not node.allow_expand:  # a file (folders were listed as expandable)
            self.post_message(self.Chosen(node.data))


PROBLEMS_SHOWN = 8


class _Line(Static):
    """A line of the dialog that takes no room while it has nothing to say."""

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        self.display = bool(str(content))
        super().update(content, layout=layout)

    def on_mount(self) -> None:
        self.display = bool(str(self.render()))


def _describe(plan: ImportPlan) -> str:
    """One line on what was read: the file (and sheet), rows, kind and format."""
    f = plan.file
    what = "hospiteringssøknader" if f.source == "intake" else "eksport"
    n = len(plan.rows)
    name = f"{f.path.name} (ark «{f.sheet}»)" if f.sheet else f.path.name
    fmt = f"{f.encoding}, skilletegn «{f.delimiter}»" if f.delimiter else f.encoding
    return f"{name}: {rows(n)}, {plan.kind} ({what}), {fmt}"


@dataclass
class PlanRead(Message, bubble=False):
    """The file read and planned against the desk, for the preview."""

    planned: ImportPlanned


@dataclass
class Imported(Message, bubble=False):
    """The import written."""

    outcome: ImportDone


class ImportPreviewScreen(ModalScreen[None]):
    # Below 34 rows the plan scrolls between the file and the buttons (desk.tcss).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="import-cancel")]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.initial = path
        self.plans: list[ImportPlan] = []
        self._read_path: Path | None = None
        self.results: list[ImportResult] = []
        self.busy = False

    @property
    def plan(self) -> ImportPlan | None:
        """The first plan (the only one but for a workbook with several kind sheets)."""
        return self.plans[0] if self.plans else None

    @property
    def result(self) -> ImportResult | None:
        return self.results[0] if self.results else None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="import-dialog"):
            yield Static("Importer fil", classes="dialog-title")
            yield Static(words.IMPORT_WHAT.format(export=hint(self, "export")), classes="hint")
            yield Static("Fil", classes="field-label")
            with Horizontal(id="import-file-row"):
                yield Input(
                    self.initial, placeholder=words.IMPORT_PATH_PLACEHOLDER, id="import-path"
                )
                yield Button("Les filen", id="import-read")
            # Scrolls when the terminal is small (80x24); the buttons stay in view. Tab
            # reaches it (to scroll with the arrows) once there are problems to read.
            with VerticalScroll(id="import-body", can_focus=False):
                yield _Line("", id="import-summary")
                yield _Line("", id="import-form")
                yield _Line("", id="import-counts")
                yield _Line("", id="import-problems", classes="error")
                yield _Line("", id="import-warnings", classes="hint")
                yield _Line("", id="import-result")
                # The picker under what was read: once a file is read, its counts and
                # problems come first.
                yield ImportFileTree(self._start_folder(), id="import-tree")
                yield Checkbox(
                    words.IMPORT_FUTURE,
                    False,
                    id="import-future",
                    compact=True,
                )
            with Horizontal(classes="buttons"):
                yield Button("Importer alle", id="import-all", variant="primary", disabled=True)
                yield Button("Importer de gyldige", id="import-valid", disabled=True)
                yield Button(words.IMPORT_OPEN_FORM, id="import-open-form", disabled=True)
                yield Button(f"Avbryt ({hint(self, 'import-cancel')})", id="import-cancel")

    def _start_folder(self) -> Path:
        settings = getattr(self.app, "settings", None)
        if settings is None:
            return Path.home()
        return settings.import_start_path()

    def on_mount(self) -> None:
        self.query_one("#import-open-form", Button).display = False
        self.set_focus(self.query_one("#import-path", Input))
        if self.initial:
            self.read_plan()

    def on_import_file_tree_chosen(self, event: ImportFileTree.Chosen) -> None:
        event.stop()
        # Setting the path is not an edit: its Changed would clear the plan read below
        # when it arrived after it (and did, one run in two).
        with self.prevent(Input.Changed):
            self.query_one("#import-path", Input).value = str(event.path)
        self.read_plan()

    def _options(self) -> ReadOptions:
        return ReadOptions(
            side=host(self).settings.side,
            future_as_now=self.query_one("#import-future", Checkbox).value,
        )

    # -- the plan -----------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return Path(self.query_one("#import-path", Input).value.strip()).expanduser()

    def read_plan(self) -> None:
        if not self.query_one("#import-path", Input).value.strip():
            self._show_error(words.IMPORT_NO_PATH)
            return
        path, today = self.path, host(self).today()
        self._read_path = path
        options = self._options()
        self.query_one("#import-summary", Static).update("Leser …")
        run_read(
            self,
            lambda s: s.plan_import(path, today=today, options=options),
            PlanRead,
            group="import-plan",
        )

    def on_plan_read(self, event: PlanRead) -> None:
        if self.path != self._read_path:  # the path was changed while it was read
            return
        self._show_plan(event.planned)

    def _show_error(self, message: str) -> None:
        self.plans = []
        self.query_one("#import-summary", Static).update(message)
        self.query_one("#import-summary", Static).add_class("error")
        for wid in ("#import-counts", "#import-problems", "#import-warnings", "#import-form"):
            self.query_one(wid, Static).update("")
        self._buttons()

    def _show_plan(self, planned: ImportPlanned) -> None:
        if not planned.plans:
            self._show_error(planned.error or words.IMPORT_UNREADABLE)
            return
        plans = self.plans = planned.plans
        summary = self.query_one("#import-summary", Static)
        summary.remove_class("error")
        summary.update("\n".join(_describe(p) for p in plans))
        counts = {a: sum(p.counts[a] for p in plans) for a in ACTIONS}
        self.query_one("#import-counts", Static).update(
            " · ".join(f"{ACTION_LABELS[a].capitalize()}: {counts[a]}" for a in ACTIONS)
        )
        form = self.query_one("#import-form", Static)
        if self.is_form and plans[0].file.rows:
            row = plans[0].file.rows[0]
            lines = found_lines(plans[0].kind, plans[0].file.columns, row.values)
            form.update("\n".join([FORM_FOUND, *(f"  {line}" for line in lines)]))
        else:
            form.update("")
        problems = [x for p in plans for x in p.problems]
        lines = [str(p) for p in problems[:PROBLEMS_SHOWN]]
        if len(problems) > PROBLEMS_SHOWN:
            lines.append(words.IMPORT_MORE_PROBLEMS.format(n=len(problems) - PROBLEMS_SHOWN))
        self.query_one("#import-problems", Static).update("\n".join(lines))
        warnings = [w for p in plans for w in p.warnings]
        self.query_one("#import-warnings", Static).update(
            "\n".join(f"Merk: {w}" for w in warnings[:PROBLEMS_SHOWN])
        )
        self.query_one("#import-body", VerticalScroll).can_focus = bool(problems or warnings)
        counts_line = self.query_one("#import-counts", Static)
        self.call_after_refresh(counts_line.scroll_visible, animate=False)
        self._buttons()

    @property
    def is_form(self) -> bool:
        return bool(self.plans) and self.plans[0].file.path.suffix.casefold() == ".docx"

    def _buttons(self) -> None:
        plans = self.plans
        ready = bool(plans) and not self.busy and not self.results
        invalid = sum(p.invalid for p in plans)
        to_write = sum(p.to_write for p in plans)
        self.query_one("#import-all", Button).disabled = not (ready and not invalid and to_write)
        self.query_one("#import-valid", Button).disabled = not (ready and invalid and to_write)
        open_form = self.query_one("#import-open-form", Button)
        open_form.disabled = not (ready and self.is_form)
        open_form.display = self.is_form  # only a Word form can be opened in the form

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.read_plan()

    def on_input_changed(self, _event: Input.Changed) -> None:
        if self.plans:
            self.plans = []
            self.results = []
            self._buttons()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if self.query_one("#import-path", Input).value.strip():
            self.results = []
            self.read_plan()

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
            case "import-open-form":
                self.open_in_form()
            case "import-cancel":
                self.action_cancel()

    def open_in_form(self) -> None:
        """The Word form's case in the new-case form, to correct before saving."""
        if not self.is_form or not self.plans[0].file.rows:
            return
        from samhandlingsdesk.tui.screens.form import FormScreen

        plan = self.plans[0]
        values = dict(plan.file.rows[0].values)
        self.dismiss(None)
        self.app.push_screen(FormScreen(plan.kind, None, initial=values))

    def run_import(self, *, skip_invalid: bool) -> None:
        if not self.plans or self.busy:
            return
        self.busy = True
        self._buttons()
        path = self.plans[0].file.path
        options = self._options()
        self.query_one("#import-result", Static).update("Importerer …")

        # Every sheet of a workbook in one transaction: all of it, or nothing.
        run_write(
            self,
            lambda s: s.run_import(path, skip_invalid=skip_invalid, options=options),
            Imported,
        )

    def on_imported(self, event: Imported) -> None:
        self._done(event.outcome)

    def _done(self, outcome: ImportDone) -> None:
        self.busy = False
        line = self.query_one("#import-result", Static)
        if outcome.results is None:
            line.update(outcome.error or "Importen feilet.")
            line.add_class("error")
            self._buttons()
            return
        line.remove_class("error")
        self.results = outcome.results
        text = "\n".join(r.summary() for r in outcome.results)
        line.update(text)
        self.app.notify(text)
        self.plans = [r.plan for r in outcome.results]
        # Everything is on the desk now: importing the same file again would do nothing.
        self._buttons()

    def action_cancel(self) -> None:
        self.dismiss(None)
