"""Choose the next status; give a reason, a comment or the fields the move requires.

Reasons come from `lifecycle.py`. When the case is loaded, the move is checked here with
the lifecycle before the dialog closes, so a refusal is shown in words where it happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from samhandlingsdesk.domain import lifecycle
from samhandlingsdesk.domain.dates import DateError, format_date, parse_date
from samhandlingsdesk.domain.kinds import kind_spec, status_label
from samhandlingsdesk.domain.privacy import screen_text
from samhandlingsdesk.tui.keys import TAB_BINDINGS


@dataclass(frozen=True)
class TransitionChoice:
    transition: lifecycle.Transition
    reason: str | None
    changes: dict[str, Any] = field(default_factory=dict)


class TransitionScreen(ModalScreen[TransitionChoice | None]):
    BINDINGS = [
        *TAB_BINDINGS,
        Binding("escape", "cancel", "Avbryt", id="transition-cancel"),
        Binding("ctrl+s", "confirm", "Lagre", id="transition-save", show=False),
        Binding("f2", "confirm", "Lagre", id="transition-save-f2"),
    ]

    def __init__(
        self,
        targets: Sequence[Any],
        options: list[lifecycle.Transition],
        values: dict[str, Any] | None,
        today: date,
    ) -> None:
        super().__init__()
        self.targets = list(targets)
        self.options = options
        self.values = values
        self.today = today
        self.kind = self.targets[0].kind
        self.chosen: lifecycle.Transition | None = None
        self.reason: str | None = None
        self._preparing = False  # type-ahead: the fields of the chosen move are mounting

    def holds_key(self, _key: str) -> bool:
        """Keys typed while the chosen move's fields mount wait for them (tui/keys.py)."""
        return self._preparing

    # -- layout -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        first = self.targets[0]
        who = first.ref if len(self.targets) == 1 else f"{len(self.targets)} saker"
        current = status_label(self.kind, first.status)
        with Vertical(classes="dialog wide", id="transition-dialog"):
            yield Static(f"{who} — nå: {current}", classes="dialog-title")
            yield OptionList(
                *(
                    Option(f"{i}. {t.label}  →  {status_label(self.kind, t.target)}", id=t.target)
                    for i, t in enumerate(self.options, 1)
                ),
                id="transition-options",
            )
            yield VerticalScroll(id="transition-details")
            yield Static("", id="transition-error", classes="error")
            yield Static("Enter velger · F2/Ctrl+S lagrer · Esc avbryter", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#transition-details").display = False
        self.set_focus(self.query_one(OptionList))
        if len(self.options) == 1:
            self._choose(self.options[0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "transition-options":
            t = next(t for t in self.options if t.target == event.option.id)
            self._choose(t)
        elif event.option_list.id == "reason-options":
            self.reason = event.option.id
            self._focus_next_detail(event.option_list)
            if not self._has_inputs():
                self.action_confirm()

    def _choose(self, t: lifecycle.Transition) -> None:
        self.chosen = t
        self.reason = None
        details = self.query_one("#transition-details", VerticalScroll)
        details.remove_children()
        widgets: list[Any] = []
        spec = kind_spec(self.kind)
        if t.reason:
            widgets.append(Static("Begrunnelse", classes="field-label"))
            widgets.append(
                OptionList(
                    *(Option(label, id=key) for key, label in t.reason_choices),
                    id="reason-options",
                )
            )
            widgets.append(Static("Mer å si? Legg et notat på saken (a) etterpå.", classes="hint"))
        if t.comment_field:
            f = spec.field(t.comment_field)
            widgets.append(Static(f"{f.label} (må fylles ut)", classes="field-label"))
            widgets.append(Input(self._current(f.name), id=f"field-{f.name}"))
        for name in t.requires:
            if name in t.fill_today:
                continue
            f = spec.field(name)
            widgets.append(Static(f.label, classes="field-label"))
            widgets.append(
                Input(
                    self._current(name),
                    placeholder="dato, f.eks. 17.05.2026 eller uke 34" if f.type == "date" else "",
                    id=f"field-{name}",
                )
            )
        if not widgets:
            self.action_confirm()
            return
        mounted = details.mount_all(widgets)
        details.display = True
        self._preparing = True

        async def focus_first() -> None:
            await mounted
            self.set_focus(details.children[1])
            self._preparing = False
            self.app.drain_keys()  # type: ignore[attr-defined]

        self.call_later(focus_first)

    def _current(self, name: str) -> str:
        if self.values is None:
            return ""
        value = self.values.get(name)
        if isinstance(value, date):
            return format_date(value)
        return "" if value is None else str(value)

    def _has_inputs(self) -> bool:
        return bool(self.query("#transition-details Input"))

    def _focus_next_detail(self, after: Any) -> None:
        inputs = list(self.query("#transition-details Input"))
        if inputs:
            self.set_focus(inputs[0])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query("#transition-details Input"))
        idx = inputs.index(event.input) if event.input in inputs else -1
        if 0 <= idx < len(inputs) - 1:
            self.set_focus(inputs[idx + 1])
        else:
            self.action_confirm()

    # -- confirm ----------------------------------------------------------------------
    def _changes(self) -> dict[str, Any]:
        """Typed values from the inputs; ValueError with a Norwegian message."""
        assert self.chosen is not None
        spec = kind_spec(self.kind)
        changes: dict[str, Any] = {}
        for inp in self.query("#transition-details Input").results(Input):
            name = (inp.id or "").removeprefix("field-")
            f = spec.field(name)
            text = inp.value.strip()
            if f.type == "date":
                try:
                    changes[name] = parse_date(text, today=self.today, direction=f.direction)
                except DateError as exc:
                    raise ValueError(f"{f.label}: {exc}") from None
            else:
                problem = screen_text(text)
                if problem:
                    raise ValueError(problem)
                changes[name] = text or None
        return changes

    def action_confirm(self) -> None:
        error = self.query_one("#transition-error", Static)
        if self.chosen is None:
            error.update("Velg hva som skal skje.")
            return
        t = self.chosen
        if t.reason and not self.reason:
            error.update("Velg en begrunnelse.")
            self.query_one("#reason-options").focus()
            return
        try:
            changes = self._changes()
        except ValueError as exc:
            error.update(str(exc))
            return
        if self.values is not None:
            values = {**self.values, **changes}
            values.update(lifecycle.apply_fills(t, values, self.today))
            refusal = lifecycle.check_transition(
                self.kind, self.targets[0].status, t.target, values, self.reason
            )
            if refusal is not None:
                error.update(refusal.message)
                return
        self.dismiss(TransitionChoice(t, self.reason, changes))

    def action_cancel(self) -> None:
        self.dismiss(None)
