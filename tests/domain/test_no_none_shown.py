"""No sentence the rules make can show «None» (#8: hand mutations that put None where a
label, a date or a value goes broke no test). Swept over every kind, status, move,
field and rule key, with empty and with odd values."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from samhandlingsdesk.domain import deadlines, lifecycle, moves, presentation, validate
from samhandlingsdesk.domain.display import display_value
from samhandlingsdesk.domain.kinds import KINDS, FieldSpec, kind_spec
from samhandlingsdesk.domain.text import agenda as agenda_text
from samhandlingsdesk.domain.timelines import timeline_problems

TODAY = date(2026, 11, 23)
LONG_AGO = TODAY - timedelta(days=400)
LATER = TODAY + timedelta(days=400)
ODD: dict[str, Any] = {  # a value of the wrong kind or out of range, by field type
    "date": date(1900, 1, 1),
    "tri": "kanskje",
    "choice": "finnes_ikke",
    "int": -5,
    "email": "ikke-en-adresse",
    "phone": "12",
}


def shown_none(sentences: list[str]) -> list[str]:
    return [s for s in sentences if "None" in s]


def _fields(kind: str) -> list[FieldSpec]:
    return list(kind_spec(kind).all_fields)


def _valued(kind: str, how: str) -> dict[str, Any]:
    """Every field of a kind empty, odd, or with dates in the wrong order (end first)."""
    values: dict[str, Any] = {}
    for i, f in enumerate(_fields(kind)):
        if how == "empty":
            values[f.name] = None
        elif how == "odd":
            values[f.name] = ODD.get(f.type, "x" * 5000)
        elif f.type == "date":  # later fields earlier: every «before» rule trips
            values[f.name] = LATER - timedelta(days=i) if i % 2 else LONG_AGO + timedelta(days=i)
    return values


def _moves() -> Iterator[tuple[str, lifecycle.Transition]]:
    for kind, ts in lifecycle.TRANSITIONS.items():
        for t in ts:
            yield kind, t


HOW = ("empty", "odd", "dates")


@pytest.mark.parametrize("how", HOW)
def test_no_refusal_of_a_move_shows_none(how: str) -> None:
    for kind, t in _moves():
        values = _valued(kind, how) | {"status": t.source}
        for reason in (None, "", "finnes_ikke", "ressurs mangler"):
            refusal = lifecycle.check_transition(kind, t.source, t.target, values, reason)
            if refusal is not None:
                assert shown_none([refusal.message]) == [], (kind, t.target, reason)
            found = moves.check_move(kind, t, values, {}, reason, TODAY)
            assert shown_none([p.message for p in found]) == [], (kind, t.target, how)
            _, problems = validate.validate_move(
                kind, t.source, t.target, values, {}, reason, today=TODAY
            )
            assert shown_none([p.message for p in problems]) == [], (kind, t.target, how)


@pytest.mark.parametrize("how", HOW)
def test_no_problem_of_an_edit_shows_none(how: str) -> None:
    for kind in KINDS:
        for s in kind_spec(kind).statuses:
            values = _valued(kind, how)
            found = validate.validate_edit(kind, s.key, {}, values, today=TODAY)
            found += timeline_problems(kind, s.key, s.key, values, TODAY)
            assert shown_none([p.message for p in found]) == [], (kind, s.key, how)
        for f in _fields(kind):
            problem = validate.field_problem(f, _valued(kind, how).get(f.name))
            assert "None" not in (problem or ""), (kind, f.name)


def test_no_field_shows_none_empty_or_odd() -> None:
    for kind in KINDS:
        for f in _fields(kind):
            for value in (None, ODD.get(f.type, "x")):
                assert "None" not in display_value(f, value), (kind, f.name, value)
                stored = None if value is None else str(value)
                shown = presentation.history_value(kind, f.name, stored, lambda _f, v: v)
                assert "None" not in shown, (kind, f.name, value)
            assert "None" not in presentation.history_label(kind, "update", f.name)


def test_no_history_row_shows_none() -> None:
    names = (None, "status", "snoozed_until", "reason", "converted_to", "note", "purring")
    for kind in KINDS:
        for action in (*presentation.ACTION_LABELS, "update"):
            for name in names:
                assert "None" not in presentation.history_label(kind, action, name)
                assert "None" not in presentation.history_value(kind, name, None, lambda f, v: v)


RULE_KEYS = sorted(
    {*agenda_text.RULE_SENTENCES, *agenda_text.DATED}
    | {f"followup.{kind}.{status}" for kind, status in agenda_text.AWAITED}
    | {"lis1.unknown", "hospitering.unknown"}
)


@pytest.mark.parametrize("key", RULE_KEYS)
def test_no_rule_sentence_shows_none(key: str) -> None:
    params_seen: list[dict[str, str] | None] = [
        None,
        {},
        {"since": "2026-10-01"},
        {"since": "2026-10-01", "reminded": "2026-11-02", "notice": "frafall_for"},
        {"notice": "finnes_ikke"},
    ]
    for params in params_seen:
        for on in (None, TODAY):
            for today in (None, TODAY):
                for fallback in (None, "Lagret setning"):
                    sentence = deadlines.describe(key, params, on, today, fallback)
                    assert "None" not in sentence, (key, params, on, today, fallback)
    assert "None" not in deadlines.reason_text(key, "{ikke json", TODAY, None, TODAY)
    assert "None" not in deadlines.reason_text(None, None, None, None, TODAY)


def test_no_due_rule_of_any_status_shows_none() -> None:
    for kind in KINDS:
        for s in kind_spec(kind).statuses:
            for how in HOW:
                values = {**_valued(kind, "dates" if how == "odd" else how), "status": s.key}
                values["received_on"] = LONG_AGO
                for rule in deadlines.active_rules(kind, s.key, values, deadlines.Reminders()):
                    sentence = deadlines.describe(rule.key, rule.params, rule.on, TODAY)
                    assert "None" not in sentence, (kind, s.key, rule.key)
                    assert "None" not in rule.describe(TODAY), (kind, s.key, rule.key)


def test_no_refusal_of_a_move_that_does_not_exist_shows_none() -> None:
    for kind in KINDS:
        keys = [s.key for s in kind_spec(kind).statuses]
        for source in keys:
            for target in keys:
                if lifecycle.find_transition(kind, source, target) is None:
                    refusal = lifecycle.check_transition(kind, source, target, {})
                    assert refusal is not None and "None" not in refusal.message
                    assert refusal.message.startswith("Fra «"), refusal.message
