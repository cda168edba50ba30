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
# The same, when the command line meets them in the middle of a command.
MSG_DESK_LOCKED: Final = (
    "Skrivebordet er låst av et annet program; lukk det andre vinduet eller programmet og "
    "prøv igjen."
)
MSG_DESK_DAMAGED: Final = (
    "Skrivebordet er skadet. Bruk en sikkerhetskopi, eller lag et nytt med «{prog} init»."
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
REASON_LOCKED: Final = "et annet program skriver til skrivebordet nå"
REASON_READONLY: Final = "skrivebordet er skrivebeskyttet"
REASON_FULL: Final = "disken er full"

# --- Opening, creating and checking a desk ---------------------------------------------------
MSG_DAMAGED_OR_NOT_DESK: Final = (
    "{path} er skadet eller ikke et skrivebord. Bruk en sikkerhetskopi "
    "(samhandlingsdesk backup) eller lag et nytt med «samhandlingsdesk init»."
)
MSG_NO_WRITE_ACCESS: Final = "Har ikke tilgang til å skrive til {path}."
MSG_CANNOT_USE: Final = "Kan ikke bruke {path}: {reason}."
MSG_DESK_IS_FOLDER: Final = (
    "{path} er en mappe, ikke et skrivebord. Oppgi en fil, f.eks. {example}."
)
MSG_DESK_MISSING: Final = (
    "Finner ikke skrivebordet {path}. Lag et nytt med «samhandlingsdesk init --db {path}»."
)
MSG_DESK_EMPTY: Final = (
    "{path} er tom (0 byte) og er ikke et skrivebord. Slett filen eller lag et nytt "
    "med «samhandlingsdesk init --db ANNEN-FIL»."
)
MSG_NOT_SQLITE: Final = "{path} er ikke en SQLite-fil og kan ikke åpnes som skrivebord."
MSG_NOT_A_DESK: Final = "{path} er en SQLite-database, men ikke et skrivebord fra samhandlingsdesk."
MSG_NEWER_SCHEMA: Final = (
    "{path} er laget av en nyere versjon av samhandlingsdesk (skjema {version}). "
    "Oppdater programmet før du åpner det."
)
MSG_DESK_EXISTS: Final = "{path} finnes allerede. Velg et annet navn, eller åpne det med --db."
MSG_CANNOT_CREATE: Final = "Kan ikke lage {path}: {reason}."
MSG_NOT_A_DEMO: Final = "{path} har ingen referansedato (er ikke en demo)."
# `samhandlingsdesk check`: what it finds, one sentence each.
CHECK_INTEGRITY: Final = "Integritet: {finding}"
CHECK_INTEGRITY_MORE: Final = "Integritet: … og {count} funn til."
CHECK_DAMAGED: Final = (
    "Integritet: databasefilen er skadet, og kontrollen kunne ikke fullføres. "
    "Bruk en sikkerhetskopi."
)
CHECK_DANGLING: Final = "{rows} peker til saker som ikke finnes."
CHECK_SCHEMA: Final = "Skjemaversjon {version}, forventet {head}."
CHECK_INDEX_DAMAGED: Final = "Søkeindeksen er skadet ({reason})."
# What `check` prints: a line per finding, or the three checks passed and the cases.
CHECK_OK: Final = (
    "OK  Databasefilen er hel (integrity_check og fremmednøkler).",
    "OK  Skjemaversjonen er den nyeste ({head}).",
    "OK  Søkeindeksen stemmer med sakene.",
)
CHECK_OK_CASES: Final = "OK  {cases} i {path}."
CHECK_FAILED: Final = "FEIL  {problem}"
CHECK_FAILED_COUNT: Final = "{count} problem(er) funnet i {path}."
CHECK_INDEX_STALE: Final = (
    "Søkeindeksen er ute av takt med sakene ({stale} mangler eller er utdatert, "
    "{orphans} peker til slettede saker)."
)

# --- Backups and restore ------------------------------------------------------------------
MSG_BACKUP_CORRUPT: Final = "Sikkerhetskopien {path} er skadet og kan ikke gjenopprettes."
MSG_BACKUP_NOT_A_DESK: Final = "{path} er ikke en sikkerhetskopi av et skrivebord."
MSG_BACKUP_NEWER: Final = (
    "Sikkerhetskopien {path} er laget av en nyere versjon av samhandlingsdesk (skjema "
    "{version}); oppdater programmet før du gjenoppretter den."
)
MSG_BACKUP_EXISTS: Final = "{path} finnes allerede; velg et annet navn."
MSG_CANNOT_WRITE_BACKUP: Final = "Kan ikke skrive sikkerhetskopien {path}: {reason}."
MSG_BACKUP_MADE: Final = "Sikkerhetskopi lagret: {path}"
MSG_DAILY_BACKUP: Final = "Dagens sikkerhetskopi er lagret i {folder}."
MSG_NO_BACKUPS: Final = "Fant ingen sikkerhetskopier i {folder}."
MSG_RESTORED: Final = (
    "Gjenopprettet {path} ({cases}). Skrivebordet slik det var, er lagret som {kept}."
)
MSG_RESTORE_ASK: Final = "Gjenopprette {path}? Skrivebordet slik det er nå, tas vare på først."
MSG_RESTORE_NEEDS_YES: Final = (
    "Gjenopprettingen må bekreftes: kjør med --yes når den ikke kjøres i en terminal."
)
MSG_RESTORE_CHOOSE: Final = "Oppgi filen som skal gjenopprettes: samhandlingsdesk restore FIL."
MSG_CANCELLED: Final = "Avbrutt: ingenting er endret."
BACKUP_HEADING: Final = "Sikkerhetskopier i {folder} (nyeste først):"

# --- Retention purge ------------------------------------------------------------------------
PURGED_TITLE: Final = "(personopplysninger slettet)"
MSG_PURGED: Final = "Slettet personopplysninger fra {cases} etter oppbevaringstiden{where}."
MSG_PURGE_NOTHING: Final = "Ingen saker har passert oppbevaringstiden; ingenting er slettet."
MSG_PURGE_DRY: Final = "Prøvekjøring: {cases} ville fått personopplysningene slettet."
MSG_PURGE_BACKUPS: Final = " (også i {backups})"
# {now}, {close}: the backups dialog's keys as bound now.
BACKUPS_HELP: Final = "Enter: gjenopprett valgt kopi · {now}: ta en kopi nå · {close}: lukk"
RESTORE_TITLE: Final = "Gjenopprette sikkerhetskopien?"
RESTORE_DETAIL: Final = (
    "{name}: skrivebordet erstattes med kopien. Skrivebordet slik det er nå, lagres som "
    "en egen sikkerhetskopi først."
)
PURGE_TITLE: Final = "Slette personopplysninger etter oppbevaringstiden?"
PURGE_DETAIL: Final = (
    "{cases} har passert oppbevaringstiden. Navn, kontaktopplysninger, fritekst og "
    "notater slettes for godt (også i historikken og sikkerhetskopiene)."
)
MSG_SAVE_WAITING: Final = (
    "Et annet vindu eller program skriver til skrivebordet; lagringen venter på tur."
)
UNKNOWN_DATE: Final = "ukjent dato"
UNREADABLE: Final = "kan ikke leses"
RESTORE_PICK: Final = "Nummer på kopien som skal gjenopprettes (tomt avbryter): "
