"""Field validation shared by the forms, the commands and the CSV import.

Every message is Norwegian and names the field by its label. Pure Python.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from samhandlingsdesk.domain.kinds import KINDS, FieldSpec, kind_spec
from samhandlingsdesk.domain.limits import kind_of_field, text_problem
from samhandlingsdesk.domain.privacy import screen_text

EMAIL_RE = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]{2,}$")

# (start, end) pairs: the end may not come before the start.
DATE_PAIRS: tuple[tuple[str, str], ...] = (
    ("period_from", "period_to"),
    ("agreed_from", "agreed_to"),
    ("hospital_from", "hospital_to"),
    ("municipal_from", "municipal_to"),
    ("new_expected_from", "new_expected_to"),
    ("desired_from", "desired_to"),
    ("offered_from", "offered_to"),
)

MSG_REQUIRED = "«{label}» må fylles ut."
MSG_REQUIRED_STATUS = "«{label}» må fylles ut når status er «{status}»."
MSG_EMAIL = "«{value}» er ikke en gyldig e-postadresse."
MSG_PHONE = "Telefonnummeret må ha 8 sifre (f.eks. 97 71 23 45), eller starte med + og landskode."
MSG_END_BEFORE_START = "«{end}» ({end_v}) kan ikke være før «{start}» ({start_v})."
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


def _fmt(d: Any) -> str:
    return d.strftime("%d.%m.%Y") if isinstance(d, date) else str(d)


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


@cache
def required_for_status(kind: str, status: str) -> frozenset[str]:
    """Fields a case must have in `status`: what every way into it required."""
    from samhandlingsdesk.domain.lifecycle import TRANSITIONS

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
                for t in TRANSITIONS[kind]
                if t.target == s.key and req[t.source] is not None
            ]
            if not known:
                continue
            new = frozenset.intersection(*known)
            if new != req[s.key]:
                req[s.key] = new
                changed = True
    return req[status] or frozenset()


def field_problem(f: FieldSpec, value: Any) -> str | None:
    """A problem with one value on its own (not whether it is required)."""
    if not _filled(value):
        return None
    if f.type in ("text", "longtext", "party", "email") and isinstance(value, str):
        limit = text_problem(value, kind_of_field(f.type))
        if limit is not None:
            return limit[1]
        if (id_problem := screen_text(value)) is not None:
            return id_problem
    if f.type == "email" and not EMAIL_RE.match(str(value).strip()):
        return MSG_EMAIL.format(value=value)
    if f.type == "phone":
        return phone_problem(str(value))
    if f.type == "int" and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        return MSG_INT.format(label=f.label)
    if f.type == "choice" and value not in {k for k, _ in f.choices}:
        choices = ", ".join(label for _, label in f.choices)
        return MSG_CHOICE.format(value=value, label=f.label, choices=choices)
    if f.type in ("text", "longtext", "party") and not isinstance(value, str):
        return screen_text(str(value))
    return None


def validate_values(
    kind: str, values: Mapping[str, Any], status: str | None = None
) -> dict[str, str]:
    """Field name -> Norwegian message for every problem; empty when all is well.

    Checks required fields (and those the status requires), formats, the order of date
    pairs and national ID numbers in free text.
    """
    spec = KINDS[kind]
    status = status or spec.first_status
    errors: dict[str, str] = {}
    status_req = required_for_status(kind, status)
    for f in spec.all_fields:
        value = values.get(f.name)
        problem = field_problem(f, value)
        if problem:
            errors[f.name] = problem
        elif not _filled(value):
            if f.required:
                errors[f.name] = MSG_REQUIRED.format(label=f.label)
            elif f.name in status_req:
                errors[f.name] = MSG_REQUIRED_STATUS.format(
                    label=f.label, status=spec.status(status).label
                )
    names = {f.name for f in spec.fields}
    for start, end in DATE_PAIRS:
        if start in names and end in names:
            a, b = values.get(start), values.get(end)
            if isinstance(a, date) and isinstance(b, date) and b < a:
                errors.setdefault(
                    end,
                    MSG_END_BEFORE_START.format(
                        end=spec.field(end).label,
                        end_v=_fmt(b),
                        start=spec.field(start).label,
                        start_v=_fmt(a),
                    ),
                )
    return errors
