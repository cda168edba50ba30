"""Words of the command palette (ctrl+p) and the help screen (?): each action's label and
help line, as (label, help) pairs. Pure Python.
"""

from __future__ import annotations

from typing import Final

from samhandlingsdesk.domain.text import common

# --- the palette's actions: (label, help) ------------------------------------------------
INBOX: Final = ("Innboks", "Vis innboksen")
HOSPITERING: Final = ("Hospitering", "Vis hospiteringskøen")
VEILEDNING: Final = ("Veiledning", "Vis veiledningskøen")
LIS: Final = ("LIS", "Vis LIS1 og LIS3/ALIS")
NETTVERK: Final = ("Nettverk", "Vis nettverksaktiviteter")
AGENDA: Final = ("Agenda", "Hva skal gjøres i dag, og hvorfor")
NEW_CASE: Final = ("Ny sak", "Registrer en ny sak")
SEARCH: Final = ("Søk", "Finn en sak")
EXPORT: Final = ("Eksporter CSV / Excel", "Lag CSV-filer eller en Excel-bok til kolleger")
STATISTICS: Final = ("Statistikk", "Tall og diagrammer for perioden")
IMPORT: Final = (
    "Importer CSV / Excel / Word",
    "Les en CSV-fil, en Excel-bok eller et utfylt Word-skjema inn på skrivebordet",
)
UNDO: Final = ("Angre", "Angre siste endring")
REDO: Final = (common.REDO, "Gjør om det som sist ble angret")
PURRING: Final = ("Purring", "Registrer at du har purret på svar")
BACKUPS: Final = ("Sikkerhetskopier", "Se sikkerhetskopiene, ta en nå eller gjenopprett en")
PURGE: Final = (
    "Slett etter oppbevaringstiden",
    "Slett personopplysninger fra saker som har passert oppbevaringstiden",
)
HELP: Final = ("Hjelp", "Vis tastene på denne skjermen")
THEME: Final = ("Bytt tema", "Velg fargetema")
SETTINGS: Final = ("Innstillinger", "Side, frister, eksportmappe, tema …")
QUIT: Final = ("Avslutt", "Lukk skrivebordet")

GO_TO_CASE: Final = "Gå til sak {ref} — {title}"

# --- the help screen ---------------------------------------------------------------------
HELP_PALETTE: Final = "Kommandopalett: alle handlinger og «gå til sak»"
HELP_TITLE: Final = "Taster — {screen}"
# The help's title over a screen without a title of its own (by the screen's class).
HELP_SCREEN_NAMES: Final = {
    "BackupsScreen": "Sikkerhetskopier",
    "CaseScreen": "Sak",
    "ConfirmScreen": "Spørsmål",
    "FieldFinder": "Gå til felt",
    "FirstStartScreen": "Første oppstart",
    "FormScreen": "Skjema",
    "HelpScreen": "Hjelp",
    "ImportPreviewScreen": "Import",
    "ExportScreen": "Eksport",
    "MergeScreen": "Velg felt for felt",
    "NewCaseScreen": "Ny sak",
    "PromptScreen": "Notat",
    "PurringScreen": "Purring",
    "StatsCasesScreen": "Sakene bak tallet",
    "StatusFilterScreen": "Filter",
    "TransitionScreen": "Flytt saken",
}
HELP_SCREEN_ANY: Final = "dette vinduet"
HELP_COLUMN_DOES: Final = "Hva den gjør"
HELP_KEYS: Final = (
    "Bokstavtaster virker når ingen tekstboks har fokus; Ctrl- og F-tastene virker "
    "overalt. Tastene kan endres i \\[keymap] i settings.toml (id-ene står til høyre)."
)
