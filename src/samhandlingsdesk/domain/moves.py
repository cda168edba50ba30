"""What a move shows and records: the fields of the move dialog (DOMAIN.md lifecycles,
issue #9 «Every move shows what it records»).

A move writes the fields its lifecycle `Transition` names — decisions it fixes (`fill`),
dates it sets (`fill_today`), fields it requires, a comment — and a few it asks for
besides (the host unit a hospitering goes to, the evaluation form, the LIS1
notifications). `move_fields` lists them in the order the dialog shows them, each
prefilled with a sensible value (the case's own value, else today for a date the move
records, else the matching value of the application), so one key accepts them all and
nothing is stored that the dialog did not show. Pure Python.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from samhandlingsdesk.domain import lifecycle
from samhandlingsdesk.domain.dates import format_date
from samhandlingsdesk.domain.kinds import FieldSpec, kind_spec
from samhandlingsdesk.domain.problems import Problem
from samhandlingsdesk.domain.text import moves as text
from samhandlingsdesk.domain.timelines import early_end, ended_early, timeline_problems, touched

# Fields a move asks for besides what the lifecycle names (kind, target) -> names.
ASKS: dict[tuple[str, str], tuple[str, ...]] = {
    # S3's form leaves unit and contact to «fylles ut av hospiteringsenheten»: optional.
    ("hospitering", "sendt_vertsenhet"): ("host_unit", "host_contact"),
    ("hospitering", "pagar"): ("confidentiality_on",),
    ("hospitering", "gjennomfort"): ("agreed_to",),
    ("hospitering", "evaluert"): ("evaluation_form", "evaluation_notes"),
    ("lis3", "tilbudt"): ("offered_to", "offered_department", "offered_location"),
    # Optional, empty until typed: the follow-up counts to it (DOMAIN.md (b)).
    ("veiledning", "avtalt"): ("planned_delivery_on",),
}

# A field prefilled from another one when it is empty: the application's own value.
PREFILL_FROM: dict[str, str] = {
    "agreed_from": "period_from",
    "agreed_to": "period_to",
    "host_unit": "desired_host_unit",
    "offered_from": "desired_from",
    "offered_to": "desired_to",
    "offered_department": "department",
    "offered_location": "location",
}

# LIS1 «Varslet»: the notifications each notice type needs (DOMAIN.md (c)). Each is
# required but the confirmation, which stands in for the Statsforvalter's date.
LIS1_NOTIFICATIONS: dict[str, tuple[str, ...]] = {
    "frafall_for": (
        "hospital_notified_on",
        "statsforvalter_notified_on",
        "statsforvalter_confirmed",
    ),
    "frafall_under": (
        "hospital_notified_on",
        "statsforvalter_notified_on",
        "statsforvalter_confirmed",
    ),
    "forsinkelse": ("other_party_informed_on",),
    "restplass": ("hospital_notified_on",),
}
CONFIRMED = "statsforvalter_confirmed"
NOTIFYING = ("lis1", "varslet")  # the move (kind, target) that asks for them


@dataclass(frozen=True, slots=True)
class MoveField:
    """One field of the move dialog."""

    spec: FieldSpec
    value: Any  # what the dialog shows first (a date, a choice key, text, or None)
    required: bool = False
    fixed: bool = False  # decided by the move itself: shown, not typed
    hint: str = ""
    differs: tuple[tuple[str, Any], ...] = ()  # bulk: (ref, own value) where cases differ

    @property
    def name(self) -> str:
        return self.spec.name


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _notifications(values: Mapping[str, Any]) -> tuple[str, ...]:
    """The notifications the LIS1 case's notice type needs (none before it is chosen)."""
    return LIS1_NOTIFICATIONS.get(str(values.get("notice_type")), ())


def field_names(kind: str, t: lifecycle.Transition, values: Mapping[str, Any]) -> list[str]:
    """The editable fields of move `t`, in dialog order (no fixed decisions)."""
    names: list[str] = []
    if t.comment_field:
        names.append(t.comment_field)
    for name in (*t.requires, *t.fill_today, *ASKS.get((kind, t.target), ())):
        if name not in names:
            names.append(name)
    if (kind, t.target) == NOTIFYING:
        if not _filled(values.get("notice_type")):
            names.append("notice_type")
        names.extend(_notifications(values))
    return names


def required_names(kind: str, t: lifecycle.Transition, values: Mapping[str, Any]) -> set[str]:
    """The fields of move `t` that must be filled: what the lifecycle names, and on LIS1
    «Varslet» the notice type and its notifications (the Statsforvalter's date unless the
    case says the Statsforvalter confirmed it)."""
    req = set(t.requires) | set(t.fill_today)
    if t.comment_field:
        req.add(t.comment_field)
    if (kind, t.target) == NOTIFYING:
        req.update(("notice_type", *_notifications(values)))
        req.discard(CONFIRMED)
        if values.get(CONFIRMED) is True:
            req.discard("statsforvalter_notified_on")
    return req


def prefill(
    kind: str, t: lifecycle.Transition, name: str, values: Mapping[str, Any], today: date
) -> Any:
    """The value the dialog shows first for `name`."""
    own = values.get(name)
    if name == early_end(kind, t.target):
        # An early end: the real end date goes into the period (DOMAIN.md «Timelines»).
        return today if ended_early(kind, t.target, values, today) else own
    if _filled(own):
        return own
    if name in t.fill_today:
        return today
    return values.get(PREFILL_FROM[name]) if name in PREFILL_FROM else None


def _hint(
    kind: str, t: lifecycle.Transition, name: str, values: Mapping[str, Any], today: date
) -> str:
    own = values.get(name)
    if name == early_end(kind, t.target):
        agreed_end = ended_early(kind, t.target, values, today)
        return text.EARLY_END_HINT.format(end=format_date(agreed_end)) if agreed_end else ""
    if name == "statsforvalter_notified_on":
        return text.STATSFORVALTER_HINT
    source = PREFILL_FROM.get(name)
    if source and not _filled(own) and _filled(values.get(source)):
        return text.FROM_APPLICATION
    return ""


def move_fields(
    kind: str,
    t: lifecycle.Transition,
    cases: Sequence[tuple[str, Mapping[str, Any]]],
    today: date,
) -> list[MoveField]:
    """The dialog's fields for move `t` of the cases given as (ref, values): the fixed
    decisions first, then the fields to fill. For several cases, a field whose prefill
    differs between them starts empty and says which cases differ (empty keeps each
    case's own)."""
    spec = kind_spec(kind)
    out = [MoveField(spec.field(name), value, fixed=True) for name, value in t.fill]
    names: list[str] = []
    for _ref, values in cases:  # bulk: the fields any of the cases needs
        names.extend(n for n in field_names(kind, t, values) if n not in names)
    for name in names:
        per_case = [
            (ref, prefill(kind, t, name, v, today))
            for ref, v in cases
            if name in field_names(kind, t, v)
        ]
        distinct = {repr(v) for _, v in per_case}
        required = any(name in required_names(kind, t, v) for _, v in cases)
        if len(distinct) > 1:
            out.append(MoveField(spec.field(name), None, required, differs=tuple(per_case)))
        else:
            value = per_case[0][1]
            hint = _hint(kind, t, name, cases[0][1], today) if len(cases) == 1 else ""
            out.append(MoveField(spec.field(name), value, required, hint=hint))
    return out


def case_changes(
    kind: str,
    t: lifecycle.Transition,
    fields: Sequence[MoveField],
    typed: Mapping[str, Any],
    values: Mapping[str, Any],
    today: date,
) -> dict[str, Any]:
    """What move `t` writes to one case: each field as typed, and where a bulk field
    that differed was left empty, the case's own prefill (shown in the dialog)."""
    out: dict[str, Any] = {}
    own = set(field_names(kind, t, values))
    for f in fields:
        if f.name not in own:  # a fixed decision is the move's own (`t.fill`), not typed
            continue
        value = typed.get(f.name)
        if not _filled(value) and f.differs:
            value = prefill(kind, t, f.name, values, today)
        out[f.name] = value
    return out


def check_move(
    kind: str,
    t: lifecycle.Transition,
    values: Mapping[str, Any],
    changes: Mapping[str, Any],
    reason: str | None,
    today: date,
) -> list[Problem]:
    """Everything that refuses or warns about move `t` of a case with `values` making
    `changes`: what the lifecycle requires (at the missing field) and the timelines."""
    after = {**values, **changes, **dict(t.fill)}
    problems: list[Problem] = []
    names = field_names(kind, t, after)
    required = required_names(kind, t, after)
    spec = kind_spec(kind)
    for name in names:
        if name in required and not _filled(after.get(name)):
            msg = text.REQUIRED.format(label=spec.field(name).label)
            problems.append(Problem(name, "move.required", msg))
    # The lifecycle's own sentence says the whole of it; the fields above say where.
    refusal = lifecycle.check_transition(kind, t.source, t.target, after, reason)
    if refusal is not None:
        problems.append(Problem("", "move.refused", refusal.message))
    timeline = timeline_problems(kind, t.source, t.target, after, today)
    problems.extend(touched(timeline, changes, moving=True))
    return problems
