"""Sentences of `domain/privacy.py`: a national ID number found in free text."""

from __future__ import annotations

from typing import Final

MSG_ONE_ID: Final = (
    "Teksten ser ut til å inneholde et {kind} ({masked}). Fjern det før du lagrer: "
    "pasient- og personnummer skal aldri lagres her."
)
MSG_MANY_IDS: Final = (
    "Teksten ser ut til å inneholde {count} personnumre ({masked}). Fjern dem før du "
    "lagrer: pasient- og personnummer skal aldri lagres her."
)
