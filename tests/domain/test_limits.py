"""DOMAIN.md «Limits»: control characters refused at every way in, shown as control
pictures at every way out; length limits per kind of field."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from samhandlingsdesk.domain.kinds import KINDS
from samhandlingsdesk.domain.limits import (
    LINE_MAX,
    LONGTEXT_MAX,
    NOTE_MAX,
    shown,
    shown_cell,
    shown_line,
    text_problem,
    text_problems,
)
from samhandlingsdesk.domain.validate import field_problem

FORBIDDEN = (
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
)
LINE_BREAKS = ["\t", "\n", "\r"]
safe = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=30).filter(
    lambda s: not any(ch in s for ch in FORBIDDEN)
)


@given(before=safe, after=safe, bad=st.sampled_from(FORBIDDEN))
def test_every_control_character_is_refused_in_every_kind_of_field(
    before: str, after: str, bad: str
) -> None:
    text = before + bad + after
    for kind in ("line", "longtext", "note"):
        found = text_problem(text, kind)
        assert found is not None and found[0] == "control_char", (kind, text)
        assert "Fjern det" in found[1]


@given(before=safe, after=safe, brk=st.sampled_from(LINE_BREAKS))
def test_tab_and_line_breaks_only_in_multiline_fields(before: str, after: str, brk: str) -> None:
    text = f"x{before}{brk}{after}"
    assert text_problem(text, "line") is not None
    assert text_problem(text, "longtext") is None
    assert text_problem(text, "note") is None


def test_the_message_says_where() -> None:
    found = text_problem("Ola\nHan\x1bsen", "longtext")
    assert found is not None
    assert "ESC" in found[1] and "linje 2" in found[1] and "tegn 4" in found[1]


def test_lengths() -> None:
    assert text_problem("a" * LINE_MAX, "line") is None
    found = text_problem("a" * (LINE_MAX + 1), "line")
    assert found is not None and found[0] == "too_long" and "200" in found[1]
    assert text_problem("a" * LONGTEXT_MAX, "longtext") is None
    assert text_problem("a" * (LONGTEXT_MAX + 1), "longtext") is not None
    assert text_problem("a" * NOTE_MAX, "note") is None
    found = text_problem("a" * (NOTE_MAX + 1), "note")
    assert found is not None and "10\u00a0000" in found[1]
    assert text_problems("note", "a" * (NOTE_MAX + 1), "note")[0].code == "too_long"


def test_field_problem_applies_the_limits_by_field_type() -> None:
    spec = KINDS["hospitering"]
    name, theme = spec.field("applicant_name"), spec.field("theme_goals")
    assert field_problem(name, "a" * 201) is not None
    assert field_problem(theme, "a" * 201) is None
    assert field_problem(theme, "a" * 4001) is not None
    assert field_problem(theme, "Linje 1\nLinje 2") is None
    assert field_problem(name, "Ola\nHansen") is not None
    assert field_problem(name, "Ola \x1b]0;X\x07 \x1b[2J Hansen") is not None
    assert field_problem(spec.field("email"), "ola\u202e@x.no") is not None


@given(text=st.text(max_size=60))
def test_shown_never_lets_a_control_character_through(text: str) -> None:
    for out in (shown_line(text),):
        assert not any(ch in out for ch in FORBIDDEN + LINE_BREAKS)
    assert not any(ch in shown(text) for ch in [*FORBIDDEN, "\r"])
    assert not any(ch in shown_cell(text) for ch in FORBIDDEN)


def test_escape_is_shown_as_its_picture() -> None:
    assert shown("Ola \x1b]0;X\x07 \x1b[2J Hansen") == "Ola ␛]0;X␇ ␛[2J Hansen"
    assert shown("a\r\nb\tc") == "a\nb\tc"
    assert shown_line("a\nb") == "a␊b"
    assert shown("plain") == "plain"
