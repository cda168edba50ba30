"""The timeline rules of DOMAIN.md «Timelines»: dates that cannot be (refused) or that
are unusual (warned), checked on every write — edits, moves, bulk moves and imports — by
the one validation in `validate.py`. Pure Python.

Refused: a decision, notification, sending or receipt in the future; received by the
host before it was sent; an evaluation planned before the stay starts (the agreed
period, else the applied one); the end of a period before its start (`DATE_PAIRS`: the
LIS3 planned periods among them); a veiledning planned to be delivered before it was
agreed; a network reported before its date; the status dates a file gives
(`status_date_problems`): «Status siden» or «Lukket» in the future, «Lukket» before the
case was received or on a case that is open. Warned, then allowed: an evaluation
planned before the stay ends; «Pågår» before the agreed start; «Gjennomført» before the
agreed end; «Pågår» without a confidentiality date. The warnings about a status are given
on the move into it only.

An early end (`EARLY_END`): the move into «Gjennomført» records the real end of the stay
in the agreed period's end — the dialog offers today when the agreed end is later
(`domain/moves.py`), the period end may then come before the agreed start (a stay ended
before it began), and the history shows the end it had. Keeping an agreed end after
today on that move is warned about.

A problem refuses unless it says it warns (`WARN`). Every problem names the field the
user must look at; callers keep only the problems of
what a change touches (DESIGN.md: data stored before a rule existed never blocks an
edit of another field) — see `touched`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from samhandlingsdesk.domain.dates import format_date
from samhandlingsdesk.domain.kinds import CLOSED_ON, STATUS_DATE_FIELDS, kind_spec
from samhandlingsdesk.domain.problems import REFUSE, WARN, Problem
from samhandlingsdesk.domain.text import moves as text

# Dates of things that have happened: a decision, notification, sending or receipt.
HAPPENED: dict[str, tuple[str, ...]] = {
    "hospitering": (
        "received_on",
        "own_leader_on",
        "sent_on",
        "host_received_on",
        "host_leader_on",
        "feedback_on",
    ),
    "veiledning": ("received_on", "agreed_on"),
    "lis1": (
        "received_on",
        "hospital_notified_on",
        "statsforvalter_notified_on",
        "other_party_informed_on",
    ),
    "lis3": (
        "received_on",
        "plan_assigned_on",
        "confirmation_requested_on",
        "change_reported_on",
    ),
    "nettverk": ("received_on", "announced_on"),
}

# (start, end) pairs of a period: the end may not come before the start.
DATE_PAIRS: tuple[tuple[str, str], ...] = (
    ("period_from", "period_to"),
    ("agreed_from", "agreed_to"),
    ("hospital_from", "hospital_to"),
    ("municipal_from", "municipal_to"),
    ("new_expected_from", "new_expected_to"),
    ("desired_from", "desired_to"),
    ("offered_from", "offered_to"),
)

# The moves that record the real end of a stay (kind, target status) -> the period's end
# field: an early end goes there, whatever the period's start (DOMAIN.md «Timelines»).
EARLY_END: dict[tuple[str, str], str] = {("hospitering", "gjennomfort"): "agreed_to"}

# Problem codes (stable: screens and tests act on these, never on the wording).
END_BEFORE_START = "end_before_start"
IN_FUTURE = "timeline.in_future"
HOST_RECEIVED_BEFORE_SENT = "timeline.host_received_before_sent"
EVALUATION_BEFORE_START = "timeline.evaluation_before_start"
EVALUATION_BEFORE_END = "timeline.evaluation_before_end"
NETWORK_REPORTED_BEFORE = "timeline.network_reported_before_date"
ONGOING_BEFORE_START = "timeline.ongoing_before_start"
DONE_BEFORE_END = "timeline.done_before_end"
ONGOING_WITHOUT_CONFIDENTIALITY = "timeline.ongoing_without_confidentiality"
PLANNED_DELIVERY_BEFORE_AGREED = "timeline.planned_delivery_before_agreed"
CLOSED_BEFORE_RECEIVED = "timeline.closed_before_received"
CLOSED_WHILE_OPEN = "timeline.closed_while_open"


@dataclass(frozen=True, slots=True)
class Order:
    """Of a case of `kind`, the date `then` cannot come before `first`: refused with
    `sentence`, which names the earlier date `{<first_key>}`."""

    kind: str
    first: str
    then: str
    code: str
    sentence: str
    first_key: str


# Things that happen in order (DOMAIN.md «Timelines»): the host receives the application
# after it was sent; a veiledning is planned to be delivered after it was agreed.
ORDER: tuple[Order, ...] = (
    Order(
        "hospitering",
        "sent_on",
        "host_received_on",
        HOST_RECEIVED_BEFORE_SENT,
        text.HOST_RECEIVED_BEFORE_SENT,
        "sent",
    ),
    Order(
        "veiledning",
        "agreed_on",
        "planned_delivery_on",
        PLANNED_DELIVERY_BEFORE_AGREED,
        text.PLANNED_DELIVERY_BEFORE_AGREED,
        "agreed",
    ),
)

# Codes about the status itself (not one date): a move checks them whatever it changed.
STATUS_CODES = frozenset(
    {
        NETWORK_REPORTED_BEFORE,
        ONGOING_BEFORE_START,
        DONE_BEFORE_END,
        ONGOING_WITHOUT_CONFIDENTIALITY,
    }
)


def _d(values: Mapping[str, Any], name: str) -> date | None:
    v = values.get(name)
    if isinstance(v, datetime):
        return v.date()
    return v if isinstance(v, date) else None


def stay(values: Mapping[str, Any]) -> tuple[date | None, date | None, str]:
    """A hospitering stay: the agreed period, else the applied one, and which it is."""
    if _d(values, "agreed_from") or _d(values, "agreed_to"):
        return _d(values, "agreed_from"), _d(values, "agreed_to"), text.PERIOD_AGREED
    return _d(values, "period_from"), _d(values, "period_to"), text.PERIOD_APPLIED


def early_end(kind: str, target: str) -> str | None:
    """The field the move into `target` writes the real end of the stay to, if any."""
    return EARLY_END.get((kind, target))


def ended_early(kind: str, target: str, values: Mapping[str, Any], today: date) -> date | None:
    """The agreed end in `values` when the move into `target` comes before it (an early
    end: today, the real end, goes into the period), else None."""
    name = early_end(kind, target)
    if name is None:
        return None
    agreed_end = _d(values, name)
    return agreed_end if agreed_end is not None and today < agreed_end else None


def pair_problems(
    kind: str, values: Mapping[str, Any], *, early: str | None = None
) -> list[Problem]:
    """An end date before its start (`DATE_PAIRS`), on the end field; none on `early`,
    the field an early end is being written to."""
    spec = kind_spec(kind)
    names = {f.name for f in spec.fields}
    out: list[Problem] = []
    for start, end in DATE_PAIRS:
        if end not in names or end == early:  # a kind has both of a pair or neither
            continue
        a, b = _d(values, start), _d(values, end)
        if a and b and b < a:
            msg = text.END_BEFORE_START.format(
                end_label=spec.field(end).label,
                end=format_date(b),
                start_label=spec.field(start).label,
                start=format_date(a),
            )
            out.append(Problem(end, END_BEFORE_START, msg))
    return out


def order_problems(kind: str, values: Mapping[str, Any]) -> list[Problem]:
    """A thing that happened before what must come first (`ORDER`), on the later date."""
    out: list[Problem] = []
    for o in ORDER:
        first, then = _d(values, o.first), _d(values, o.then)
        if o.kind == kind and first and then and then < first:
            label = kind_spec(kind).field(o.then).label
            msg = o.sentence.format(
                label=label, on=format_date(then), **{o.first_key: format_date(first)}
            )
            out.append(Problem(o.then, o.code, msg))
    return out


def _evaluation_problems(values: Mapping[str, Any], label: str) -> list[Problem]:
    """A hospitering's evaluation planned before its stay starts (refused) or ends
    (warned), measured against the agreed period, else the applied one."""
    start, end, period = stay(values)
    planned = _d(values, "evaluation_planned_on")
    if planned and start and planned < start:
        sentence, code, severity, at = (
            text.EVALUATION_BEFORE_START,
            EVALUATION_BEFORE_START,
            REFUSE,
            start,
        )
    elif planned and end and planned < end:
        sentence, code, severity, at = text.EVALUATION_BEFORE_END, EVALUATION_BEFORE_END, WARN, end
    else:
        return []
    on, at_text = format_date(planned), format_date(at)
    msg = sentence.format(label=label, on=on, start=at_text, end=at_text, period=period)
    return [Problem("evaluation_planned_on", code, msg, severity)]


def timeline_problems(
    kind: str,
    before_status: str | None,
    status: str,
    values: Mapping[str, Any],
    today: date,
) -> list[Problem]:
    """Problems with the dates of a case of `kind` that is (or moves) from
    `before_status` (None for a new case) to `status` with these field `values`."""
    spec = kind_spec(kind)
    label = lambda name: spec.field(name).label  # noqa: E731
    fmt = format_date
    moving = before_status != status
    out = pair_problems(kind, values, early=early_end(kind, status) if moving else None)

    for name in HAPPENED[kind]:
        on = _d(values, name)
        if on is not None and on > today:
            msg = text.IN_FUTURE.format(label=label(name), on=fmt(on), today=fmt(today))
            out.append(Problem(name, IN_FUTURE, msg))

    out.extend(order_problems(kind, values))

    if kind == "hospitering":
        out.extend(_evaluation_problems(values, label("evaluation_planned_on")))
        agreed_from = _d(values, "agreed_from")
        if moving and status == "pagar":
            if agreed_from and today < agreed_from:
                msg = text.ONGOING_BEFORE_START.format(start=fmt(agreed_from), today=fmt(today))
                out.append(Problem("agreed_from", ONGOING_BEFORE_START, msg, WARN))
            if _d(values, "confidentiality_on") is None:
                msg = text.ONGOING_WITHOUT_CONFIDENTIALITY
                out.append(
                    Problem("confidentiality_on", ONGOING_WITHOUT_CONFIDENTIALITY, msg, WARN)
                )

    agreed_end = ended_early(kind, status, values, today) if moving else None
    if agreed_end is not None:
        msg = text.DONE_BEFORE_END.format(end=fmt(agreed_end), today=fmt(today))
        out.append(Problem(EARLY_END[kind, status], DONE_BEFORE_END, msg, WARN))

    if kind == "nettverk" and status == "rapportert":
        held = _d(values, "held_on")
        if held and today < held:
            msg = text.NETWORK_REPORTED_BEFORE.format(held=fmt(held), today=fmt(today))
            out.append(Problem("held_on", NETWORK_REPORTED_BEFORE, msg))
    return out


def status_date_problems(
    kind: str, status: str, given: Mapping[str, Any], received: date | None, today: date
) -> list[Problem]:
    """Problems with the status dates a file `given` (`status_since`, `closed_on`; the
    desk sets them itself on every move): in the future, «Lukket» before the case was
    received, or «Lukket» on a case whose status is open."""
    fmt = format_date
    out: list[Problem] = []
    for f in STATUS_DATE_FIELDS:
        on = _d(given, f.name)
        if on is not None and on > today:
            msg = text.IN_FUTURE.format(label=f.label, on=fmt(on), today=fmt(today))
            out.append(Problem(f.name, IN_FUTURE, msg))
    closed = _d(given, CLOSED_ON.name)
    st = kind_spec(kind).status(status)
    if closed is not None and st.is_open:
        msg = text.CLOSED_WHILE_OPEN.format(label=CLOSED_ON.label, on=fmt(closed), status=st.label)
        out.append(Problem(CLOSED_ON.name, CLOSED_WHILE_OPEN, msg))
    elif closed is not None and received is not None and closed < received:
        msg = text.CLOSED_BEFORE_RECEIVED.format(
            label=CLOSED_ON.label, on=fmt(closed), received=fmt(received)
        )
        out.append(Problem(CLOSED_ON.name, CLOSED_BEFORE_RECEIVED, msg))
    return out


def touched(problems: Iterable[Problem], changed: Iterable[str], *, moving: bool) -> list[Problem]:
    """The problems a change is answerable for: those of the fields it changed, and on a
    move those about the status itself. An evaluation date is touched by a change of the
    period it is measured against, and the host's receipt by a change of the sent date."""
    names = set(changed)
    if names & {"agreed_from", "agreed_to", "period_from", "period_to"}:
        names.add("evaluation_planned_on")
    names.update(end for start, end in DATE_PAIRS if start in names)
    names.update(o.then for o in ORDER if o.first in names)
    return [p for p in problems if p.field in names or (moving and p.code in STATUS_CODES)]
