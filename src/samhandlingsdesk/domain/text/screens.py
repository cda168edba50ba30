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
# The keys are the search's own, as bound by default.
SEARCH_HELP: Final = (
    "↓ til treffene · Enter åpner · a notat · c kopier telefon · ↑ tilbake · Esc lukker"
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
