"""DOMAIN.md «Limits» pinned to the sentence: which control character, where, and what the
way out shows in its place (domain/limits.py)."""

from __future__ import annotations

import pytest

from samhandlingsdesk.domain.limits import (
    control_problem,
    kind_of_field,
    length_problem,
    shown,
    shown_cell,
    shown_line,
    text_problem,
    text_problems,
)
from samhandlingsdesk.domain.problems import REFUSE, Problem


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\x00", "NUL, U+0000"),
        ("\x01", "kontrolltegn, U+0001"),
        ("\x1b", "ESC, U+001B"),
        ("\x1f", "kontrolltegn, U+001F"),
        ("\x7f", "DEL, U+007F"),
        ("\x80", "C1-kontrolltegn, U+0080"),
        ("\x9f", "C1-kontrolltegn, U+009F"),
        ("\u202a", "retningstegn, U+202A"),
        ("\u202e", "retningstegn, U+202E"),
        ("\u2069", "retningstegn, U+2069"),
    ],
)
def test_a_control_character_is_named_by_itself_or_its_block(char: str, name: str) -> None:
    assert text_problem(f"ab{char}", "line") == (
        "control_char",
        f"Teksten inneholder et kontrolltegn ({name}) på linje 1, tegn 3. Fjern det før du lagrer.",
    )


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("\x07", 1, 1),
        ("abc\x07", 1, 4),
        ("\n\x07", 2, 1),
        ("\nab\x07", 2, 3),
        ("a\n\nb\x07", 3, 2),
        ("a\r\nb\x07", 2, 2),
    ],
)
def test_the_place_is_counted_in_lines_and_characters_from_one(
    text: str, line: int, column: int
) -> None:
    found = control_problem(text, multiline=True)
    assert found is not None
    assert found[1].endswith(f"på linje {line}, tegn {column}. Fjern det før du lagrer.")


def test_a_line_break_in_a_one_line_field_says_where() -> None:
    sentence = (
        "Feltet skal ha én linje, men teksten har et linjeskift eller en tabulator på linje "
        "{}, tegn {}. Skriv den på én linje."
    )
    assert control_problem("Ola\tHansen", multiline=False) == (
        "line_break",
        sentence.format(1, 4),
    )
    assert text_problem("\rOla", "line") == ("line_break", sentence.format(1, 1))
    # a forbidden character after an allowed break in a multi-line field is still found
    assert control_problem("a\tb\n\x1b", multiline=True) == (
        "control_char",
        "Teksten inneholder et kontrolltegn (ESC, U+001B) på linje 2, tegn 1. Fjern det før "
        "du lagrer.",
    )
    assert control_problem("a\tb\r\nc", multiline=True) is None
    assert control_problem("", multiline=False) is None


def test_a_control_character_is_found_before_the_length() -> None:
    assert text_problem("\x1b" + "a" * 300, "line") == (
        "control_char",
        "Teksten inneholder et kontrolltegn (ESC, U+001B) på linje 1, tegn 1. Fjern det før "
        "du lagrer.",
    )


def test_too_long_says_how_long_and_how_long_it_may_be() -> None:
    assert length_problem("a" * 200, "line") is None
    assert length_problem("a" * 201, "line") == (
        "Teksten er 201 tegn lang; høyst 200 tegn er tillatt her. Kort den ned."
    )
    assert length_problem("a" * 4_001, "longtext") == (
        "Teksten er 4\u00a0001 tegn lang; høyst 4\u00a0000 tegn er tillatt her. Kort den ned."
    )
    assert length_problem("a" * 12_345, "note") == (
        "Teksten er 12\u00a0345 tegn lang; høyst 10\u00a0000 tegn er tillatt her. Kort den "
        "ned eller del den i flere notater."
    )
    assert text_problem("a" * 201) == ("too_long", length_problem("a" * 201, "line"))


def test_empty_text_breaks_no_limit() -> None:
    assert text_problem(None) is None
    assert text_problem("") is None
    assert text_problems("topic", None) == []
    assert text_problems("topic", "Sårstell") == []


def test_a_broken_limit_is_a_refusal_at_its_field() -> None:
    (problem,) = text_problems("topic", "a\nb")
    assert problem == Problem(
        "topic",
        "line_break",
        "Feltet skal ha én linje, men teksten har et linjeskift eller en tabulator på linje "
        "1, tegn 2. Skriv den på én linje.",
        REFUSE,
    )
    assert text_problems("agreement", "a\nb", "longtext") == []
    (long,) = text_problems("note", "a" * 10_001, "note")
    assert (long.field, long.code, long.severity) == ("note", "too_long", REFUSE)


@pytest.mark.parametrize(
    ("field_type", "kind"),
    [("longtext", "longtext"), ("text", "line"), ("email", "line"), ("date", "line")],
)
def test_only_a_longtext_field_holds_several_lines(field_type: str, kind: str) -> None:
    assert kind_of_field(field_type) == kind


# --- the way out ------------------------------------------------------------------------------

RAW = "a\tb\r\nc\rd\ne\x00f\x1bg\x7fh\x85i\u202ej\u2066k"


def test_a_terminal_keeps_tab_and_line_feed_and_pictures_the_rest() -> None:
    assert shown(RAW) == "a\tb\nc␍d\ne␀f␛g␡h\ufffdi\ufffdj\ufffdk"


def test_a_terminal_line_pictures_the_line_breaks_too() -> None:
    assert shown_line(RAW) == "a␉b␍␊c␍d␊e␀f␛g␡h\ufffdi\ufffdj\ufffdk"


def test_a_file_cell_keeps_every_line_break_as_it_is() -> None:
    assert shown_cell(RAW) == "a\tb\r\nc\rd\ne␀f␛g␡h\ufffdi\ufffdj\ufffdk"


@pytest.mark.parametrize("text", ["", "Bodø kommune", "Linje 1 – «sitat» ✓"])
def test_text_without_control_characters_is_shown_as_it_is(text: str) -> None:
    assert shown(text) == shown_line(text) == shown_cell(text) == text
