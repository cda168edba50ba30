"""Sentences and counted nouns shared by several screens and the command line."""

from __future__ import annotations

from typing import Final

from samhandlingsdesk.domain.text import plural

# --- writing to a case -------------------------------------------------------------------
CASE_NOT_FOUND: Final = "Finner ikke saken."
UNKNOWN_FIELD: Final = "Ukjent felt «{name}» for {kind}."
TAG_EMPTY: Final = "Skriv et stikkord."
NOTE_EMPTY: Final = "Notatet er tomt."
# The date fields a case has beside its kind's own.
SNOOZED_UNTIL_LABEL: Final = "Utsatt til"
REMINDED_ON_LABEL: Final = "Purret"

# --- files -----------------------------------------------------------------------------
CANNOT_READ: Final = "Kan ikke lese {path}: {reason}."
FILE_NOT_FOUND: Final = "Finner ikke filen {path}."


def cases(n: int) -> str:
    """«1 sak», «3 saker»."""
    return plural(n, "sak", "saker")


def rows(n: int) -> str:
    """«1 rad», «3 rader»."""
    return plural(n, "rad", "rader")


def who(refs: list[str] | tuple[str, ...]) -> str:
    """The case a dialog acts on: its ref, or «3 saker» for several."""
    return refs[0] if len(refs) == 1 else cases(len(refs))
