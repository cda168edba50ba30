"""Triage actions shared by the queue screen and the case screen.

A screen that mixes this in says which cases an action applies to (`triage_targets`):
the marked rows or the one under the cursor in a queue, the open case on the case screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.message import Message

from samhandlingsdesk.domain import lifecycle
from samhandlingsdesk.domain.dates import DateError, format_date, parse_date
from samhandlingsdesk.domain.limits import TextKind, text_problem
from samhandlingsdesk.domain.privacy import screen_text
from samhandlingsdesk.domain.text import triage as text
from samhandlingsdesk.domain.text.common import CASE_GONE, NOTE_ADDED, NOTE_ON, TAG_EMPTY, cases
from samhandlingsdesk.domain.text.common import who as who_of
from samhandlingsdesk.domain.validate import snooze_problem
from samhandlingsdesk.tui.keys import opening
from samhandlingsdesk.tui.work import run_read, run_write

if TYPE_CHECKING:
    from samhandlingsdesk.service.desk import BulkResult, CaseDetail, CaseRow, Created
    from samhandlingsdesk.tui.screens.transition import TransitionChoice
    from samhandlingsdesk.tui.work import DeskHost


@dataclass(frozen=True, slots=True)
class Target:
    id: str
    ref: str
    kind: str
    status: str
    version: int | None  # None in bulk: the batch takes the current version
    values: dict[str, Any] | None = None  # all fields, when the case is loaded


MSG_GONE = CASE_GONE

# Each opens a dialog: priority bindings (tui/keys.py), so keys typed after them reach it.
TRIAGE_BINDINGS = [
    opening("v", "advance", "Videre", id="advance"),
    opening("r", "close_case", "Avslå/trekk", id="close"),
    opening("s", "snooze", "Utsett", id="snooze"),
    opening("t", "tag", "Stikkord", id="tag", show=False),
    opening("a", "note", "Notat", id="note"),
    opening("o", "convert", text.OPEN_CONVERT, id="convert", show=False),
    opening("p", "purring", "Purring", id="purring", show=False),
]
HOLD_TRIAGE = "triage-read"


def common_transitions(targets: Sequence[Target], closing: bool) -> list[lifecycle.Transition]:
    """The moves every target can make (by target status), from the first one's list."""
    if not targets:
        return []
    first = targets[0]
    options = [
        t for t in lifecycle.transitions_from(first.kind, first.status) if t.closing == closing
    ]
    for other in targets[1:]:
        theirs = {
            t.target
            for t in lifecycle.transitions_from(other.kind, other.status)
            if t.closing == closing
        }
        options = [t for t in options if t.target in theirs]
    return options


def note_check(text: str, kind: TextKind = "note") -> str:
    """Live check of free text: control characters, the length limit and national ID
    numbers are refused where they are typed (DOMAIN.md «Limits»)."""
    limit = text_problem(text.strip(), kind)
    problem = limit[1] if limit else screen_text(text)
    if problem:
        raise ValueError(problem)
    return ""


def tag_check(text: str) -> str:
    if not text.strip():
        raise ValueError(TAG_EMPTY)
    return note_check(text, "line")


def parse_snooze(text: str, today: date) -> date:
    value = parse_date(text, today=today, direction="future")
    if value is None:
        raise DateError(text.DATE_HINT)
    problem = snooze_problem(value, today)
    if problem:
        raise DateError(problem)
    return value


# -- what the workers post back (tui/work.py) -------------------------------------------
class TriageSaved(Message, bubble=False):
    """A triage write succeeded (marks are cleared)."""


@dataclass
class TriageCasesRead(Message, bubble=False):
    """The cases a move is for, read before its dialog opens."""

    details: list[CaseDetail | None]
    targets: list[Target]
    closing: bool


@dataclass
class MoveRefused(Message, bubble=False):
    """The store refused a move of one case: its dialog opens again, with what was typed."""

    error: Exception
    target: Target
    choice: TransitionChoice


@dataclass
class MoveReread(Message, bubble=False):
    """The case as stored now, read after a refused move."""

    detail: CaseDetail | None
    refused: MoveRefused


@dataclass
class BulkMoved(Message, bubble=False):
    """A move of several cases, made or refused as a whole (`asked`: how many cases)."""

    result: BulkResult
    asked: int
    label: str


@dataclass
class Snoozed(Message, bubble=False):
    """Cases snoozed until a date (some may have been left alone)."""

    result: BulkResult
    targets: list[Target]
    until: date


@dataclass
class Purred(Message, bubble=False):
    """A purring recorded on cases (`label`: the channel)."""

    result: BulkResult
    ids: list[str]
    label: str


@dataclass
class PurringRowRead(Message, bubble=False):
    """The purred case's row as it is now, for the toast's next reminder."""

    row: CaseRow | None
    ref: str
    label: str


if TYPE_CHECKING:
    from textual.screen import Screen

    _Screen = Screen[None]
else:
    _Screen = object


class TriageMixin(_Screen):
    """Actions: advance, close with reason, snooze, tag, note, convert. Mixed into a
    Screen (for type checkers it is one)."""

    app: DeskHost

    def triage_targets(self) -> list[Target]:  # pragma: no cover - overridden
        raise NotImplementedError

    def triage_done(self) -> None:
        """Called after a successful triage write (e.g. to clear marks)."""

    # -- transitions ------------------------------------------------------------------
    def action_advance(self) -> None:
        self._choose_transition(closing=False)

    def action_close_case(self) -> None:
        self._choose_transition(closing=True)

    def _choose_transition(self, *, closing: bool) -> None:
        targets = self.triage_targets()
        if not targets:
            return
        if all(t.values is not None for t in targets):
            self._offer_transition(targets, closing)
            return
        # Load the cases' fields first, so the dialog can show what the move records,
        # prefilled from each case, and check the move before it closes.
        ids = [t.id for t in targets]
        # The dialog opens after a read: keys typed meanwhile wait for it.
        self.app.hold_keys(HOLD_TRIAGE)
        run_read(
            self,
            lambda s: s.cases(ids),
            lambda details: TriageCasesRead(details, targets, closing),
            group="triage-case",
        )

    def on_triage_cases_read(self, event: TriageCasesRead) -> None:
        targets = event.targets
        try:
            found = {d.id: d for d in event.details if d is not None}
            if len(found) < len(targets):
                self.app.notify(MSG_GONE, severity="warning")
                return
            self._offer_transition(
                [
                    replace(t, values=found[t.id].values(), status=found[t.id].status)
                    for t in targets
                ],
                event.closing,
            )
        finally:
            self.app.release_keys(HOLD_TRIAGE)

    def _offer_transition(
        self,
        targets: list[Target],
        closing: bool,
        *,
        preset: Any = None,
        error: str = "",
        reloaded: bool = False,
    ) -> None:
        from samhandlingsdesk.tui.screens.transition import TransitionChoice, TransitionScreen

        options = common_transitions(targets, closing)
        if not options:
            what = text.WHAT_CLOSING if closing else text.WHAT_MOVING
            many = len(targets) > 1
            self.app.notify(
                (text.NO_MOVE_MANY if many else text.NO_MOVE_ONE).format(
                    ref=targets[0].ref, what=what
                ),
                severity="warning",
            )
            return
        values = targets[0].values if len(targets) == 1 else None
        today = self.app.today()
        if preset is None and len(options) == 1 and _nothing_to_show(targets, options[0], today):
            # A move that records nothing but the status, and no rule has a word to say:
            # made at once.
            self._apply_transition(targets, TransitionChoice(options[0], None, {}))
            return
        self.app.push_screen(
            TransitionScreen(
                targets, options, values, today, preset=preset, error=error, reloaded=reloaded
            ),
            lambda choice: self._apply_transition(targets, choice) if choice else None,
        )

    def _apply_transition(self, targets: list[Target], choice: Any) -> None:
        t = choice.transition
        kind = targets[0].kind
        from samhandlingsdesk.domain.kinds import status_label

        label = status_label(kind, t.target)
        if len(targets) == 1:
            target = targets[0]
            run_write(
                self,
                lambda s: s.transition(
                    target.id,
                    target.version,
                    t.target,
                    reason=choice.reason,
                    changes=choice.changes,
                ),
                lambda _v: TriageSaved(),
                success=f"{target.ref}: {label}",
                refused=lambda exc: MoveRefused(exc, target, choice),
            )
            return
        ids = [x.id for x in targets]
        run_write(
            self,
            lambda s: s.bulk_transition(
                ids, t.target, reason=choice.reason, changes=choice.per_case
            ),
            lambda result: BulkMoved(result, len(targets), label),
        )

    def on_move_refused(self, event: MoveRefused) -> None:
        """Refused by the store (a rule, a stale case): the dialog again, with what was
        chosen and typed, at the field. A case another window changed is read again
        first, so the next F2 saves onto the newer version."""
        from samhandlingsdesk.service.desk import error_kind

        target, choice = event.target, event.choice
        if error_kind(event.error) != "stale":
            self._offer_transition(
                [target], choice.transition.closing, preset=choice, error=str(event.error)
            )
            return
        run_read(
            self,
            lambda s: s.case(target.id),
            lambda detail: MoveReread(detail, event),
            group="triage-case",
        )

    def on_move_reread(self, event: MoveReread) -> None:
        detail, target, choice = event.detail, event.refused.target, event.refused.choice
        if detail is None:
            self.app.notify(MSG_GONE, severity="warning")
            return
        fresh = replace(
            target, version=detail.version, status=detail.status, values=detail.values()
        )
        if fresh.status != target.status:
            self.app.notify(str(event.refused.error), severity="error", timeout=8)
            return
        self._offer_transition([fresh], choice.transition.closing, preset=choice, reloaded=True)

    def on_bulk_moved(self, event: BulkMoved) -> None:
        result, label = event.result, event.label
        if result.refused:
            lines = "; ".join(f"{ref}: {msg}" for ref, msg in list(result.refused.items())[:3])
            self.app.notify(
                text.NOTHING_CHANGED.format(
                    refused=len(result.refused), asked=cases(event.asked), label=label, lines=lines
                ),
                severity="error",
                timeout=12,
            )
        else:
            self.app.notify(f"{cases(len(result.done))}: {label}")
            self.triage_done()

    def on_triage_saved(self, _event: TriageSaved) -> None:
        self.triage_done()

    # -- snooze, tag, note, convert -----------------------------------------------------
    def action_snooze(self) -> None:
        from samhandlingsdesk.tui.screens.prompt import PromptScreen

        targets = self.triage_targets()
        if not targets:
            return
        today = self.app.today()
        who = who_of([t.ref for t in targets])

        def check(text: str) -> str:
            return f"Kommer tilbake {format_date(parse_snooze(text, today))}"

        def chosen(text: str | None) -> None:
            if text is None:
                return
            until = parse_snooze(text, today)
            ids = [t.id for t in targets]
            run_write(
                self,
                lambda s: s.snooze(ids, until),
                lambda result: Snoozed(result, targets, until),
            )

        self.app.push_screen(
            PromptScreen(
                f"Utsett {who}",
                text.SNOOZE_UNTIL_LABEL,
                check=check,
                placeholder="i morgen",
            ),
            chosen,
        )

    def on_snoozed(self, event: Snoozed) -> None:
        # A *kritisk* case is left alone (DOMAIN.md «Weights»): one case asks whether
        # to snooze it anyway, naming the rule; several say which were left alone.
        from samhandlingsdesk.domain.text import moves as moves_text
        from samhandlingsdesk.tui.screens.confirm import ConfirmScreen

        result, targets, until = event.result, event.targets, event.until
        if result.done:
            self.app.notify(text.SNOOZED.format(who=who_of(result.done), until=format_date(until)))
        if not result.refused:
            self.triage_done()
            return
        if len(targets) > 1:
            left = ", ".join(result.refused)
            self.app.notify(
                moves_text.SNOOZE_LEFT_ALONE.format(cases=left), severity="warning", timeout=10
            )
            self.triage_done()
            return
        target = targets[0]
        who = who_of([target.ref])

        def confirmed(yes: bool | None) -> None:
            if yes:
                run_write(
                    self,
                    lambda s: s.snooze([target.id], until, past_critical=True),
                    lambda _r: TriageSaved(),
                    success=text.SNOOZED.format(who=who, until=format_date(until)),
                )

        self.app.push_screen(
            ConfirmScreen(
                moves_text.SNOOZE_CONFIRM_TITLE,
                result.refused[target.ref],
                yes=moves_text.SNOOZE_CONFIRM_YES,
            ),
            confirmed,
        )

    def action_tag(self) -> None:
        from samhandlingsdesk.tui.screens.prompt import PromptScreen

        targets = self.triage_targets()
        if not targets:
            return
        who = who_of([t.ref for t in targets])

        def chosen(text: str | None) -> None:
            if text is None:
                return
            ids = [t.id for t in targets]
            run_write(
                self,
                lambda s: s.add_tag(ids, text),
                lambda _r: TriageSaved(),
                success=f"{who}: stikkord «{text.strip()}»",
            )

        self.app.push_screen(
            PromptScreen(text.TAG_ON.format(who=who), "Stikkord", check=tag_check), chosen
        )

    def action_note(self) -> None:
        from samhandlingsdesk.tui.screens.prompt import PromptScreen

        targets = self.triage_targets()
        if len(targets) != 1:
            if targets:
                self.app.notify(text.NOTE_ONE_AT_A_TIME, severity="warning")
            return
        target = targets[0]

        def chosen(text: str | None) -> None:
            if text is None or not text.strip():
                return
            run_write(
                self,
                lambda s: s.add_note(target.id, text),
                success=NOTE_ADDED.format(ref=target.ref),
            )

        self.app.push_screen(
            PromptScreen(NOTE_ON.format(ref=target.ref), "Notat", check=note_check), chosen
        )

    def action_purring(self) -> None:
        """`p`: record that a reminder was sent on the case(s) waiting on others."""
        from samhandlingsdesk.domain.text.agenda import CHANNELS
        from samhandlingsdesk.tui.screens.purring import PurringScreen

        targets = self.triage_targets()
        if not targets:
            return
        who = who_of([t.ref for t in targets])

        def chosen(channel: str | None) -> None:
            if channel is None:
                return
            ids = [t.id for t in targets]
            label = CHANNELS[channel]
            run_write(
                self,
                lambda s: s.purring(ids, channel),
                lambda result: Purred(result, ids, label),
            )

        self.app.push_screen(PurringScreen(who), chosen)

    def on_purred(self, event: Purred) -> None:
        from samhandlingsdesk.domain.text.agenda import PURRING_DONE_MANY

        result, label = event.result, event.label
        for message in list(result.refused.values())[:3]:
            self.app.notify(message, severity="warning", timeout=8)
        if not result.done:
            return
        if len(result.done) == 1 and len(event.ids) == 1:
            case_id, ref = event.ids[0], result.done[0]
            run_read(
                self,
                lambda s: s.row(case_id),
                lambda row: PurringRowRead(row, ref, label),
                group="purring-row",
            )
        else:
            self.app.notify(PURRING_DONE_MANY.format(n=len(result.done), channel=label))
        self.triage_done()

    def on_purring_row_read(self, event: PurringRowRead) -> None:
        from samhandlingsdesk.domain.text.agenda import PURRING_DONE_ONE

        row = event.row
        on = format_date(row.due_on) if row and row.due_on else "–"
        self.app.notify(PURRING_DONE_ONE.format(ref=event.ref, channel=event.label, on=on))

    def action_convert(self) -> None:
        from samhandlingsdesk.tui.screens.confirm import ConfirmScreen

        targets = self.triage_targets()
        if len(targets) != 1 or targets[0].kind != "hospitering":
            self.app.notify(
                text.CONVERT_ONE,
                severity="warning",
            )
            return
        target = targets[0]

        def confirmed(yes: bool | None) -> None:
            if yes:
                run_write(
                    self,
                    lambda s: s.convert_to_veiledning(target.id, target.version),
                    Converted,
                    success=lambda created: text.CONVERTED.format(
                        ref=target.ref, created=created.ref
                    ),
                )

        self.app.push_screen(
            ConfirmScreen(
                text.CONVERT_TITLE.format(ref=target.ref),
                text.CONVERT_BODY,
                yes=text.CONVERT_YES,
            ),
            confirmed,
        )

    def on_converted(self, event: Converted) -> None:
        self.app.open_case(event.created.id)


@dataclass
class Converted(Message, bubble=False):
    """A hospitering made into a veiledning: the new case, to open."""

    created: Created


def _nothing_to_show(targets: Sequence[Target], t: lifecycle.Transition, today: date) -> bool:
    """True when move `t` records nothing but the status for every target and neither
    the lifecycle nor a timeline rule has anything to say about it."""
    from samhandlingsdesk.domain import moves

    if t.reason or t.comment_field:
        return False
    cases = [(x.ref, x.values or {}) for x in targets]
    if moves.move_fields(targets[0].kind, t, cases, today):
        return False
    return not any(moves.check_move(x.kind, t, x.values or {}, {}, None, today) for x in targets)
