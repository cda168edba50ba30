"""Sentences of the CSV export and import, said alike in the desk and on the command
line."""

from __future__ import annotations

from typing import Final

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


# --- the import's plan and result -------------------------------------------------------------
# A row's action as the preview and the summaries count it («3 nye, 1 oppdatert, …»).
ACTION_LABELS: Final[dict[str, str]] = {
    "new": "nye",
    "updated": "oppdatert",
    "unchanged": "uendret",
    "older": "eldre enn her (beholdt)",
    "duplicate": "duplikater",
    "invalid": "med feil",
}
SOURCE_INTAKE = "inntaksfil"
SOURCE_EXPORT = "eksportfil"
PLAN_SUMMARY = "{file}: {kind} ({source}), {rows}: {counts}."
IMPORTED = "Importert: {new} nye, {updated} oppdatert"
SKIPPED_INVALID = "{count} med feil hoppet over"
OTHER_KIND = "saken med denne ID-en er en {kind} på dette skrivebordet ({ref}), ikke en {wanted}."
NO_UPDATED_AT = (
    "mangler; uten endringstidspunkt kan ikke importen avgjøre om filen eller skrivebordet "
    "har den nyeste utgaven."
)
SAME_ID_ABOVE = "samme ID som en rad lenger opp; raden er hoppet over."
SAME_CASE_ABOVE = "samme sak som en rad lenger opp; raden er hoppet over."
ALREADY_AS = "finnes allerede som {ref}; raden er hoppet over."
NEW_REF = "fikk ref {ref} ({wanted} er i bruk her eller gjelder en annen type)."

REMEDY_DESK = "eller importer bare de gyldige radene"
REMEDY_CLI = "eller bruk --skip-invalid for å importere de gyldige radene"

# --- writing the export's files -----------------------------------------------------------
EXPORT_NOT_WRITTEN = "Kunne ikke skrive eksporten til {folder}: {reason}."
EXPORT_LOG_FAILED = "Filene er skrevet, men eksportloggen kunne ikke oppdateres: {reason}."
NO_TEMP_FILE = "Kan ikke lage en midlertidig fil i {folder}."
TOO_MANY_EXPORTS = "For mange eksporter av {kind} i dag i {folder}."
CANNOT_MAKE_FOLDER = "Kan ikke lage mappen {folder}: {reason}."
NOT_A_FOLDER = "{folder} er ikke en mappe."
NO_WRITE_ACCESS = "Har ikke tilgang til å skrive i {folder}."
