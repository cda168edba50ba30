"""Triage actions shared by the queue screen and the case screen.

A screen that mixes this in says which cases an action applies to (`triage_targets`):
the marked rows or the one under the cursor in a queue, the open case on the case screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from samhandlingsdesk.domain import lifecycle
from samhandlingsdesk.domain.dates import DateError, format_date, parse_date
from samhandlingsdesk.domain.limits import TextKind, text_problem
from samhandlingsdesk.domain.privacy import screen_text
from samhandlingsdesk.tui.keys import opening

if TYPE_CHECKING:
    from samhandlingsdesk.tui.app import DeskApp


@dataclass(frozen=True, slots=True)
class Target:
    id: str
    ref: str
    kind: str
    status: str
    version: int | None  # None in bulk: the batch takes the current version
    values: dict[str, Any] | None = None  # all fields, when the case is loaded


MSG_GONE = "Saken finnes ikke lenger (angret eller slettet)."

# Each opens a dialog: priority bindings (tui/keys.py), so keys typed after them reach it.
TRIAGE_BINDINGS = [
    opening("v", "advance", "Videre", id="advance"),
    opening("r", "close_case", "Avslå/trekk", id="close"),
    opening("s", "snooze", "Utsett", id="snooze"),
    opening("t", "tag", "Stikkord", id="tag", show=False),
    opening("a", "note", "Notat", id="note"),
    opening("o", "convert", "Til veiledning", id="convert", show=False),
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
        raise ValueError("Skriv et stikkord.")
    return note_check(text, "line")


def parse_snooze(text: str, today: date) -> date:
    value = parse_date(text, today=today, direction="future")
    if value is None:
        raise DateError("Skriv en dato, f.eks. i morgen, fredag, 17.5 eller uke 34.")
    if value <= today:
        raise DateError(f"Velg en dato etter i dag ({format_date(today)}).")
    return value


class TriageMixin:
    """Actions: advance, close with reason, snooze, tag, note, convert."""

    app: DeskApp

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
        first = targets[0]
        if len(targets) == 1 and first.values is None:
            # One row of a queue: load its fields first, so the dialog can check the move
            # with the lifecycle and keep what was typed when it is refused.
            def loaded(detail: Any) -> None:
                try:
                    if detail is None:
                        self.app.notify(MSG_GONE, severity="warning")
                        return
                    self._offer_transition([replace(first, values=detail.values())], closing)
                finally:
                    self.app.release_keys(HOLD_TRIAGE)

            # The dialog opens after a read: keys typed meanwhile wait for it.
            self.app.hold_keys(HOLD_TRIAGE)
            self.app.read(lambda repo: repo.get_case(first.id), loaded, group="triage-case")
            return
        self._offer_transition(targets, closing)

    def _offer_transition(self, targets: list[Target], closing: bool) -> None:
        from samhandlingsdesk.tui.screens.transition import TransitionChoice, TransitionScreen

        options = common_transitions(targets, closing)
        if not options:
            what = "avslå, avvise eller trekke" if closing else "flytte videre"
            many = len(targets) > 1
            self.app.notify(
                f"{'De markerte sakene' if many else targets[0].ref} kan ikke {what} herfra"
                f"{' samlet' if many else ''}.",
                severity="warning",
            )
            return
        values = targets[0].values if len(targets) == 1 else None
        simple = (
            len(options) == 1
            and not closing
            and not options[0].reason
            and not options[0].comment_field
            and not _missing_required(options[0], values)
        )
        if simple:
            self._apply_transition(targets, TransitionChoice(options[0], None, {}))
            return
        self.app.push_screen(
            TransitionScreen(targets, options, values, self.app.today()),
            lambda choice: self._apply_transition(targets, choice) if choice else None,
        )

    def _apply_transition(self, targets: list[Target], choice: Any) -> None:
        t = choice.transition
        kind = targets[0].kind
        from samhandlingsdesk.domain.kinds import status_label

        label = status_label(kind, t.target)
        if len(targets) == 1:
            target = targets[0]
            self.app.write(
                lambda c: c.transition(
                    target.id,
                    target.version,
                    t.target,
                    reason=choice.reason,
                    changes=choice.changes,
                ),
                lambda _v: self.triage_done(),
                success=f"{target.ref}: {label}",
            )
            return

        def bulk(c: Any) -> Any:
            return c.bulk_transition([x.id for x in targets], t.target, reason=choice.reason)

        def done(result: Any) -> None:
            if result.refused:
                lines = "; ".join(f"{ref}: {msg}" for ref, msg in list(result.refused.items())[:3])
                self.app.notify(
                    f"Ingenting ble endret. {len(result.refused)} av {len(targets)} saker "
                    f"kan ikke få status «{label}»: {lines}",
                    severity="error",
                    timeout=12,
                )
            else:
                self.app.notify(f"{len(result.done)} saker: {label}")
                self.triage_done()

        self.app.write(bulk, done)

    # -- snooze, tag, note, convert -----------------------------------------------------
    def action_snooze(self) -> None:
        from samhandlingsdesk.tui.screens.prompt import PromptScreen

        targets = self.triage_targets()
        if not targets:
            return
        today = self.app.today()
        who = targets[0].ref if len(targets) == 1 else f"{len(targets)} saker"

        def check(text: str) -> str:
            return f"Kommer tilbake {format_date(parse_snooze(text, today))}"

        def chosen(text: str | None) -> None:
            if text is None:
                return
            until = parse_snooze(text, today)
            ids = [t.id for t in targets]
            self.app.write(
                lambda c: c.snooze(ids, until),
                lambda _r: self.triage_done(),
                success=f"{who} er utsatt til {format_date(until)}",
            )

        self.app.push_screen(
            PromptScreen(
                f"Utsett {who}",
                "Til (i morgen, fredag, 17.5, uke 34 …)",
                check=check,
                placeholder="i morgen",
            ),
            chosen,
        )

    def action_tag(self) -> None:
        from samhandlingsdesk.tui.screens.prompt import PromptScreen

        targets = self.triage_targets()
        if not targets:
            return
        who = targets[0].ref if len(targets) == 1 else f"{len(targets)} saker"

        def chosen(text: str | None) -> None:
            if text is None:
                return
            ids = [t.id for t in targets]
            self.app.write(
                lambda c: c.add_tag(ids, text),
                lambda _r: self.triage_done(),
                success=f"{who}: stikkord «{text.strip()}»",
            )

        self.app.push_screen(
            PromptScreen(f"Stikkord på {who}", "Stikkord", check=tag_check), chosen
        )

    def action_note(self) -> None:
        from samhandlingsdesk.tui.screens.prompt import PromptScreen

        targets = self.triage_targets()
        if len(targets) != 1:
            if targets:
                self.app.notify("Notat legges på én sak om gangen.", severity="warning")
            return
        target = targets[0]

        def chosen(text: str | None) -> None:
            if text is None or not text.strip():
                return
            self.app.write(
                lambda c: c.add_note(target.id, text),
                success=f"Notat lagt til på {target.ref}",
            )

        self.app.push_screen(
            PromptScreen(f"Notat på {target.ref}", "Notat", check=note_check), chosen
        )

    def action_purring(self) -> None:
        """`p`: record that a reminder was sent on the case(s) waiting on others."""
        from samhandlingsdesk.domain.dates import format_date
        from samhandlingsdesk.domain.text.agenda import (
            CHANNELS,
            PURRING_DONE_MANY,
            PURRING_DONE_ONE,
        )
        from samhandlingsdesk.tui.screens.purring import PurringScreen

        targets = self.triage_targets()
        if not targets:
            return
        who = targets[0].ref if len(targets) == 1 else f"{len(targets)} saker"

        def chosen(channel: str | None) -> None:
            if channel is None:
                return
            ids = [t.id for t in targets]
            label = CHANNELS[channel]

            def done(result: Any) -> None:
                for message in list(result.refused.values())[:3]:
                    self.app.notify(message, severity="warning", timeout=8)
                if not result.done:
                    return
                if len(result.done) == 1 and len(targets) == 1:

                    def shown(row: Any) -> None:
                        on = format_date(row.due_on) if row and row.due_on else "–"
                        self.app.notify(
                            PURRING_DONE_ONE.format(ref=result.done[0], channel=label, on=on)
                        )

                    self.app.read(lambda repo: repo.row(ids[0]), shown, group="purring-row")
                else:
                    self.app.notify(PURRING_DONE_MANY.format(n=len(result.done), channel=label))
                self.triage_done()

            self.app.write(lambda c: c.purring(ids, channel), done)

        self.app.push_screen(PurringScreen(who), chosen)

    def action_convert(self) -> None:
        from samhandlingsdesk.tui.screens.confirm import ConfirmScreen

        targets = self.triage_targets()
        if len(targets) != 1 or targets[0].kind != "hospitering":
            self.app.notify(
                "Velg én hospiteringssøknad for å gjøre den om til veiledning.",
                severity="warning",
            )
            return
        target = targets[0]

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.write(
                    lambda c: c.convert_to_veiledning(target.id, target.version),
                    lambda created: self.app.open_case(created.id),
                    success=lambda created: (
                        f"{target.ref} er trukket (omgjort); ny veiledningssak {created.ref}"
                    ),
                )

        self.app.push_screen(
            ConfirmScreen(
                f"Gjøre {target.ref} om til veiledning?",
                "Opplæring om én pasient er veiledning, ikke hospitering. "
                "Det lages en ny veiledningssak som viser til denne (uten hjemmeadressen), "
                "og søknaden trekkes med begrunnelsen «omgjort».",
                yes="Gjør om",
            ),
            confirmed,
        )


def _missing_required(t: lifecycle.Transition, values: dict[str, Any] | None) -> bool:
    needed = [f for f in t.requires if f not in t.fill_today]
    if not needed:
        return False
    if values is None:
        return True
    return any(values.get(f) in (None, "") for f in needed)
