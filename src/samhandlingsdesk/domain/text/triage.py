"""Sentences of the triage actions a queue and the case screen share: move, snooze, tag,
note and convert (tui/triage.py). Pure Python.
"""

from __future__ import annotations

from typing import Final

from samhandlingsdesk.domain.text import common

OPEN_CONVERT: Final = "Til veiledning"
DATE_HINT: Final = "Skriv en dato, f.eks. i morgen, fredag, 17.5 eller uke 34."

# --- moves -------------------------------------------------------------------------------
WHAT_CLOSING: Final = "avslå, avvise eller trekke"
WHAT_MOVING: Final = "flytte videre"
NO_MOVE_ONE: Final = "{ref} kan ikke {what} herfra."
NO_MOVE_MANY: Final = "De markerte sakene kan ikke {what} herfra samlet."
NOTHING_CHANGED: Final = (
    "Ingenting ble endret. {refused} av {asked} kan ikke få status «{label}»: {lines}"
)

# --- snooze ------------------------------------------------------------------------------
SNOOZE_UNTIL_LABEL: Final = "Til (i morgen, fredag, 17.5, uke 34 …)"
SNOOZED: Final = "{who} er utsatt til {until}"

# --- tag and note ------------------------------------------------------------------------
TAG_ON: Final = "Stikkord på {who}"
NOTE_ONE_AT_A_TIME: Final = "Notat legges på én sak om gangen."

# --- convert a hospitering to veiledning --------------------------------------------------
CONVERT_ONE: Final = "Velg én hospiteringssøknad for å gjøre den om til veiledning."
CONVERTED: Final = "{ref} er trukket (omgjort); ny veiledningssak {created}"
CONVERT_TITLE: Final = "Gjøre {ref} om til veiledning?"
CONVERT_BODY: Final = (
    "Opplæring om én pasient er veiledning, ikke hospitering. "
    "Det lages en ny veiledningssak som viser til denne (uten hjemmeadressen), "
    "og søknaden trekkes med begrunnelsen «omgjort»."
)
CONVERT_YES: Final = common.REDO  # the same words: «make into»
