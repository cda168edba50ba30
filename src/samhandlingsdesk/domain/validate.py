"""Field validation shared by the forms, the commands and the CSV import.

Every message is Norwegian and names the field by its label. Pure Python.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from samhandlingsdesk.domain import lifecycle
from samhandlingsdesk.domain.dates import format_date
from samhandlingsdesk.domain.kinds import KINDS, STATUS_DATE_FIELDS, FieldSpec, kind_spec
from samhandlingsdesk.domain.limits import kind_of_field, text_problem
from samhandlingsdesk.domain.privacy import screen_text
from samhandlingsdesk.domain.problems import Problem, by_field, refusals
from samhandlingsdesk.domain.timelines import status_date_problems, timeline_problems

EMAIL_RE = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]{2,}$")

# Problem codes of the rules here (besides a field's type for its format).
CODE_REQUIRED = "required"
CODE_REQUIRED_STATUS = "required_status"
CODE_NATIONAL_ID = "national_id"
CODE_MOVE = "move"  # the move itself is not allowed or lacks what it needs

MSG_REQUIRED = "«{label}» må fylles ut."
MSG_REQUIRED_STATUS = "«{label}» må fylles ut når status er «{status}»."
MSG_EMAIL = "«{value}» er ikke en gyldig e-postadresse."
MSG_PHONE = "Telefonnummeret må ha 8 sifre (f.eks. 97 71 23 45), eller starte med + og landskode."
MSG_INT = "«{label}» må være et helt tall, 0 eller mer."
MSG_CHOICE = "«{value}» er ikke et gyldig valg for «{label}». Gyldige: {choices}."


def normalize_phone(text: str | None) -> str | None:
    """Digits only; a Norwegian +47/0047 prefix dropped; foreign numbers keep a leading +."""
    if text is None:
        return None
    raw = text.strip()
    if not raw:
        return None
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+") or raw.startswith("00"):
        if raw.startswith("00"):
            digits = digits[2:]
        if digits.startswith("47") and len(digits) == 10:
            return digits[2:]
        return "+" + digits
    if digits.startswith("47") and len(digits) == 10:
        return digits[2:]
    return digits


def phone_problem(text: str | None) -> str | None:
    value = normalize_phone(text)
    if value is None:
        return None
    if value.startswith("+47"):
        return MSG_PHONE  # a Norwegian number with 8 digits was normalised to them
    if value.startswith("+"):
        return None if 6 <= len(value) - 1 <= 15 else MSG_PHONE
    return None if len(value) == 8 else MSG_PHONE


def format_phone(value: str | None) -> str:
    """`97712345` -> `97 71 23 45`; foreign numbers are shown as stored."""
    if not value:
        return ""
    if len(value) == 8 and value.isdigit():
        return " ".join(value[i : i + 2] for i in range(0, 8, 2))
    return value


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


@cache
def required_for_status(kind: str, status: str) -> frozenset[str]:
    """Fields a case must have in `status`: what every way into it required."""
    spec = kind_spec(kind)
    req: dict[str, frozenset[str] | None] = {s.key: None for s in spec.statuses}
    req[spec.first_status] = frozenset()
    changed = True
    while changed:
        changed = False
        for s in spec.statuses:
            if s.key == spec.first_status:
                continue
            known = [
                frozenset(t.requires) | req[t.source]  # type: ignore[operator]
                for t in lifecycle.TRANSITIONS[kind]
                if t.target == s.key and req[t.source] is not None
            ]
            if not known:
                continue
            new = frozenset.intersection(*known)
            if new != req[s.key]:
                req[s.key] = new
                changed = True
    return req[status] or frozenset()


def field_check(f: FieldSpec, value: Any) -> Problem | None:
    """A problem with one value on its own (not whether it is required), with its code."""
    if not _filled(value):
        return None
    if f.type in ("text", "longtext", "party", "email"):
        text = str(value)  # free text that came in as a number is screened all the same
        limit = text_problem(text, kind_of_field(f.type))
        if limit is not None:
            return Problem(f.name, limit[0], limit[1])
        if (id_problem := screen_text(text)) is not None:
            return Problem(f.name, CODE_NATIONAL_ID, id_problem)
    if f.type == "email" and not EMAIL_RE.match(str(value).strip()):
        return Problem(f.name, f.type, MSG_EMAIL.format(value=value))
    if f.type == "phone" and (message := phone_problem(str(value))) is not None:
        return Problem(f.name, f.type, message)
    if f.type == "int" and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        return Problem(f.name, f.type, MSG_INT.format(label=f.label))
    if f.type == "choice" and value not in {k for k, _ in f.choices}:
        choices = ", ".join(label for _, label in f.choices)
        return Problem(
            f.name, f.type, MSG_CHOICE.format(value=value, label=f.label, choices=choices)
        )
    return None


def field_problem(f: FieldSpec, value: Any) -> str | None:
    """The message of `field_check`, for a field checked while it is typed."""
    problem = field_check(f, value)
    return problem.message if problem else None


def _value_problems(kind: str, status: str, values: Mapping[str, Any]) -> list[Problem]:
    """Every problem of a whole set of values in `status`, fields in form order."""
    spec = KINDS[kind]
    problems: list[Problem] = []
    status_req = required_for_status(kind, status)
    for f in spec.all_fields:
        value = values.get(f.name)
        problem = field_check(f, value)
        if problem:
            problems.append(problem)
        elif not _filled(value):
            if f.required:
                problems.append(Problem(f.name, CODE_REQUIRED, MSG_REQUIRED.format(label=f.label)))
            elif f.name in status_req:
                message = MSG_REQUIRED_STATUS.format(
                    label=f.label, status=spec.status(status).label
                )
                problems.append(Problem(f.name, CODE_REQUIRED_STATUS, message))
    return problems


def validate_edit(
    kind: str,
    status: str,
    old: Mapping[str, Any],
    changes: Mapping[str, Any],
    *,
    today: date,
) -> list[Problem]:
    """The one validation of a write: a new case (`old` empty), an edit, a move (`status`
    differs from `old["status"]`), a bulk move or an import.

    Checks the values the case will have (`old` with `changes` over it) in `status`:
    formats, required fields, fields the status requires, national IDs in free text and
    the timeline rules (`timelines.timeline_problems`: an end before its start, dates in
    the future, an early end ...). A rule answers only for what the change touches: a
    problem the stored values already had, on a field the change leaves alone, is not
    reported — old data never blocks editing another field.
    Returns Problems in form order (fields, then the case as a whole); callers act on
    `severity` and `code`, never on the message.
    """
    before = old.get("status")  # None for a new case: it moves into its first status
    merged = {**old, **changes}
    problems = _value_problems(kind, status, merged)
    problems += timeline_problems(kind, before, status, merged, today)
    # The status dates are the desk's own (set by every move); a file that gives them
    # answers for them (DOMAIN.md «Dates that statistics and retention count from»).
    given = {f.name: changes[f.name] for f in STATUS_DATE_FIELDS if f.name in changes}
    if given:
        received = merged.get("received_on")
        received = received if isinstance(received, date) else None
        problems += status_date_problems(kind, status, given, received, today)
    if not old:
        return problems
    old_status = old.get("status") or status
    had = {(p.field, p.code) for p in _value_problems(kind, old_status, old)}
    had |= {(p.field, p.code) for p in timeline_problems(kind, before, old_status, old, today)}
    touched = set(changes)
    return [p for p in problems if p.field in touched or (p.field, p.code) not in had]


def validate_move(
    kind: str,
    source: str,
    target: str,
    old: Mapping[str, Any],
    changes: Mapping[str, Any],
    reason: str | None,
    *,
    today: date,
) -> tuple[dict[str, Any], list[Problem]]:
    """A move of a case with stored values `old` from `source` to `target`, filling in
    `changes`: the field changes it writes (the user's, the move's own fills and the
    status) and every problem — the move's rule (`lifecycle.check_transition`, as one
    problem on the case as a whole, code CODE_MOVE) and `validate_edit` of the values."""
    old = {**old, "status": source}
    t = lifecycle.find_transition(kind, source, target)
    values = {**old, **changes}
    fills = lifecycle.apply_fills(t, values, today) if t else {}
    values.update(fills)
    writes: dict[str, Any] = {**changes, **fills, "status": target}
    refusal = lifecycle.check_transition(kind, source, target, values, reason)
    if refusal is not None:
        return writes, [Problem("", CODE_MOVE, refusal.message)]
    return writes, validate_edit(kind, target, old, writes, today=today)


def validate_values(
    kind: str,
    values: Mapping[str, Any],
    status: str | None = None,
    *,
    today: date | None = None,
) -> dict[str, str]:
    """Field name -> Norwegian message for every refusal of a new case with `values`;
    empty when all is well. `validate_edit` with nothing stored."""
    status = status or KINDS[kind].first_status
    problems = validate_edit(kind, status, {}, values, today=today or date.today())
    return by_field(refusals(problems))


MSG_SNOOZE_FUTURE = "Velg en dato etter i dag ({today})."


def snooze_problem(until: date | None, today: date) -> str | None:
    """A case can be snoozed only to a day after today (None wakes it: always fine)."""
    if until is not None and until <= today:
        return MSG_SNOOZE_FUTURE.format(today=format_date(today))
    return None
