"""Sentences of the intake: file formats in (CSV, xlsx, Word form) and out (xlsx)."""

from __future__ import annotations

from typing import Final

# Reading a CSV file
NOT_CSV_BINARY: Final = "{name} ser ikke ut som en CSV-fil (den inneholder binærdata)."
NOT_UTF8: Final = (
    "{name} er verken UTF-8 eller Windows-1252. Lagre den som «CSV UTF-8» og prøv igjen."
)
NOT_CSV: Final = "{name} kan ikke leses som CSV: {reason}."
TOO_BIG: Final = "{name} er for stor til å importeres (over {megabytes} MB)."
IS_FOLDER: Final = "{path} er en mappe, ikke en fil."
NO_KIND: Final = (
    "Finner ikke ut hvilken sakstype {name} gjelder: kolonnenavnene passer ikke med noen av "
    "sakstypene. Se README.md (CSV-filer) for kolonnene."
)
TABLE_EMPTY: Final = "{name} er tom."
NO_ROWS: Final = "{name} har ingen rader under overskriften."

# Columns
UNKNOWN_COLUMNS: Final = "Ukjente kolonner blir ikke lest: {columns}."
UNKNOWN_COLUMN: Final = "«{header}»"
UNKNOWN_COLUMN_HINT: Final = "«{header}» (mente du «{label}»?)"
SAME_FIELD: Final = (
    "Kolonnene «{first}» og «{second}» er det samme feltet; bare «{first}» blir lest."
)
DIRECTION_FROM_SIDE: Final = (
    "Filen har ingen retning; alle rader får «{direction}» fordi skrivebordet står på {side}."
)
SIDE_WORDS: Final = {"kommune": "kommunesiden", "helseforetak": "helseforetakssiden"}
BOTH_TICKED: Final = "både «{first}» og «{second}» er krysset av"

# Rows
ROW_TOO_WIDE: Final = (
    "raden har {cells} celler, men overskriften har {width}. Er det et skilletegn i en "
    "celle uten anførselstegn?"
)
# Where a problem is: a form (Word) has fields, a file has lines and columns.
AT_FIELD: Final = "Feltet «{column}»: {message}"
AT_CELL: Final = "Linje {line}, kolonne «{column}»: {message}"
AT_LINE: Final = "Linje {line}: {message}"

# Cells
CELL_TRI: Final = "«{value}» er ikke Ja, Nei eller Ukjent."
CELL_CHOICE: Final = "«{value}» er ikke et gyldig valg. Gyldige: {choices}."
CELL_INT: Final = "«{value}» er ikke et helt tall (0 eller mer)."
CELL_STATUS: Final = "«{value}» er ikke en status for {kind}. Gyldige: {choices}."
CELL_DATETIME: Final = "«{value}» er ikke et tidspunkt som 2026-11-23T14:05:00+01:00."
CELL_UUID: Final = "«{value}» er ikke en gyldig ID (UUID)."
FUTURE_CHANGE: Final = (
    "«{value}» ligger fram i tid, så raden kan ikke stoles på. Rett tidspunktet, eller velg å "
    "importere raden som endret nå."
)
FUTURE_TAKEN_AS_NOW: Final = "«Sist endret» lå fram i tid og er satt til tidspunktet for importen."
NO_VALID_ROWS: Final = "Ingen gyldige rader å importere."

# Files
NOT_XLSX: Final = "{name} kan ikke leses som en Excel-arbeidsbok (xlsx)."
NO_SHEET: Final = "Arbeidsboken {name} har ikke noe ark som heter «{sheet}». Arkene: {sheets}."
NO_KIND_SHEET: Final = (
    "Finner ikke ut hvilken sakstype arket «{sheet}» i {name} gjelder: kolonnenavnene passer "
    "ikke med noen av sakstypene."
)
EMPTY_SHEET: Final = "Arket «{sheet}» i {name} er tomt."
NOTES_FILE: Final = (
    "Notatene til {cases} var for lange for én celle og står i {file} (ett notat per rad)."
)
NOTES_SHEET: Final = "Notater"
NOTES_SHEET_HEADERS: Final = ("Referanse", "ID", "Tidspunkt", "Notat")

# The Word form
NOT_DOCX: Final = "{name} kan ikke leses som et Word-dokument (docx)."
FORM_EMPTY: Final = "Fant ingen av feltene i «Skjema hospitering» i {name}."
FORM_NOT_FOUND: Final = "Ikke funnet i skjemaet: {fields}."
FORM_FOUND: Final = "Funnet i skjemaet:"
