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
FINDER_HELP = "↑/↓ velger · Enter går til feltet · Esc avbryter"
FORM_KEYS_HELP = (
    "* må fylles ut · Tab/Shift+Tab: neste/forrige · F7/F8: del · Ctrl+G: finn felt · "
    "Ctrl+S/F2: lagre · Esc: lukk"
)
