"""Sentences of the safety area: text limits, control characters, locks, backups."""

from __future__ import annotations

from typing import Final

# --- Limits (DOMAIN.md «Personal data», Limits) ------------------------------------------
MSG_TOO_LONG: Final = (
    "Teksten er {length} tegn lang; høyst {limit} tegn er tillatt her. Kort den ned{hint}."
)
HINT_NOTE: Final = " eller del den i flere notater"
MSG_CONTROL: Final = (
    "Teksten inneholder et kontrolltegn ({name}, U+{code:04X}) på linje {line}, "
    "tegn {column}. Fjern det før du lagrer."
)
MSG_LINE_BREAK: Final = (
    "Feltet skal ha én linje, men teksten har et linjeskift eller en tabulator på linje "
    "{line}, tegn {column}. Skriv den på én linje."
)
CONTROL_NAMES: Final = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BS",
    0x09: "TAB",
    0x0A: "LF",
    0x0D: "CR",
    0x1B: "ESC",
    0x7F: "DEL",
}
NAME_C0: Final = "kontrolltegn"
NAME_C1: Final = "C1-kontrolltegn"
NAME_BIDI: Final = "retningstegn"

# --- Locks and errors ------------------------------------------------------------------
MSG_LOCKED: Final = (
    "Skrivebordet {path} er låst av et annet program (ventet {seconds} sekunder); lukk "
    "det andre vinduet eller programmet og prøv igjen."
)
MSG_FIFO: Final = (
    "{path} er ikke en vanlig fil (en kø, et rør eller en enhet) og kan ikke åpnes som skrivebord."
)
MSG_READONLY: Final = "Skrivebordet {path} er skrivebeskyttet; endringer kan ikke lagres."
MSG_CORRUPT: Final = (
    "{path} er skadet og åpnes ikke. Gjenopprett en sikkerhetskopi med "
    "«samhandlingsdesk restore», eller lag et nytt med «samhandlingsdesk init»."
)
MSG_CORRUPT_BACKUP: Final = (
    "Kan ikke ta sikkerhetskopi: {path} er skadet. Gjenopprett en tidligere "
    "sikkerhetskopi med «samhandlingsdesk restore»."
)
MSG_DISK_FULL: Final = "Disken er full: {path} kunne ikke lagres. Frigjør plass og prøv igjen."
MSG_SAVE_LOCKED: Final = (
    "Kunne ikke lagre: et annet vindu eller program skriver til skrivebordet nå. Det du "
    "skrev er beholdt; prøv igjen om litt."
)
MSG_SAVE_READONLY: Final = (
    "Kunne ikke lagre: skrivebordet er skrivebeskyttet. Det du skrev er beholdt."
)
MSG_SAVE_FAILED: Final = "Kunne ikke lagre: {reason}. Det du skrev er beholdt."
REASON_IO: Final = "lese- eller skrivefeil på disken"
REASON_CORRUPT: Final = "skrivebordet er skadet"
REASON_UNKNOWN: Final = "en uventet databasefeil"
