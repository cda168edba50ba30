"""Texts of the keys, help, search and Textual's own widgets (issue #9, entry-keys)."""

from __future__ import annotations

# help: a key bound on this screen that does nothing just now (`f` in the inbox)
KEY_IDLE = "(virker ikke her)"

# search overlay: a phone-like query with fewer than four digits
SEARCH_SHORT_PHONE = "Telefonnummer søkes med minst fire sifre."

# Textual's own strings, in Norwegian (tui/norwegian.py)
PALETTE_KEY = "Palett"
PALETTE_TOOLTIP = "Åpne kommandopaletten"
PALETTE_PLACEHOLDER = "Søk etter kommandoer …"
PALETTE_THEMES_PLACEHOLDER = "Søk etter tema …"
PALETTE_NO_MATCHES = "Ingen treff"
PALETTE_CLOSE = "Lukk kommandopaletten"
SELECT_CLOSE = "Lukk listen"
QUIT_TITLE = "Vil du avslutte?"
QUIT_HOW = "Trykk [b]{key}[/b] for å avslutte (Ctrl+C kopierer i et tekstfelt)."

# forms: the field finder (Ctrl+G) and the section keys (F7/F8)
FINDER_TITLE = "Gå til felt"
FINDER_PLACEHOLDER = "Skriv en del av feltnavnet …"
# The dialogs' key lines: the keys come from the live bindings (`tui.keys.hint`).
FINDER_HELP = "{move} velger · {choose} går til feltet · {cancel} avbryter"
PROMPT_HELP = "Enter lagrer · {cancel} avbryter"
NEW_CASE_HELP = "Tall, bokstav eller {choose} velger · {cancel} avbryter"


def form_keys_help(*, sections: str, find: str, save: str, close: str) -> str:
    """The form's key line with the keys bound now."""
    return (
        f"* må fylles ut · Tab/Shift+Tab: neste/forrige · {sections}: del · {find}: finn felt · "
        f"{save}: lagre · {close}: lukk"
    )


# help: what the badges and the colours of the lists mean ({purring}, {snooze}: « (p)»,
# the keys as bound now, or nothing)
BADGE_MEANINGS: dict[str, str] = {
    "critical": "en kritisk frist (varsling, bekreftelse) er nær eller passert",
    "followup": "tid for å følge opp eller purre{purring}",
    "overdue": "fristen er passert",
    "today": "fristen er i dag",
    "soon": "fristen er innen {soon} dager",
    "snoozed": "utsatt{snooze} til en dato; kommer tilbake i innboksen da",
    "flag": "noe i saken bør sjekkes (se «Frister og varsler» på saken)",
}
MOVE_MEANINGS: dict[str, str] = {
    "ours": "vårt trekk: vi må gjøre noe (uthevet)",
    "theirs": "venter på andre",
    "done": "ferdig (lukket)",
}
HELP_LEGEND_TITLE = "Merker og farger i listene"
