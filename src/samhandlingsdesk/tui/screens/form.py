"""The form for a new case and for editing one: every field of the kind, grouped as on
the paper forms, checked where it is typed.

- Widgets by field type: one-line text, e-mail, phone and numbers in an `Input`; dates in a
  `DateInput` (says `= fredag 17.05.2026` or what is wrong as you type); longer text in a
  small `TextArea` (it keeps Ctrl+Z for its own undo); choices and Ja/Nei/Ukjent in a
  `Select`; the party in a `PartyInput` offering municipalities and hospital trusts.
- Each field shows its own problem as it is typed (dates, national ID numbers in free text)
  or when it is left (e-mail, phone, numbers). Saving checks everything with
  `domain.validate.validate_values` (required fields, fields the current status requires,
  end before start, national ID numbers), shows every message under its field and a
  summary at the top, and focuses the first bad field. Nothing is saved until all is well.
- Save: Ctrl+S, F2 (Ctrl+S may never arrive under terminal flow control) or «Lagre». A new
  case opens on its case screen; an edit sends only the changed fields with the version
  the form was opened on. A refused save (stale version, a problem the store found) keeps
  everything typed on screen, with the message.
- Esc on a changed form asks before throwing the changes away.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.markup import escape
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.keys import key_to_character
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea
from textual.worker import Worker, WorkerState

from samhandlingsdesk.domain.dates import DateError
from samhandlingsdesk.domain.kinds import (
    TRI_LABELS,
    FieldSpec,
    default_direction,
    grouped_fields,
    kind_spec,
    status_label,
)
from samhandlingsdesk.domain.limits import shown, shown_line
from samhandlingsdesk.domain.problems import Problem, by_field, refusals, warnings
from samhandlingsdesk.domain.text import screens as words
from samhandlingsdesk.domain.text.common import REDO
from samhandlingsdesk.domain.text.entry_keys import form_keys_help
from samhandlingsdesk.domain.text.moves import (
    MERGE_HINT,
    MERGE_NOTHING,
    MERGED,
    WARNING_PREFIX,
    WARNINGS_CONFIRM,
)
from samhandlingsdesk.domain.timelines import DATE_PAIRS, END_BEFORE_START, pair_problems
from samhandlingsdesk.domain.validate import (
    MSG_INT,
    field_problem,
    normalize_phone,
    required_for_status,
    validate_edit,
)
from samhandlingsdesk.tui.keys import TAB_BINDINGS, hint
from samhandlingsdesk.tui.norwegian import DeskSelect
from samhandlingsdesk.tui.screens.confirm import ConfirmScreen
from samhandlingsdesk.tui.widgets.compact import compact
from samhandlingsdesk.tui.widgets.date_input import DateInput
from samhandlingsdesk.tui.widgets.footer import DeskFooter
from samhandlingsdesk.tui.widgets.suggest import PartyInput, party_suggester
from samhandlingsdesk.tui.widgets.tri_select import tri_key, tri_select, tri_value
from samhandlingsdesk.tui.work import host, run_read, run_write

if TYPE_CHECKING:
    from samhandlingsdesk.service.desk import CaseDetail, CommandError, Created
    from samhandlingsdesk.tui.work import DeskHost


@dataclass
class CaseCreated(Message):
    """The form's new case is saved."""

    created: Created


class CaseUpdated(Message):
    """The form's changes are saved."""


@dataclass
class SaveRefused(Message):
    """The store refused the save (a rule, or a newer version stored meanwhile)."""

    error: CommandError


@dataclass
class FormReloaded(Message):
    """The case as stored now, read for the merge (None: it is gone)."""

    newer: CaseDetail | None


def _text(value: Any) -> str | None:
    """Trimmed text, None when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def party_hint(value: str) -> str:
    """A word when the party is not a name from the lists (it is saved as typed)."""
    suggester = party_suggester()
    if suggester.is_known(value):
        return ""
    guess = suggester.match(value)
    if guess:
        return words.PARTY_GUESS.format(guess=guess)
    return words.PARTY_UNKNOWN


def shown_value(f: FieldSpec, value: Any) -> str:
    """A stored value as the form shows it (dates dd.mm.åååå, choices by label)."""
    from samhandlingsdesk.domain.dates import format_date
    from samhandlingsdesk.domain.validate import format_phone

    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if f.type == "choice":
        return f.choice_label(value)
    if f.type == "tri":
        return TRI_LABELS.get(value, "")  # type: ignore[call-overload]
    if f.type == "phone":
        return format_phone(str(value))
    return str(value)


def comparable(f: FieldSpec, value: Any) -> Any:
    """A value as the store keeps it, to tell a change from a re-typing of the same."""
    if f.type == "phone":
        return normalize_phone(value) if isinstance(value, str) else value
    if isinstance(value, str):
        return _text(value)
    return value


CHROME_ROWS = 3  # the title, the key line and the footer: the rest of the height scrolls
Piece = str | FieldSpec  # a section heading or a field, in the order of the form


def _rows(piece: Piece) -> int:
    """About how many rows a piece takes (a heading has a margin and a rule)."""
    if isinstance(piece, str):
        return 3
    tall = 3 if piece.type == "longtext" else 1
    return tall + bool(piece.help or piece.personal)


def _raw_of(widget: Widget) -> Any:
    """What a field's widget holds, as typed."""
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return widget.value
    return None


def _mark_current(row: Widget, *, on: bool) -> None:
    """Light a row's label up or down. `-current` styles only the label (desk.tcss), so
    only the label is restyled: the row's class with `update` restyles the whole row, the
    field and its messages too (~2.5 ms a row, twice on each Tab)."""
    row.set_class(on, "-current", update=False)
    for label in row.query(".form-label"):
        label.update_node_styles()


class FormScreen(Screen[None]):
    """New case (`case` None) or edit an existing one (`case` its loaded detail)."""

    # `on_mount` focuses the first empty field itself: Textual's auto focus would first
    # focus the first field, then lose it again (a focus, a blur and a row restyled more).
    AUTO_FOCUS = ""
    BINDINGS = [
        *TAB_BINDINGS,
        # Enter in a one-line field goes on to the next (the party field first takes
        # the name on offer): a priority binding, so the keys after it follow.
        Binding("enter", "next_field", "Neste felt", id="form-next", show=False, priority=True),
        # Sections and the field finder: priority, so a text area does not keep them.
        Binding("f8", "section(1)", "Neste del", id="form-next-section", priority=True),
        Binding("f7", "section(-1)", "Forrige del", id="form-previous-section", priority=True),
        Binding("ctrl+g", "find_field", "Finn felt", id="form-find", priority=True),
        Binding("ctrl+s", "save", "Lagre", id="form-save", priority=True),
        Binding("f2", "save", "Lagre", id="form-save-f2", priority=True),
        Binding("escape", "cancel", "Lukk", id="form-cancel"),
        # App-wide undo would reverse saved changes under an open form: not here.
        Binding("ctrl+z", "no_undo", "Angre", id="form-undo", show=False),
        Binding("u", "no_undo", "Angre", id="form-undo-u", show=False),
        Binding("ctrl+y", "no_undo", REDO, id="form-redo", show=False),
        # After a save refused because another window changed the case (issue #9).
        Binding("f5", "reload_merge", "Hent nyeste", id="form-reload", show=False),
        Binding("ctrl+r", "reload_merge", "Hent nyeste", id="form-reload-r", show=False),
    ]

    app: DeskHost

    def __init__(
        self, kind: str, case: CaseDetail | None, initial: dict[str, Any] | None = None
    ) -> None:
        """`initial`: the values a new case starts with (a Word form read by the import)."""
        super().__init__()
        self.initial = dict(initial or {})
        self.kind = kind
        self.spec = kind_spec(kind)
        self.case = case
        self.status = case.status if case is not None else self.spec.first_status
        self.fields: dict[str, FieldSpec] = {f.name: f for f in self.spec.all_fields}
        self.original: dict[str, Any] = case.values() if case is not None else {}
        self._initial_raw: dict[str, Any] = {}  # field -> what it held when mounted
        self._start: dict[str, Any] = {}
        self._rest: list[list[Piece]] = []  # sections still to mount
        self._complete = False
        self._fields_w: dict[str, Widget] = {}  # field -> its widget (mounted or on its way)
        self._messages: dict[str, Static] = {}  # field -> the message row under it
        self._touched: set[str] = set()
        self._shown: dict[str, tuple[str, bool]] = {}  # field -> (message, is an error)
        self._message_lines: dict[str, int] = {}  # field -> lines its message takes
        self._pending: Worker[Any] | None = None
        self._banner_from_store = False
        self.saved = False
        self.timeline_warnings: list[Problem] = []
        self._warned: tuple[str, ...] = ()

    @property
    def is_new(self) -> bool:
        return self.case is None

    # -- layout -----------------------------------------------------------------------
    def _start_values(self) -> dict[str, Any]:
        if self.case is not None:
            return dict(self.original)
        values: dict[str, Any] = {"received_on": self.app.today()}
        direction = default_direction(self.kind, self.app.settings.side)
        if direction:
            values["direction"] = direction
        values.update({k: v for k, v in self.initial.items() if v is not None})
        return values

    def _heading(self) -> str:
        if self.case is None:
            return f"Ny sak: {self.spec.label}"
        title = self.case.case.title
        status = status_label(self.kind, self.status)
        return f"Rediger {self.case.ref}  {self.spec.label}  ·  {title}  ·  status {status}"

    def compose(self) -> ComposeResult:
        self._start = self._start_values()
        first, self._rest = self._batches()
        yield Static(escape(self._heading()), id="form-title", markup=True)
        yield Static(
            form_keys_help(
                sections=hint(self, "form-previous-section", "form-next-section"),
                find=hint(self, "form-find"),
                save=hint(self, "form-save", "form-save-f2"),
                close=hint(self, "form-cancel"),
            ),
            id="form-keys",
        )
        yield self._hidden(Static("", id="form-summary"))
        with VerticalScroll(id="form-scroll", can_focus=False):
            yield from self._piece_widgets(first)
            yield self._hidden(Static("", id="form-summary-bottom"))
            with Horizontal(classes="form-buttons"):
                save = hint(self, "form-save", "form-save-f2", sep=" / ")
                yield Button(f"Lagre ({save})", id="form-save", variant="primary")
                yield Button(f"Lukk ({hint(self, 'form-cancel')})", id="form-close")
        yield DeskFooter()

    # -- mounting: the first screenful first, the rest after the first frame (issue #9) --
    def _batches(self) -> tuple[list[Piece], list[list[Piece]]]:
        """The form's pieces (a section heading or a field) split into what the first
        frame shows — a screenful, and at least up to the field the cursor starts in —
        and the rest in small batches, one section at a time."""
        pieces: list[Piece] = []
        for group in grouped_fields(self.kind):
            pieces.append(group.name)
            pieces.extend(group.fields)
        start_in = self.first_empty()
        visible = max(1, self.app.size.height - CHROME_ROWS)
        rows = 0
        cut = len(pieces)
        passed = False  # the field the cursor starts in is among the first pieces
        for i, piece in enumerate(pieces):
            if rows >= visible and passed:
                cut = i
                break
            rows += _rows(piece)
            passed = passed or (not isinstance(piece, str) and piece.name == start_in)
        rest: list[list[Piece]] = []
        for piece in pieces[cut:]:
            if isinstance(piece, str) or not rest:
                rest.append([])
            rest[-1].append(piece)
        return pieces[:cut], rest

    def _piece_widgets(self, pieces: list[Piece]) -> list[Widget]:
        """The widgets of these pieces; what their fields hold is what they started with."""
        out: list[Widget] = []
        status_req = required_for_status(self.kind, self.status)
        for piece in pieces:
            if isinstance(piece, str):
                out.append(Static(piece, classes="form-group"))
                continue
            f = piece
            required = f.required or f.name in status_req
            label = f"{f.label}{' *' if required else ''}"
            widget = self._widget(f, self._start.get(f.name))
            self._fields_w[f.name] = widget
            # A choice list takes its value when it mounts: what it was given, until then.
            self._initial_raw.setdefault(f.name, _raw_of(widget))
            message = Static("", id=f"m-{f.name}", classes="form-message")
            self._messages[f.name] = message
            # One container per field: the label and the input side by side; the message
            # and help lines below it, indented under the input (fewer widgets to mount).
            out.append(
                Horizontal(
                    Label(label, classes="form-label" + (" -required" * required)),
                    widget,
                    classes="form-row form-field",
                    id=f"row-{f.name}",
                )
            )
            out.append(self._hidden(message))
            help_text = " ".join(
                t for t in (f.help, words.FORM_PERSONAL if f.personal else "") if t
            )
            if help_text:
                out.append(Static(help_text, classes="form-help"))
        return out

    @staticmethod
    def _hidden(widget: Widget) -> Widget:
        """Hidden from the start (flipping `display` after mounting lays the form out
        again): messages and summaries are shown when they have something to say."""
        widget.display = False
        return widget

    @property
    def complete(self) -> bool:
        """Every field is in the form (the rest mounts after the first frame)."""
        return self._complete

    async def _mount_next(self) -> None:
        """Mount the next section, then (after a frame) the one after it; the form is
        complete once the last one has mounted."""
        if not self._rest or not self.is_attached:
            return
        batch = self._rest.pop(0)
        scroll = self.query_one("#form-scroll", VerticalScroll)
        await scroll.mount_all(self._piece_widgets(batch), before="#form-summary-bottom")
        if self._rest:
            self._after_frame()
        else:
            self._completed()

    def _after_frame(self) -> None:
        """Mount the next section once the frame now due has been painted: queued behind
        the other after-refresh callbacks, not run among them (it would hold them up)."""
        self.call_after_refresh(self.call_later, self._mount_next)

    def _complete_now(self) -> None:
        """Mount everything still missing at once (something needs the whole form)."""
        if not self._rest:
            return
        batch = [piece for part in self._rest for piece in part]
        self._rest = []  # a section still mounting finishes on its own
        scroll = self.query_one("#form-scroll", VerticalScroll)
        scroll.mount_all(self._piece_widgets(batch), before="#form-summary-bottom")
        self._completed()

    def _completed(self) -> None:
        self._complete = True
        # Pairs of dates checked while their other half was not yet in the form.
        for start, _end in DATE_PAIRS:
            if start in self._shown:
                self._check_pairs(start)
        self.app.drain_keys()

    def holds_key(self, key: str) -> bool:
        """While the rest of the form mounts, only text for the field being typed into
        goes on; Tab, Enter, section jumps, the finder, save and close wait for the
        whole form (tui/keys.py hands them on, in order, once it is complete)."""
        if self.complete:
            return False
        focused = self.focused
        return focused is None or not focused.check_consume_key(key, key_to_character(key))

    def _widget(self, f: FieldSpec, value: Any) -> Widget:
        wid = f"f-{f.name}"
        if f.type == "date":
            return compact(
                DateInput(
                    value if isinstance(value, date) else None,
                    direction=f.direction,
                    today=self.app.today,
                    id=wid,
                    select_on_focus=False,
                )
            )
        if f.type == "longtext":
            area = compact(
                TextArea(shown(str(value or "")), id=wid, soft_wrap=True, tab_behavior="focus")
            )
            area.show_line_numbers = False
            return area
        if f.type == "choice":
            options = [(label, key) for key, label in f.choices]
            if value is not None and value not in {k for k, _ in f.choices}:
                options.append((f"{value} (ukjent valg)", value))  # keep odd stored data
            self._initial_raw[f.name] = value if value is not None else Select.NULL
            return compact(
                DeskSelect(
                    options,
                    prompt="Velg …" if f.required else "–",
                    allow_blank=True,
                    value=value if value is not None else Select.NULL,
                    id=wid,
                )
            )
        if f.type == "tri":
            # What it will hold once mounted (before, a Select reads blank).
            self._initial_raw[f.name] = tri_key(value)
            return tri_select(value, id=wid)
        text = "" if value is None else shown_line(str(value))  # stored control chars
        if f.type == "phone":
            from samhandlingsdesk.domain.validate import format_phone

            text = format_phone(text)
        placeholder = words.FORM_PLACEHOLDERS.get(f.type, "")
        if f.type == "party":
            return compact(PartyInput(text, id=wid, placeholder=placeholder, select_on_focus=False))
        # No select-all on focus: typed-ahead text must not replace a prefilled value.
        return compact(Input(text, id=wid, placeholder=placeholder, select_on_focus=False))

    def on_mount(self) -> None:
        self.set_focus(self.field_widget(self.first_empty()))
        if self._rest:
            self._after_frame()
        else:
            self._completed()

    def first_empty(self) -> str:
        """The field the cursor starts in, for every kind and both new and edit: the
        first one without a value (for a new case the one after «Mottatt», which is
        prefilled with today); the first field when all are filled."""
        for f in self.spec.all_fields:
            if f.type == "tri":
                continue  # always holds a choice (Ukjent)
            if self._start.get(f.name) in ("", None):
                return f.name
        return self.spec.all_fields[0].name

    # -- reading the widgets ----------------------------------------------------------
    def field_widget(self, name: str) -> Widget:
        """The widget of a field; one not yet in the form is added at once (with the
        rest) for whatever needs it."""
        if name not in self._fields_w:
            self._complete_now()
        return self._fields_w[name]

    def _name_of(self, widget: Widget | None) -> str | None:
        if widget is None or not widget.id or not widget.id.startswith("f-"):
            return None
        name = widget.id[2:]
        return name if name in self.fields else None

    def _raw(self) -> dict[str, Any]:
        """What each widget holds, as typed (to tell whether anything changed)."""
        return {name: _raw_of(self.field_widget(name)) for name in self.fields}

    def read(self, name: str) -> tuple[Any, str | None]:
        """The value of one field as the store wants it, and a problem reading it."""
        f = self.fields[name]
        w = self.field_widget(name)
        if isinstance(w, DateInput):
            try:
                return w.parse(), None
            except DateError as exc:
                return None, str(exc)
        if isinstance(w, Select):
            if f.type == "tri":
                return tri_value(w), None
            return w.selection, None
        if isinstance(w, TextArea):
            text = w.text.strip()
            return (text or None), None
        assert isinstance(w, Input)
        text = w.value.strip()
        if not text:
            return None, None
        if f.type == "int":
            digits = text.replace(" ", "")
            if not digits.isdigit():
                return None, MSG_INT.format(label=f.label)
            return int(digits), None
        return text, None

    def read_all(self) -> tuple[dict[str, Any], dict[str, str]]:
        values: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for name in self.fields:
            value, problem = self.read(name)
            values[name] = value
            if problem:
                problems[name] = problem
        return values, problems

    def changes(self, values: dict[str, Any]) -> dict[str, Any]:
        """Fields whose value differs from the case as it was loaded."""
        return {
            name: value
            for name, value in values.items()
            if comparable(self.fields[name], value)
            != comparable(self.fields[name], self.original.get(name))
        }

    @property
    def is_dirty(self) -> bool:
        return self._raw() != self._initial_raw

    # -- messages under the fields --------------------------------------------------------
    def show_message(self, name: str, text: str, *, error: bool) -> None:
        error = error and bool(text)
        if self._shown.get(name, ("", False)) == (text, error):
            return  # unchanged: spare the layout pass (this runs on every key)
        self._shown[name] = (text, error)
        self.field_widget(name)  # the whole form, if that field is not in it yet
        message = self._messages[name]
        # A shown message keeps its rows (a fixed height, grown only when a longer one
        # needs more): only a message that appears, disappears or grows lays the form
        # out again (a full relayout costs ~90 ms, and this runs on every key).
        if not text:
            self._message_lines[name] = 0
            message.update("", layout=False)
            message.display = False
        else:
            need = self._lines(message, text)
            have = self._message_lines.get(name, 0) if message.display else 0
            if need > have:
                message.styles.height = need
                self._message_lines[name] = need
            message.update(escape(text), layout=False)
            message.display = True
        message.set_class(error, "-error")
        self.field_widget(name).set_class(error, "-bad")
        self._update_banner()

    @staticmethod
    def _lines(message: Static, text: str) -> int:
        """How many lines `text` takes under its field (0 when empty)."""
        if not text:
            return 0
        parent = message.parent
        width = parent.content_region.width if isinstance(parent, Widget) else 0
        return len(Content(text).wrap(width)) if width > 0 else 1

    def message_of(self, name: str) -> str:
        """The text under a field now (empty when none)."""
        return self._shown.get(name, ("", False))[0]

    def has_error(self, name: str) -> bool:
        return self._shown.get(name, ("", False))[1]

    def _check_field(self, name: str, *, live: bool) -> None:
        """Show what is wrong with one field on its own, or what a date was read as."""
        f = self.fields[name]
        w = self.field_widget(name)
        if isinstance(w, DateInput):
            self.show_message(name, w.feedback, error=w.error is not None)
            if w.error is None:
                self._check_pairs(name)
            return
        value, problem = self.read(name)
        problem = problem or field_problem(f, value)
        # E-mail, phone and numbers are wrong until they are finished: say so when the
        # field is left, and while typing only once it has been left or shown a problem.
        quiet = f.type in ("email", "phone", "int") and live
        if problem and quiet and name not in self._touched and not self.has_error(name):
            return
        hint = ""
        if not problem and not live and f.type == "party" and isinstance(value, str):
            hint = party_hint(value)
        self.show_message(name, problem or hint, error=bool(problem))

    def _check_pairs(self, name: str) -> None:
        for start, end in DATE_PAIRS:
            if name not in (start, end) or start not in self.fields or end not in self.fields:
                continue
            a, b = self.read(start)[0], self.read(end)[0]
            found = [
                p
                for p in pair_problems(self.kind, {start: a, end: b})
                if p.field == end and p.code == END_BEFORE_START
            ]
            end_w = self.field_widget(end)
            assert isinstance(end_w, DateInput)
            if found:
                self.show_message(end, found[0].message, error=True)
            elif end_w.error is None:
                self.show_message(end, end_w.feedback, error=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Light up the label of the field with the cursor (`:focus-within` lags here)."""
        row = next((n for n in event.widget.ancestors if n.has_class("form-row")), None)
        for other in self.query(".form-row.-current"):
            if other is not row:
                _mark_current(other, on=False)
        if isinstance(row, Widget) and not row.has_class("-current"):
            _mark_current(row, on=True)

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _text_changed(self, event: Input.Changed | TextArea.Changed) -> None:
        name = self._name_of(event.control)
        if name:
            self._check_field(name, live=True)

    @on(Input.Blurred)
    def _input_blurred(self, event: Input.Blurred) -> None:
        name = self._name_of(event.input)
        if name:
            if event.value.strip():
                self._touched.add(name)
            self._check_field(name, live=False)
            f = self.fields[name]
            if f.type == "phone" and not self.message_of(name):
                from samhandlingsdesk.domain.validate import format_phone

                shown = format_phone(normalize_phone(event.value))
                if shown and shown != event.value:
                    event.input.value = shown

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        name = self._name_of(event.select)
        if name and self.has_error(name):
            self._check_field(name, live=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            # Only a one-line field: a choice list and a button keep Enter for themselves.
            return isinstance(self.focused, Input)
        return True

    def action_section(self, step: int) -> None:
        """Go to the first field of the next (step 1) or previous (-1) section."""
        groups = grouped_fields(self.kind)
        current = self._name_of(self.focused)
        index = next(
            (i for i, g in enumerate(groups) if any(f.name == current for f in g.fields)),
            -1 if step > 0 else len(groups),
        )
        target = groups[max(0, min(len(groups) - 1, index + step))]
        widget = self.field_widget(target.fields[0].name)
        self.set_focus(widget)
        widget.scroll_visible(animate=False, top=True)

    def action_find_field(self) -> None:
        from samhandlingsdesk.tui.screens.field_finder import FieldFinder

        fields = [(f.name, f.label, g.name) for g in grouped_fields(self.kind) for f in g.fields]
        self.app.push_screen(FieldFinder(fields), self._go_to_field)

    def _go_to_field(self, name: str | None) -> None:
        if name and name in self.fields:
            widget = self.field_widget(name)
            self.set_focus(widget)
            widget.scroll_visible(animate=False)

    def action_next_field(self) -> None:
        focused = self.focused
        if isinstance(focused, PartyInput) and focused.accept_completion():
            return
        self.focus_next()

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if isinstance(event.input, PartyInput) and event.input.accept_completion():
            return
        self.focus_next()

    # -- saving -----------------------------------------------------------------------
    def problems(self) -> tuple[dict[str, Any], dict[str, str]]:
        """All values and every problem with them (field name -> Norwegian message)."""
        values, problems = self.read_all()
        # The store's own rule: an edit answers for what it changes (and a problem it
        # brings in), not for old gaps elsewhere (an imported case may lack a field).
        if self.case is None:
            old: dict[str, Any] = {}
            changes = values
        else:
            old = {**self.original, "status": self.status}
            changes = self.changes(values)
        # The one validation, timelines included: refusals at their field; warnings
        # kept for `action_save` to show and have confirmed.
        found = validate_edit(self.kind, self.status, old, changes, today=self.app.today())
        errors = by_field(p for p in refusals(found) if p.field in self.fields)
        errors.update(problems)  # a date that cannot be read says so, not "required"
        self.timeline_warnings = [p for p in warnings(found) if p.field in self.fields]
        ordered = {name: errors[name] for name in self.fields if name in errors}
        return values, ordered

    def show_errors(self, errors: dict[str, str], summary: str | None = None) -> None:
        for name in self.fields:
            if name in errors:
                self.show_message(name, errors[name], error=True)
            elif self.has_error(name):
                self._check_field(name, live=False)
        self._banner_from_store = summary is not None
        self.show_summary(summary if summary is not None else self._summary_text(errors))
        if errors:
            first = self.field_widget(next(iter(errors)))
            self.set_focus(first)
            first.scroll_visible(animate=False)

    def _summary_text(self, errors: dict[str, str]) -> str:
        if not errors:
            return ""
        if len(errors) > 1:
            labels = ", ".join(f"«{self.fields[n].label}»" for n in errors)
            return words.NOT_SAVED_MANY.format(n=len(errors), labels=labels)
        return words.NOT_SAVED.format(error=next(iter(errors.values())))

    def _update_banner(self) -> None:
        """The banner follows the fields: as errors are fixed it counts down, and it goes
        once none is left (a refusal from the store stays until the next save)."""
        if not self.summary or self._banner_from_store:
            return
        errors = {n: self._shown[n][0] for n in self.fields if self.has_error(n)}
        self.show_summary(self._summary_text(errors))

    def show_summary(self, text: str) -> None:
        for wid in ("#form-summary", "#form-summary-bottom"):
            summary = self.query_one(wid, Static)
            summary.update(escape(text))
            summary.display = bool(text)

    @property
    def summary(self) -> str:
        summary = self.query_one("#form-summary", Static)
        return str(summary.render()) if summary.display else ""

    def action_save(self) -> None:
        if self._pending is not None and self._pending.state in (
            WorkerState.PENDING,
            WorkerState.RUNNING,
        ):
            return
        values, errors = self.problems()
        if errors:
            self.show_errors(errors)
            return
        # A timeline warning (DOMAIN.md «Timelines»): shown at its field; saving again
        # with the same warnings saves anyway.
        signature = tuple(p.message for p in self.timeline_warnings)
        if signature and signature != self._warned:
            self._warned = signature
            for p in self.timeline_warnings:
                self.show_message(p.field, p.message, error=False)
            lines = " ".join(signature)
            confirm = WARNINGS_CONFIRM.format(save=hint(self, "form-save", "form-save-f2"))
            self.show_summary(f"{WARNING_PREFIX}{lines} {confirm}")
            self.field_widget(self.timeline_warnings[0].field).focus()
            return
        self.show_summary("")
        if self.case is None:
            kind = self.kind
            self._pending = run_write(
                self,
                lambda s: s.create_case(kind, values),
                CaseCreated,
                success=lambda created: words.REGISTERED.format(ref=created.ref),
                refused=SaveRefused,
            )
            return
        changes = self.changes(values)
        if not changes:
            self.app.notify(words.NO_CHANGES)
            self._close()
            return
        case_id, version, ref = self.case.id, self.case.version, self.case.ref
        count = len(changes)
        self._pending = run_write(
            self,
            lambda s: s.update_case(case_id, version, changes),
            lambda _version: CaseUpdated(),
            success=f"{ref}: {count} felt lagret.",
            refused=SaveRefused,
        )

    def on_case_created(self, event: CaseCreated) -> None:
        self.saved = True
        self._close()
        host(self).open_case(event.created.id)

    def on_case_updated(self, _event: CaseUpdated) -> None:
        self.saved = True
        self._close()

    def on_save_refused(self, event: SaveRefused) -> None:
        """The store said no: keep everything typed, say why where it belongs."""
        error = event.error
        self._pending = None
        fields = {k: v for k, v in error.fields.items() if k in self.fields}
        from samhandlingsdesk.service.desk import error_kind

        merge = MERGE_HINT.format(reload=hint(self, "form-reload", "form-reload-r"))
        summary = str(error) + (merge if error_kind(error) == "stale" else "")
        self.show_errors(fields, summary=summary)
        self.app.notify(str(error), severity="error", timeout=10)

    def _close(self) -> None:
        if self not in self.app.screen_stack:
            return
        if self.app.screen is not self:
            self.pop_until_active()  # a dialog opened while saving: the form is done
        self.dismiss()

    # -- buttons and keys ---------------------------------------------------------------
    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-close")
    def _close_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if not self.is_dirty:
            self.dismiss()
            return
        changed = [n for n, v in self._raw().items() if v != self._initial_raw.get(n)]
        labels = ", ".join(f"«{self.fields[n].label}»" for n in changed[:4])
        more = words.DISCARD_MORE.format(n=len(changed) - 4) if len(changed) > 4 else ""
        self.app.push_screen(
            ConfirmScreen(
                "Forkaste endringene?",
                words.DISCARD_BODY.format(labels=labels, more=more),
                yes="Forkast",
                no="Avbryt",
            ),
            self._confirm_discard,
        )

    def _confirm_discard(self, discard: bool | None) -> None:
        if discard:
            self.dismiss()

    # -- a refused stale save: reload and merge, field by field (issue #9) -----------------
    def action_reload_merge(self) -> None:
        if self.case is None:
            return
        case_id = self.case.id
        run_read(self, lambda s: s.case(case_id), FormReloaded, group="form-reload")

    def on_form_reloaded(self, event: FormReloaded) -> None:
        from samhandlingsdesk.tui.screens.merge import TAKE_STORED, Conflict, MergeScreen

        newer = event.newer

        if newer is None or self.case is None:
            return
        if newer.version == self.case.version:
            self.app.notify(MERGE_NOTHING)
            return
        values, _problems = self.read_all()
        mine = self.changes(values)
        stored = newer.values()
        conflicts: list[Conflict] = []
        for name, f in self.fields.items():
            theirs = comparable(f, stored.get(name)) != comparable(f, self.original.get(name))
            if not theirs:
                continue
            if name not in mine:
                self.set_field(name, stored.get(name))  # only they changed it: take it
            elif comparable(f, mine[name]) != comparable(f, stored.get(name)):
                conflicts.append(
                    Conflict(
                        name, f.label, shown_value(f, stored.get(name)), shown_value(f, mine[name])
                    )
                )

        def chosen(choices: dict[str, str] | None) -> None:
            if choices is None:
                # Nothing taken: the form stays on the version it was opened on.
                for name in self.fields:
                    if name not in mine:
                        self.set_field(name, self.original.get(name))
                return
            for name, choice in choices.items():
                if choice == TAKE_STORED:
                    self.set_field(name, stored.get(name))
            self._adopt(newer)

        if conflicts:
            self.app.push_screen(MergeScreen(newer.ref, conflicts), chosen)
        else:
            self._adopt(newer)

    def _adopt(self, newer: CaseDetail) -> None:
        """The form now edits the newer version: saving sends what differs from it."""
        self.case = newer
        self.status = newer.status
        self.original = newer.values()
        save = hint(self, "form-save", "form-save-f2")  # as the key line says them
        self.show_errors({}, summary=MERGED.format(ref=newer.ref, save=save))

    def set_field(self, name: str, value: Any) -> None:
        f = self.fields[name]
        w = self.field_widget(name)
        if isinstance(w, DateInput):
            w.set_date(value if isinstance(value, date) else None)
        elif isinstance(w, Select):
            if f.type == "tri":
                w.value = {True: "ja", False: "nei"}.get(value, "ukjent")  # type: ignore[call-overload]
            else:
                w.value = value if value is not None else Select.NULL
        elif isinstance(w, TextArea):
            w.load_text("" if value is None else str(value))
        elif isinstance(w, Input):
            w.value = shown_value(f, value)

    def action_no_undo(self) -> None:
        self.app.notify(
            words.FORM_NO_UNDO.format(close=hint(self, "form-cancel")), severity="warning"
        )
