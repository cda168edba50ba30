"""Allowed transitions per kind and what each one requires (DOMAIN.md).

A transition is refused with a Norwegian sentence that says why; warnings that never block
live in `deadlines.py` as flags. Pure Python.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from samhandlingsdesk.domain import reasons
from samhandlingsdesk.domain.kinds import KINDS, kind_spec

# Reason choices (key, label): the keys are stored, the labels shown (domain/reasons.py).
# Veiledning: the duty is absolute, so lack of resources is never a choice.
VEILEDNING_DECLINE_REASONS: tuple[tuple[str, str], ...] = reasons.choices(reasons.DECLINE_KEYS)
WITHDRAW_REASONS: tuple[tuple[str, str], ...] = reasons.choices(reasons.WITHDRAW_KEYS)
CANCEL_REASONS: tuple[tuple[str, str], ...] = reasons.choices(reasons.CANCEL_KEYS)
RESOURCE_WORDS = ("ressurs", "kapasitet", "arbeidsbelastning", "bemanning", "tid ")

MSG_REASON_REQUIRED = "«{label}» krever en begrunnelse."
MSG_REASON_NOT_ALLOWED = "«{reason}» er ikke en gyldig grunn her. Velg en av: {choices}."
MSG_VEILEDNING_RESOURCES = (
    "Veiledningsplikten er absolutt: mangel på ressurser eller stor arbeidsbelastning "
    "er aldri en grunn til å avvise."
)
MSG_NOT_ALLOWED = "Fra «{src}» kan saken ikke gå til «{dst}»."
MSG_MISSING = "«{label}» krever {fields}."
MSG_COMMENT_REQUIRED = "«{label}» krever en kommentar i «{field}»."


@dataclass(frozen=True, slots=True)
class Transition:
    """One allowed move from `source` to `target`.

    requires: fields that must be filled after the move (the form may fill them).
    fill_today: date fields set to today when empty (e.g. "sendt" sets `sent_on`).
    fill: fields set to a fixed value (e.g. a decision) when the move is made.
    reason: the move needs a reason; reason_choices limits it (key, label).
    comment_field: a free-text field that must be filled (e.g. own leader's comment).
    check: a function returning the Norwegian sentences of what is still missing.
    """

    source: str
    target: str
    label: str
    requires: tuple[str, ...] = ()
    fill_today: tuple[str, ...] = ()
    fill: tuple[tuple[str, str], ...] = ()
    reason: bool = False
    reason_choices: tuple[tuple[str, str], ...] = ()
    comment_field: str | None = None
    check: Callable[[Mapping[str, Any]], list[str]] | None = None
    closing: bool = False  # reject / decline / withdraw / cancel


@dataclass(frozen=True, slots=True)
class Refusal:
    transition: Transition | None
    reasons: tuple[str, ...]

    @property
    def message(self) -> str:
        """The reasons as sentences: each ends with a full stop."""
        return " ".join(r if r.endswith((".", "!", "?")) else f"{r}." for r in self.reasons)


def _lis1_check(values: Mapping[str, Any]) -> list[str]:
    # Imported here so lifecycle does not pull deadlines at import time for nothing.
    from samhandlingsdesk.domain.deadlines import lis1_missing_notifications

    if not values.get("notice_type"):
        return ["Velg type varsel først."]
    return list(lis1_missing_notifications(values))


def _withdraw(
    kind: str, target: str, label: str, choices: tuple[tuple[str, str], ...]
) -> list[Transition]:  # pragma: no mutate block
    # _withdraw and _build run once, at import: a mutation tool that switches mutants on
    # after the import cannot reach them (hence the pragmas); tests/domain/
    # test_transition_fills.py and test_lifecycle.py pin the table they build.
    spec = kind_spec(kind)
    return [
        Transition(s.key, target, label, reason=True, reason_choices=choices, closing=True)
        for s in spec.statuses
        if s.is_open
    ]


def _build() -> dict[str, list[Transition]]:  # pragma: no mutate block
    h = [
        Transition("mottatt", "hos_egen_leder", "Send til egen leder"),
        Transition(
            "hos_egen_leder",
            "godkjent_egen_leder",
            "Godkjent av egen leder",
            fill=(("own_leader_decision", "innvilget"),),
            fill_today=("own_leader_on",),
        ),
        Transition(
            "hos_egen_leder",
            "avslatt_egen_leder",
            "Avslått av egen leder",
            fill=(("own_leader_decision", "ikke_innvilget"),),
            fill_today=("own_leader_on",),
            comment_field="own_leader_comment",
            closing=True,
        ),
        Transition(
            "godkjent_egen_leder",
            "sendt_vertsenhet",
            "Send til vertsenhet",
            fill_today=("sent_on",),
        ),
        Transition(
            "sendt_vertsenhet",
            "mottatt_vertsenhet",
            "Mottatt av vertsenhet",
            fill_today=("host_received_on",),
        ),
        Transition(
            "mottatt_vertsenhet",
            "godkjent_vertsenhet",
            "Godkjent av vertsenhet",
            fill=(("host_leader_decision", "innvilget"),),
            fill_today=("host_leader_on",),
        ),
        Transition(
            "mottatt_vertsenhet",
            "avslatt_vertsenhet",
            "Avslått av vertsenhet",
            fill=(("host_leader_decision", "ikke_innvilget"),),
            fill_today=("host_leader_on",),
            comment_field="host_leader_comment",
            closing=True,
        ),
        Transition(
            "godkjent_vertsenhet",
            "tilbakemeldt",
            "Gi tilbakemelding (innvilget)",
            fill=(("feedback_decision", "innvilget"),),
            fill_today=("feedback_on",),
        ),
        Transition(
            "avslatt_egen_leder",
            "tilbakemeldt_avslag",
            "Meddel avslag",
            fill=(("feedback_decision", "ikke_innvilget"),),
            fill_today=("feedback_on",),
        ),
        Transition(
            "avslatt_vertsenhet",
            "tilbakemeldt_avslag",
            "Meddel avslag",
            fill=(("feedback_decision", "ikke_innvilget"),),
            fill_today=("feedback_on",),
        ),
        Transition(
            "tilbakemeldt",
            "avtalt",
            "Avtalt",
            requires=("agreed_from", "agreed_to", "evaluation_planned_on"),
        ),
        Transition("avtalt", "pagar", "Start hospiteringen"),
        Transition("pagar", "gjennomfort", "Gjennomført"),
        Transition(
            "gjennomfort",
            "evaluert",
            "Evaluert",
            requires=("evaluation_done_on",),
            fill_today=("evaluation_done_on",),
        ),
        *_withdraw("hospitering", "trukket", "Trekk søknaden", WITHDRAW_REASONS),
    ]
    v = [
        Transition("mottatt", "vurdert", "Vurdert"),
        Transition(
            "vurdert",
            "avtalt",
            "Avtal veiledning",
            requires=("agreement",),
            fill_today=("agreed_on",),
        ),
        Transition(
            "vurdert",
            "avvist",
            "Avvis",
            reason=True,
            reason_choices=VEILEDNING_DECLINE_REASONS,
            closing=True,
        ),
        Transition("avtalt", "levert", "Levert", fill_today=("delivered_on",)),
        Transition("levert", "lukket", "Lukk saken"),
        *_withdraw("veiledning", "trukket", "Trukket av parten", WITHDRAW_REASONS),
    ]
    l1 = [
        Transition("mottatt", "varsles", "Start varsling", requires=("notice_type",)),
        Transition("varsles", "varslet", "Varslet", check=_lis1_check),
        Transition("varslet", "avsluttet", "Avslutt"),
        *_withdraw("lis1", "trukket", "Trekk varselet", WITHDRAW_REASONS),
    ]
    l3 = [
        Transition(
            "registrert",
            "i_ko",
            "Sett i kø",
            requires=("desired_from",),
            fill_today=("queued_on",),
        ),
        Transition(
            "i_ko",
            "bekreftelse_bedt",
            "Be om bekreftelse",
            fill_today=("confirmation_requested_on",),
        ),
        Transition("bekreftelse_bedt", "bekreftet", "Bekreftet av kommunen"),
        Transition(
            "bekreftelse_bedt",
            "i_ko",
            "Endret: tilbake i kø",
            fill_today=("change_reported_on",),
        ),
        Transition("bekreftet", "tilbudt", "Tilby tjeneste", requires=("offered_from",)),
        Transition("tilbudt", "sokt_vikariat", "Legen har søkt vikariat"),
        Transition("sokt_vikariat", "pagar", "Tjenesten er i gang"),
        Transition("pagar", "fullfort", "Fullført"),
        *_withdraw("lis3", "avlyst", "Avlys", CANCEL_REASONS),
    ]
    n = [
        Transition(
            "planlagt",
            "kunngjort",
            "Kunngjort",
            requires=("announced_on",),
            fill_today=("announced_on",),
        ),
        Transition("kunngjort", "gjennomfort", "Gjennomført"),
        Transition("gjennomfort", "rapportert", "Rapportert"),
        *_withdraw("nettverk", "avlyst", "Avlys", CANCEL_REASONS),
    ]
    return {"hospitering": h, "veiledning": v, "lis1": l1, "lis3": l3, "nettverk": n}


TRANSITIONS: dict[str, list[Transition]] = _build()


def transitions_from(kind: str, status: str) -> list[Transition]:
    """Every move the lifecycle offers from `status`, forward moves first."""
    moves = [t for t in TRANSITIONS[kind] if t.source == status]
    return sorted(moves, key=lambda t: t.closing)


def forward_transitions(kind: str, status: str) -> list[Transition]:
    """The moves that advance a case (not reject/decline/withdraw/cancel)."""
    return [t for t in transitions_from(kind, status) if not t.closing]


def closing_transitions(kind: str, status: str) -> list[Transition]:
    return [t for t in transitions_from(kind, status) if t.closing]


def find_transition(kind: str, source: str, target: str) -> Transition | None:
    for t in TRANSITIONS[kind]:
        if t.source == source and t.target == target:
            return t
    return None


def _filled(value: Any) -> bool:
    if value is None:
        return False
    return not (isinstance(value, str) and not value.strip())


def _labels(kind: str, names: list[str]) -> str:
    spec = kind_spec(kind)
    labels = [f"«{spec.field(n).label}»" for n in names]
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " og " + labels[-1]


def mentions_resources(text: str | None) -> bool:
    if not text:
        return False
    low = f"{text.lower()} "
    return any(w in low for w in RESOURCE_WORDS)


def check_transition(
    kind: str,
    source: str,
    target: str,
    values: Mapping[str, Any],
    reason: str | None = None,
) -> Refusal | None:
    """None if the move is allowed with these values (after any fill), else a Refusal.

    `values` are the case's fields as they will be after the move: callers apply
    `apply_fills` first, so a date the move fills with today is not reported missing.
    """
    spec = KINDS[kind]
    t = find_transition(kind, source, target)
    if t is None:
        src = spec.status(source).label if spec.has_status(source) else source
        dst = spec.status(target).label if spec.has_status(target) else target
        return Refusal(None, (MSG_NOT_ALLOWED.format(src=src, dst=dst),))
    problems: list[str] = []
    missing = [f for f in t.requires if not _filled(values.get(f))]
    if missing:
        problems.append(MSG_MISSING.format(label=t.label, fields=_labels(kind, missing)))
    if t.comment_field and not _filled(values.get(t.comment_field)):
        problems.append(
            MSG_COMMENT_REQUIRED.format(label=t.label, field=spec.field(t.comment_field).label)
        )
    if t.reason:
        if not _filled(reason):
            problems.append(MSG_REASON_REQUIRED.format(label=t.label))
        elif t.reason_choices and reason not in {k for k, _ in t.reason_choices}:
            # Only a decline is bound by the absolute duty; a withdrawal is the requester's.
            if t.reason_choices is VEILEDNING_DECLINE_REASONS and mentions_resources(reason):
                problems.append(MSG_VEILEDNING_RESOURCES)
            else:
                choices = "; ".join(label for _, label in t.reason_choices)
                problems.append(MSG_REASON_NOT_ALLOWED.format(reason=reason, choices=choices))
    if t.check is not None:
        problems.extend(t.check(values))
    return Refusal(t, tuple(problems)) if problems else None


def apply_fills(t: Transition, values: Mapping[str, Any], today: Any) -> dict[str, Any]:
    """The field changes a move makes on its own: today's date and fixed decisions."""
    changes: dict[str, Any] = {}
    for name in t.fill_today:
        if not _filled(values.get(name)):
            changes[name] = today
    for name, value in t.fill:
        if values.get(name) != value:
            changes[name] = value
    return changes


def is_terminal(kind: str, status: str) -> bool:
    return not kind_spec(kind).status(status).is_open
