"""The move dialog: choose the next status and see, before saving, every field the move
records — prefilled, changeable, required ones marked — plus a reason where one is owed.

What a move shows and writes comes from `domain/moves.py` (the lifecycle's fills and
requirements, the fields a move asks for besides); the dialog checks the move with
`moves.check_move` (the lifecycle and the timeline rules) before it closes: a refusal is
shown at its field, a warning is shown and a second F2 saves anyway. F2 / Ctrl+S accept
everything as shown (the fast path); Enter goes from field to field and saves on the last.

For several cases the dialog asks once: a field whose prefill differs between the cases
starts empty and names the cases; left empty, each case keeps its own value.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from samhandlingsdesk.domain import lifecycle, moves
from samhandlingsdesk.domain.dates import DateError, format_date
from samhandlingsdesk.domain.kinds import TRI_LABELS, status_label
from samhandlingsdesk.domain.limits import kind_of_field, text_problem
from samhandlingsdesk.domain.privacy import screen_text
from samhandlingsdesk.domain.problems import Problem, refusals, warnings
from samhandlingsdesk.domain.text import moves as text
from samhandlingsdesk.tui.keys import TAB_BINDINGS, hint, in_parens
from samhandlingsdesk.tui.norwegian import DeskSelect
from samhandlingsdesk.tui.widgets.compact import compact
from samhandlingsdesk.tui.widgets.date_input import DateInput
from samhandlingsdesk.tui.widgets.tri_select import tri_key, tri_select, tri_value


@dataclass(frozen=True)
class TransitionChoice:
    transition: lifecycle.Transition
    reason: str | None
    changes: dict[str, Any] = field(default_factory=dict)  # one case: what it writes
    per_case: dict[str, dict[str, Any]] = field(default_factory=dict)  # bulk: id -> changes


class TransitionScreen(ModalScreen[TransitionChoice | None]):
    # `on_mount` focuses the move list or the first detail itself: Textual's auto focus
    # would first focus the first focusable widget, then lose it again.
    AUTO_FOCUS = ""
    BINDINGS = [
        *TAB_BINDINGS,
        Binding("escape", "cancel", "Avbryt", id="transition-cancel"),
        Binding("ctrl+s", "confirm", "Lagre", id="transition-save", show=False),
        Binding("f2", "confirm", "Lagre", id="transition-save-f2"),
        # The moves are numbered «1.», «2.» …: the digit chooses, as in «Ny sak».
        *(
            Binding(
                str(n),
                f"pick({n})",
                text.PICK_MOVE.format(n=n),
                id=f"transition-pick-{n}",
                show=False,
            )
            for n in range(1, 10)
        ),
    ]

    def __init__(
        self,
        targets: Sequence[Any],
        options: list[lifecycle.Transition],
        values: dict[str, Any] | None,
        today: date,
        *,
        preset: TransitionChoice | None = None,
        error: str = "",
        reloaded: bool = False,
    ) -> None:
        super().__init__()
        self.targets = list(targets)
        self.options = options
        self.values = values
        self.today = today
        self.kind = self.targets[0].kind
        self.chosen: lifecycle.Transition | None = None
        self.reason: str | None = None
        self.fields: list[moves.MoveField] = []
        self._preset = preset
        self._first_error = error
        self._reloaded = reloaded  # the case was read again after another window's save
        self._confirmed_warnings: tuple[str, ...] = ()
        # Choosing again while the details of the last choice are still being replaced
        # must wait for that: one rebuild at a time, and only the newest one builds.
        self._details_lock = asyncio.Lock()
        self._generation = 0
        self._preparing = False  # type-ahead: the fields of the chosen move are mounting
        self._fields_of: dict[str, list[moves.MoveField]] = {}  # by target status

    def holds_key(self, _key: str) -> bool:
        """Keys typed while the chosen move's fields mount wait for them (tui/keys.py)."""
        return self._preparing

    # -- the cases ----------------------------------------------------------------------
    def _cases(self) -> list[tuple[str, Mapping[str, Any]]]:
        """(ref, values) of each target; values are {} where the case was not loaded."""
        if len(self.targets) == 1 and self.values is not None:
            return [(self.targets[0].ref, self.values)]
        return [(t.ref, t.values or {}) for t in self.targets]

    # -- layout -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        first = self.targets[0]
        current = status_label(self.kind, first.status)
        title = (
            text.TITLE_ONE.format(ref=first.ref, status=current)
            if len(self.targets) == 1
            else text.TITLE_MANY.format(n=len(self.targets), status=current)
        )
        start = self._start_choice()
        with Vertical(classes="dialog wide", id="transition-dialog"):
            yield Static(title, classes="dialog-title")
            if len(self.options) > 1:
                yield OptionList(
                    *(
                        Option(
                            f"{i}. {t.label}  →  {status_label(self.kind, t.target)}", id=t.target
                        )
                        for i, t in enumerate(self.options, 1)
                    ),
                    id="transition-options",
                )
            else:
                only = self.options[0]
                target = status_label(self.kind, only.target)
                yield Static(
                    target if only.label == target else f"{only.label}  →  {target}",
                    id="transition-move",
                )
            if start is not None:
                # The details of a move known up front are there in the first frame.
                self.chosen = start
                self.fields = self._fields(start)
            # Not a stop of its own for Tab: the lists and fields in it are (a focused
            # field is scrolled into view).
            with VerticalScroll(id="transition-details", can_focus=False):
                if start is not None:
                    yield from self._detail_widgets(start)
            first_error = (
                text.MOVE_RELOADED.format(save=self._save_keys())
                if self._reloaded
                else self._first_error
            )
            yield Static(first_error, id="transition-error", classes="error")
            yield Static(
                text.dialog_help(save=self._save_keys(), cancel=hint(self, "transition-cancel")),
                classes="dialog-help",
            )

    def _save_keys(self) -> str:
        return hint(self, "transition-save-f2", "transition-save")

    def _start_choice(self) -> lifecycle.Transition | None:
        if self._preset is not None:
            return self._preset.transition
        if len(self.options) == 1:
            return self.options[0]
        return None

    def on_mount(self) -> None:
        if self.chosen is None:
            self.query_one("#transition-details").display = False
            self.set_focus(self.query_one("#transition-options", OptionList))
            return
        if len(self.options) > 1:
            ol = self.query_one("#transition-options", OptionList)
            ol.highlighted = self.options.index(self.chosen)
        if self._preset is not None:
            self.reason = self._preset.reason
            self._restore(self._preset.changes)
        if not self.has_details(self.chosen):
            self.action_confirm()
            return
        self._echo_all()
        self._focus_first_detail()

    def _restore(self, changes: Mapping[str, Any]) -> None:
        """Put values typed before (a refused save) back in their fields."""
        for name, value in changes.items():
            w = self._widget(name)
            if isinstance(w, DateInput):
                w.value = format_date(value) if isinstance(value, date) else str(value or "")
            elif isinstance(w, Select):
                tri = any(f.name == name and f.spec.type == "tri" for f in self.fields)
                w.value = _select_value(value, tri=tri)
            elif isinstance(w, Input):
                w.value = "" if value is None else str(value)
        if self.reason:
            options = self.query("#reason-options").results(OptionList)
            for ol in options:
                ids = [ol.get_option_at_index(i).id for i in range(ol.option_count)]
                if self.reason in ids:
                    ol.highlighted = ids.index(self.reason)

    # -- details ------------------------------------------------------------------------
    def _fields(self, t: lifecycle.Transition) -> list[moves.MoveField]:
        """The fields move `t` shows (worked out once: the cases and today are fixed)."""
        if t.target not in self._fields_of:
            self._fields_of[t.target] = moves.move_fields(self.kind, t, self._cases(), self.today)
        return self._fields_of[t.target]

    def has_details(self, t: lifecycle.Transition) -> bool:
        """Whether choosing `t` shows anything (else it is made at once)."""
        return bool(t.reason or self._fields(t))

    def _detail_widgets(self, t: lifecycle.Transition) -> list[Widget]:
        widgets: list[Widget] = []
        if t.reason:
            widgets.append(Static(text.REASON_LABEL + text.REQUIRED_MARK, classes="field-label"))
            widgets.append(
                OptionList(
                    *(Option(label, id=key) for key, label in t.reason_choices),
                    id="reason-options",
                )
            )
            note = in_parens(hint(self, "note"))
            widgets.append(Static(text.NOTE_HINT.format(note=note), classes="hint"))
        for f in self._fields(t):
            spec = f.spec
            if f.fixed:
                shown = spec.choice_label(f.value) if spec.type == "choice" else str(f.value)
                widgets.append(
                    Static(
                        text.FIXED.format(label=spec.label, value=shown),
                        id=f"fixed-{f.name}",
                        classes="field-label",
                    )
                )
                continue
            mark = text.REQUIRED_MARK if f.required else ""
            widgets.append(
                Static(f"{spec.label}{mark}", classes="field-label", id=f"label-{f.name}")
            )
            widgets.append(self._input(f))
            under = f.hint
            if f.differs:
                shown_cases = ", ".join(
                    text.DIFFERS_CASE.format(ref=ref, value=self._shown(f, v) or "–")
                    for ref, v in f.differs
                )
                under = text.DIFFERS.format(cases=shown_cases)
            if under:
                widgets.append(Static(under, classes="hint", id=f"hint-{f.name}"))
            widgets.append(Static("", classes="hint", id=f"m-{f.name}"))
        if any(f.required for f in self._fields(t)) or t.reason:
            widgets.append(Static(text.REQUIRED_NOTE, classes="hint"))
        return widgets

    def _shown(self, f: moves.MoveField, value: Any) -> str:
        if isinstance(value, date):
            return format_date(value)
        if f.spec.type == "choice":
            return f.spec.choice_label(value) if value else ""
        if f.spec.type == "tri":
            return TRI_LABELS.get(value, "") if value is not None else ""
        return "" if value is None else str(value)

    def _input(self, f: moves.MoveField) -> Widget:
        wid = f"field-{f.name}"
        spec = f.spec
        if spec.type == "date":
            return compact(
                DateInput(
                    f.value if isinstance(f.value, date) else None,
                    direction=spec.direction,
                    today=lambda: self.today,
                    id=wid,
                    placeholder=text.DATE_PLACEHOLDER,
                    # Typed-ahead text must not replace a prefilled value (issue #9).
                    select_on_focus=False,
                )
            )
        if spec.type == "choice":
            return compact(
                DeskSelect(
                    [(label, key) for key, label in spec.choices],
                    prompt=text.CHOICE_PROMPT,
                    allow_blank=True,
                    value=f.value if f.value in {k for k, _ in spec.choices} else Select.NULL,
                    id=wid,
                )
            )
        if spec.type == "tri":
            return tri_select(f.value, id=wid)
        shown = "" if f.value is None else str(f.value)
        return compact(Input(shown, id=wid, select_on_focus=False))

    def _widget(self, name: str) -> Widget | None:
        found = self.query(f"#field-{name}")
        return found.first() if found else None

    def _echo(self, w: Widget) -> None:
        """Under a date: what it understood (`= fredag 17.05.2026`), as the form does."""
        if isinstance(w, DateInput) and w.id:
            name = w.id.removeprefix("field-")
            w.check()
            msg = self.query(f"#m-{name}")
            if msg:
                msg.first(Static).update(w.feedback)
                msg.first(Static).set_class(w.error is not None, "error")

    def _echo_all(self) -> None:
        for w in self.query("#transition-details DateInput"):
            self._echo(w)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._echo(event.input)

    # -- choosing -----------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "transition-options":
            t = next(t for t in self.options if t.target == event.option.id)
            self._choose(t)
        elif event.option_list.id == "reason-options":
            self.reason = event.option.id
            if self._editable():
                self._focus_first_detail(after_reason=True)
            else:
                self.action_confirm()

    def action_pick(self, n: int) -> None:
        """The digit of a numbered move, typed in the move list: that move."""
        if self.focused is None or self.focused.id != "transition-options":
            return
        if 1 <= n <= len(self.options):
            self.query_one("#transition-options", OptionList).highlighted = n - 1
            self._choose(self.options[n - 1])

    def _choose(self, t: lifecycle.Transition) -> None:
        if t is self.chosen:
            # The same choice again (Enter, Tab back, Enter): keep what was typed.
            self._focus_first_detail()
            return
        self.chosen = t
        self.reason = None
        self._confirmed_warnings = ()
        self.fields = self._fields(t)
        widgets = self._detail_widgets(t)
        if not widgets:
            self.action_confirm()
            return
        self._generation += 1
        self._preparing = True  # type-ahead: keys wait for the new fields
        self.run_worker(self._rebuild(widgets, self._generation), group="transition-details")

    async def _rebuild(self, widgets: list[Widget], generation: int) -> None:
        """Replace the details: the old children are gone before the new ones mount
        (mounting first gave DuplicateIds on a quick second choice)."""
        async with self._details_lock:
            if generation != self._generation:
                return  # a newer choice came in meanwhile: it builds its own
            details = self.query_one("#transition-details", VerticalScroll)
            await details.remove_children()
            await details.mount_all(widgets)
            details.display = True
            self.query_one("#transition-error", Static).update("")
            self._echo_all()
            self._focus_first_detail()
            self._preparing = False
            self.app.drain_keys()  # type: ignore[attr-defined]

    def _editable(self) -> list[Widget]:
        return [
            w
            for w in self.query("#transition-details > *")
            if w.id and w.id.startswith("field-") and w.focusable
        ]

    def _focus_first_detail(self, *, after_reason: bool = False) -> None:
        """Focus the reason list if a reason is owed, else the first required field that
        is empty (where a refused move opens), else the first field."""
        if self.chosen is not None and self.chosen.reason and not after_reason:
            found = self.query("#reason-options")
            if found and not self.reason:
                self.set_focus(found.first())
                return
        editable = self._editable()
        required = {f.name for f in self.fields if f.required}
        for w in editable:
            name = (w.id or "").removeprefix("field-")
            if name in required and self._is_empty(w):
                self.set_focus(w)
                return
        if editable:
            self.set_focus(editable[0])
        elif not after_reason:
            found = self.query("#reason-options")
            if found:
                self.set_focus(found.first())

    @staticmethod
    def _is_empty(w: Widget) -> bool:
        if isinstance(w, Input):
            return not w.value.strip()
        if isinstance(w, Select):
            return w.value is Select.NULL
        return False

    def focus_field(self, name: str) -> None:
        w = self._widget(name)
        if w is not None:
            self.set_focus(w)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        editable = self._editable()
        idx = editable.index(event.input) if event.input in editable else -1
        if 0 <= idx < len(editable) - 1:
            self.set_focus(editable[idx + 1])
        else:
            self.action_confirm()

    # -- confirm ------------------------------------------------------------------------
    def typed(self) -> dict[str, Any]:
        """The values in the fields; ValueError(name, message) for one not understood."""
        out: dict[str, Any] = {}
        for f in self.fields:
            if f.fixed:
                continue
            w = self._widget(f.name)
            if isinstance(w, DateInput):
                try:
                    out[f.name] = w.parse()
                except DateError as exc:
                    raise _FieldError(f.name, f"{f.spec.label}: {exc}") from None
            elif isinstance(w, Select):
                if f.spec.type == "tri":
                    out[f.name] = tri_value(w)
                else:
                    out[f.name] = None if w.value is Select.NULL else w.value
            elif isinstance(w, Input):
                value = w.value.strip()
                # As everywhere text is typed: control characters and the length limit
                # (DOMAIN.md «Limits»), then national ID numbers.
                limit = text_problem(value, kind_of_field(f.spec.type)) if value else None
                problem = limit[1] if limit else (screen_text(value) if value else None)
                if problem:
                    raise _FieldError(f.name, problem)
                out[f.name] = value or None
        return out

    def _show(self, problems: list[Problem], headline: str) -> None:
        for m in self.query("#transition-details .hint").results(Static):
            if m.id and m.id.startswith("m-"):
                w = self._widget(m.id[2:])
                if isinstance(w, DateInput):
                    self._echo(w)
                else:
                    m.update("")
        first_field = ""
        for p in problems:
            if not p.field:
                continue
            msg = self.query(f"#m-{p.field}")
            if msg:
                msg.first(Static).update(p.message)
                msg.first(Static).set_class(p.refuses, "error")
                first_field = first_field or p.field
        self.query_one("#transition-error", Static).update(headline)
        if first_field:
            self.focus_field(first_field)

    def action_confirm(self) -> None:
        error = self.query_one("#transition-error", Static)
        if self.chosen is None:
            error.update(text.CHOOSE_MOVE)
            return
        t = self.chosen
        if t.reason and not self.reason:
            error.update(text.CHOOSE_REASON)
            found = self.query("#reason-options")
            if found:
                found.first().focus()
            return
        try:
            typed = self.typed()
        except _FieldError as exc:
            self._show([Problem(exc.name, "move.unreadable", exc.message)], exc.message)
            return
        problems: list[Problem] = []
        per_case: dict[str, dict[str, Any]] = {}
        many = len(self.targets) > 1
        for target, (ref, values) in zip(self.targets, self._cases(), strict=True):
            changes = moves.case_changes(self.kind, t, self.fields, typed, values, self.today)
            per_case[target.id] = changes
            found = moves.check_move(self.kind, t, values, changes, self.reason, self.today)
            if many:
                found = [Problem(p.field, p.code, f"{ref}: {p.message}", p.severity) for p in found]
            problems.extend(found)
        refused = refusals(problems)
        if refused:
            general = [p.message for p in refused if not p.field]
            headline = " ".join(general) if general else refused[0].message
            self._show(problems, headline)
            return
        warned = warnings(problems)
        signature = tuple(p.message for p in warned)
        if warned and signature != self._confirmed_warnings:
            self._confirmed_warnings = signature
            lines = " ".join(p.message for p in warned)
            confirm = text.WARNINGS_CONFIRM.format(save=self._save_keys())
            self._show(problems, f"{text.WARNING_PREFIX}{lines} {confirm}")
            return
        only = per_case[self.targets[0].id] if not many else {}
        self.dismiss(TransitionChoice(t, self.reason, only, per_case if many else {}))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _select_value(value: Any, *, tri: bool) -> Any:
    """A stored value as a Select's value: Ja/Nei/Ukjent by key, a choice or blank."""
    if tri:
        return tri_key(value)
    return Select.NULL if value is None else value


class _FieldError(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message
