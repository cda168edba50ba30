"""How the store's facts are said (domain/presentation.py, domain/display.py): the
history's labels and values for the case's own columns, competing networks, and values
that carry control characters. Exact words: they are what the user reads."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from samhandlingsdesk.domain.display import display_value
from samhandlingsdesk.domain.kinds import FieldSpec, kind_spec
from samhandlingsdesk.domain.presentation import (
    ACTION_LABELS,
    BADGE_LABELS,
    competition_key,
    history_label,
    history_value,
)


def _decode(f: FieldSpec | None, text: str | None) -> Any:
    """The store's codec as far as these tests need it: text without a field is text."""
    if text is None:
        return None
    if f is not None and f.type == "date":
        return date.fromisoformat(text)
    return text


def _value(kind: str, name: str | None, text: str | None) -> str:
    return history_value(kind, name, text, _decode)


# --- the words of the badges and the history's actions --------------------------------------


@pytest.mark.parametrize(
    ("badge", "word"),
    [
        ("critical", "Kritisk"), ("followup", "Følg opp"), ("overdue", "Forfalt"),
        ("today", "I dag"), ("soon", "Snart"), ("snoozed", "Utsatt"), ("flag", "Varsel"),
        ("", ""),
    ],
)  # fmt: skip
def test_a_badge_is_one_word_or_two(badge: str, word: str) -> None:
    assert BADGE_LABELS[badge] == word


@pytest.mark.parametrize(
    ("action", "label"),
    [
        ("create", "Opprettet"), ("convert", "Omgjort"), ("import", "Importert"),
        ("import_create", "Importert (ny sak)"), ("note", "Notat"), ("undo", "Angret"),
        ("redo", "Gjort om"), ("snooze", "Utsatt"), ("purring", "Purret"),
    ],
)  # fmt: skip
def test_the_history_names_each_action(action: str, label: str) -> None:
    assert history_label("lis1", action, None) == ACTION_LABELS[action] == label


# --- the history's labels ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("status", "Status"),
        ("snoozed_until", "Utsatt til"),
        ("reason", "Begrunnelse"),
        ("reason_comment", "Kommentar til begrunnelse"),
        ("converted_to", "Omgjort til veiledning"),
        ("deleted_at", "Skjult (registreringen angret)"),
        ("purring", "Purret på svar"),
        ("topic", "Tema"),
        ("ikke_et_felt", "ikke_et_felt"),
    ],
)
def test_the_history_names_a_column_or_field_in_words(name: str, label: str) -> None:
    assert history_label("veiledning", "update", name) == label


# --- the history's values of the case's own columns ----------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "shown"),
    [
        ("reason", "ikke_nodvendig", "Veiledningen er ikke nødvendig"),
        ("reason", "annet", "Annet"),
        ("reason", "Flyttet\x07", "Flyttet\u2407"),  # free text from an older desk
        ("reason", None, ""),
        ("reason_comment", "Flyttet\x07", "Flyttet\u2407"),
        ("reason_comment", None, ""),
        ("snoozed_until", "2026-11-27", "27.11.2026"),
        ("snoozed_until", None, ""),
        ("status", None, ""),
        ("converted_to", "V-2026-0002", "V-2026-0002"),
        ("note", "Ringte\x1b", "Ringte\u241b"),
        ("note:4", None, ""),
    ],
)
def test_the_history_says_a_columns_value_as_the_case_screen_does(
    name: str, text: str | None, shown: str
) -> None:
    assert _value("veiledning", name, text) == shown


def test_a_choice_the_kind_no_longer_offers_is_shown_as_stored_and_safe() -> None:
    decision = kind_spec("hospitering").field("own_leader_decision")
    assert display_value(decision, "gammel\x07") == "gammel\u2407"
    assert _value("hospitering", "own_leader_decision", "gammel\x07") == "gammel\u2407"


# --- networks that compete -------------------------------------------------------------------


@pytest.mark.parametrize(
    "detail",
    [
        {"topic": "Demens", "target_group": None},
        {"topic": "Demens"},
        {"topic": None, "target_group": None},
        {"topic": "", "target_group": "Sykepleiere"},
    ],
)
def test_a_network_without_topic_or_target_group_competes_with_none(
    detail: dict[str, Any],
) -> None:
    assert competition_key(detail) is None
