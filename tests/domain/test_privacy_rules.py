"""National ID numbers in free text (domain/privacy.py): a number left out for its
context does not end the search, and the words beside a number are read whole."""

from __future__ import annotations

import pytest

from samhandlingsdesk.domain.privacy import (
    ACCOUNT,
    FH_NUMMER,
    FODSELSNUMMER,
    ID,
    _context,
    find_national_ids,
    screen_text,
)
from tests.domain.test_privacy import FNR, make_id

FH = make_id("900000")


@pytest.mark.parametrize(
    "before",
    [
        f"Kontonr. {FNR}",  # an account number (its context says so)
        FH,  # an FH-number with no ID word beside it
    ],
)
def test_a_number_left_out_does_not_end_the_search(before: str) -> None:
    text = f"{before}, og så pasienten {FNR} i går"
    (hit,) = find_national_ids(text)
    assert (hit.start, hit.kind) == (text.rindex(FNR), FODSELSNUMMER)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (f"Sendt til konto. {FNR}", ACCOUNT),  # a full stop after the word
        (f"kto.nr.: {FNR}", ACCOUNT),
        (f"konto- og kortnummer {FNR}", ACCOUNT),
        (f"{FNR} (konto)", ACCOUNT),
        (f"D-nummer: {FNR}", ID),
        (f"f.nr. {FNR}", ID),
        (f"FH-nummeret, {FNR}", ID),
        (f"kontoen {FNR}", None),  # a word is read whole: «kontoen» is no account word
        (f"fnrx {FNR}", None),
        (f"Ring {FNR}", None),
    ],
)
def test_the_word_beside_a_number_decides_its_context(text: str, context: str | None) -> None:
    start = text.index(FNR)
    assert _context(text, start, start + len(FNR)) == context


def test_an_fh_number_counts_only_beside_an_id_word() -> None:
    assert find_national_ids(f"Ring {FH}") == []
    (hit,) = find_national_ids(f"Hjelpenummer {FH}")
    assert hit.kind == FH_NUMMER
    assert screen_text(f"FH {FH}") == (
        f"Teksten ser ut til å inneholde et FH-nummer ({FH[:6]} *****). Fjern det før du "
        "lagrer: pasient- og personnummer skal aldri lagres her."
    )
