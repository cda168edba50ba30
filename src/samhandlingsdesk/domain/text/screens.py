"""Sentences of the screens and dialogs that have no catalogue module of their own: the
search, the desk's queues, the case screen, the form, the export and import dialogs, the
first start, the themes and the app's own messages. Pure Python.
"""

from __future__ import annotations

from typing import Final

# --- search (ctrl+f) -----------------------------------------------------------------------
SEARCH_RECENT_REASON: Final = "Nylig åpnet"
SEARCH_DOWN: Final = "Til treffene"
SEARCH_TITLE: Final = "Finn en sak"
# Enter and ↑ are the result list's own keys (Textual's), not bindings of the desk.
SEARCH_HELP: Final = (
    "{down} til treffene · Enter åpner · {note} notat · {copy} kopier telefon · ↑ tilbake · "
    "{close} lukker"
)
SEARCH_RECENT: Final = "Sist åpnet ({n})"
SEARCH_EMPTY: Final = "Skriv for å søke."
SEARCH_HITS: Final = "{n}{more} treff på «{query}»"
SEARCH_NO_HITS: Final = "Ingen treff på «{query}»"
NO_PHONE: Final = "{ref} har ikke noe telefonnummer."

# --- the case form -------------------------------------------------------------------------
# A field's placeholder by its input type.
FORM_PLACEHOLDERS: Final = {
    "email": "navn@eksempel.no",
    "phone": "8 sifre, f.eks. 97 71 23 45",
    "int": "antall",
    "party": "begynn å skrive: → eller Enter fullfører",
}
FORM_PERSONAL: Final = "Personopplysning: tas ikke med i eksport uten at du ber om det."
FORM_NO_UNDO: Final = (
    "Angre virker ikke mens skjemaet er åpent. Lagre eller lukk det ({close}) først."
)
PARTY_GUESS: Final = "Ikke et navn fra listen. Mente du «{guess}»? (→ i feltet fullfører)"
PARTY_UNKNOWN: Final = "Ikke i listen over kommuner og helseforetak; lagres som skrevet."
NOT_SAVED_MANY: Final = "Saken er ikke lagret: {n} felt må rettes ({labels})."
NOT_SAVED: Final = "Saken er ikke lagret: {error}"
REGISTERED: Final = "{ref} er registrert."
NO_CHANGES: Final = "Ingen endringer å lagre."
DISCARD_MORE: Final = " og {n} til"
DISCARD_BODY: Final = "Du har endret {labels}{more} uten å lagre."

# --- the export dialog ---------------------------------------------------------------------
EXPORT_PERSONAL_WARNING: Final = (
    "Advarsel: filene får med søkernes hjemmeadresse og private telefonnummer. Del dem bare "
    "med dem som trenger dem, og slett dem når de er brukt."
)
EXPORT_TITLE: Final = "Eksporter til CSV eller Excel"
EXPORT_STATUS_PLACEHOLDER: Final = "alle · nøkkel eller navn, skill med komma: mottatt, avtalt"
EXPORT_PARTY_PLACEHOLDER: Final = "alle · skill med komma: Skien, Porsgrunn"
EXPORT_RECEIVED_FROM: Final = "Mottatt fra"
EXPORT_RECEIVED_TO: Final = "Mottatt til"
EXPORT_CHANGED_FROM: Final = "Endret fra"
EXPORT_SINCE_LAST: Final = (
    "Bare saker opprettet eller endret (også ved import) siden forrige eksport"
)
EXPORT_PERSONAL: Final = "Ta med hjemmeadresse og privat telefon"
EXPORT_XLSX: Final = "Excel-arbeidsbok (xlsx): ett ark per sakstype, notatene på eget ark"
EXPORT_NO_KIND: Final = "Velg minst én sakstype."

# --- the desk: inbox and queues ------------------------------------------------------------
DEMO_NOTICE: Final = "DEMO – lagres ikke"
DESK_TITLE: Final = "Innboks og køer"
SIDE_NOT_CHOSEN: Final = "ikke valgt"
INBOX_LINE: Final = "Innboks: vårt trekk, eller venter på andre og forfalt · mest haster øverst"
FILTER_OPEN: Final = "åpne saker"
FILTER_ALL: Final = "alle saker"
FILTER_LINE: Final = "Filter ({key}): {label}"
LIS_SHOWN: Final = {None: "LIS1 og LIS3", "lis1": "bare LIS1", "lis3": "bare LIS3/ALIS"}
LIS_LINE: Final = "Vis ({key}): {which}"
SORT_SENIORITY: Final = "LIS3 i kø etter ansiennitet"
SORT_DUE: Final = "frist"
SORT_LINE: Final = "Sortering ({key}): {order}"
INBOX_NO_FILTER: Final = "Innboksen har ikke statusfilter; velg en kø med 2–5."
MARKED_LINE: Final = (
    "{n} markert · {advance} videre · {close} avslå/trekk · {snooze} utsett · {tag} stikkord · "
    "{clear} fjerner markeringen"
)

# --- the app: side, settings, themes -------------------------------------------------------
SIDE_DEFINITE: Final = {"kommune": "kommunen", "helseforetak": "helseforetaket"}
SIDE_CHOSEN: Final = "Du sitter i {side}. {hint}"
SETTINGS_NOT_SAVED: Final = "Kunne ikke lagre innstillingene: {error}"
REMINDERS_SYNCED: Final = (
    "Påminnelsene i innstillingene er endret: fristen er regnet om for {cases}."
)
THEME_FALLBACK: Final = "; bruker «{fallback}» i stedet."
THEME_NOT_FOUND: Final = "Fant ikke temaet «{wanted}»; bruker «{fallback}»."
# A theme file's problems (tui/themes.py).
THEME_UNUSABLE: Final = "Temaet i {file} kan ikke brukes: {message}"
THEME_COLOUR_UNQUOTED: Final = '«{key}» må være en farge i anførselstegn, f.eks. "#1F5F99"'
THEME_NOT_A_COLOUR: Final = "«{key}» = «{value}» er ikke en farge"
THEME_BAD_TOML: Final = "feil i TOML: {error}"
THEME_UNREADABLE: Final = "kan ikke leses ({error})"
THEME_UNKNOWN_KEYS: Final = "ukjente nøkler: {keys}"
THEME_MISSING: Final = "mangler «{key}»"
THEME_DARK_NOT_BOOL: Final = "«dark» må være true eller false"
THEME_VARIABLES_NOT_TABLE: Final = "[variables] må være en tabell"

# --- the case screen -----------------------------------------------------------------------
CASE_RULES: Final = "Frister og varsler"

# --- small dialogs -------------------------------------------------------------------------
BACKUP_NOW: Final = "Ta sikkerhetskopi nå"
FINDER_CHOOSE: Final = "Gå til feltet"
NEW_CASE_TITLE: Final = "Ny sak — hva slags?"
STATUS_FILTER_TITLE: Final = "Vis saker med status"
STATUS_OPEN: Final = "Åpne saker ({n})"
STATUS_ALL: Final = "Alle saker ({n})"
WELCOME_TITLE: Final = "Velkommen til samhandlingsdesk"
WELCOME_TEXT: Final = (
    "Hvilken side sitter du på? Det bestemmer retningen på nye saker og "
    "ordlyden i påminnelsene. Du kan endre det senere under Innstillinger ({settings})."
)
DATE_PLACEHOLDER: Final = "dd.mm.åååå, 17.5, fredag, uke 34 …"

# --- the import dialog ---------------------------------------------------------------------
# {export}: the desk's export key, as bound now.
IMPORT_WHAT: Final = (
    "CSV eller Excel (egen eksport eller hospiteringssøknader, én per rad), eller "
    "et utfylt Word-skjema for hospitering. Kolonnene er de samme som i en "
    "eksport ({export}): lag en eksport og bruk den som mal."
)
IMPORT_PATH_PLACEHOLDER: Final = "Sti til filen, eller velg under"
IMPORT_FUTURE: Final = "Ta «Sist endret» fram i tid som endret nå"
IMPORT_OPEN_FORM: Final = "Åpne i skjemaet"
IMPORT_NO_PATH: Final = "Skriv stien til filen."
IMPORT_UNREADABLE: Final = "Filen kan ikke leses."
IMPORT_MORE_PROBLEMS: Final = "… og {n} feil til."
