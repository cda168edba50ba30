"""Sentences of the CSV export and import, said alike in the desk and on the command
line."""

from __future__ import annotations

from samhandlingsdesk.domain.text import plural
from samhandlingsdesk.domain.text.common import cases

NOTHING_SELECTED = "Ingen saker passer til utvalget; ingen fil er skrevet."
NOTHING_TO_IMPORT = "Ingenting å importere: skrivebordet har allerede alt i filen."
CONCURRENT_CHANGE = (
    "En sak ble endret et annet sted mens importen pågikk; ingenting er importert. Prøv igjen."
)
# A write the database refused ({reason}: the store's sentence, e.g. a full disk).
IMPORT_NOT_WRITTEN = "Ingenting fra filen er importert. {reason}"


def exported(total: int) -> str:
    """«Eksportert 1 sak», «Eksportert 12 saker»."""
    return f"Eksportert {cases(total)}"


def invalid_rows(n: int, *, remedy: str) -> str:
    """`n` invalid rows stopped the import; `remedy` says how to import the valid ones."""
    return (
        f"{plural(n, 'rad har', 'rader har')} feil; ingenting er importert. Rett feilene, {remedy}."
    )


REMEDY_DESK = "eller importer bare de gyldige radene"
REMEDY_CLI = "eller bruk --skip-invalid for å importere de gyldige radene"
