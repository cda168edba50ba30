"""How the search reads words (domain/words.py) and splits party names
(domain/parties.py)."""

from __future__ import annotations

import pytest

from samhandlingsdesk.domain.parties import name_parts
from samhandlingsdesk.domain.words import MAX_VARIANTS, WORD_RE, aa_variants


@pytest.mark.parametrize(
    ("word", "variants"),
    [
        ("åsen", ["aasen", "åsen"]),
        ("aasen", ["aasen", "åsen"]),
        ("ørsta", ["ørsta"]),
        ("blåbær", ["blaabær", "blåbær"]),  # æ, ø and å are never folded into each other
        ("ææ", ["ææ"]),
        ("", [""]),
        ("ååå", ["aaaaaa", "aaaaå", "aaåaa", "aaåå", "åaaaa", "åaaå", "ååaa", "ååå"]),
    ],
)
def test_aa_and_å_are_one_letter_both_ways(word: str, variants: list[str]) -> None:
    assert aa_variants(word) == variants


def test_words_are_runs_of_letters_and_digits() -> None:
    assert WORD_RE.findall("Sår_behandling i 2026, Åsen-Aasen (tlf. 977)") == [
        "Sår", "behandling", "i", "2026", "Åsen", "Aasen", "tlf", "977",
    ]  # fmt: skip


def test_the_spellings_of_a_word_are_capped() -> None:
    assert MAX_VARIANTS == 8
    got = aa_variants("åååå")  # 16 spellings: the first 8
    assert got == [
        "aaaaaaaa",
        "aaaaaaå",
        "aaaaåaa",
        "aaaaåå",
        "aaåaaaa",
        "aaåaaå",
        "aaååaa",
        "aaååå",
    ]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Lyngen - Ivgu - Yykeä", ("Lyngen", "Ivgu", "Yykeä")),
        ("Kárášjohka - Karasjok", ("Kárášjohka", "Karasjok")),
        ("Skien kommune", ("Skien kommune",)),
        ("Nord-Fron", ("Nord-Fron",)),  # a hyphen without spaces is part of the name
        (" - Karasjok -  - ", ("Karasjok",)),
        ("   ", ()),
        ("", ()),
        (None, ()),
    ],
)
def test_a_party_name_splits_into_its_parallel_names(
    name: str | None, parts: tuple[str, ...]
) -> None:
    assert name_parts(name) == parts
