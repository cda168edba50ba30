"""Sentences of the move dialog, the timeline rules, snooze and undo (issue #9, moves).

Dates in these sentences are already formatted `dd.mm.åååå` by the caller. Pure Python.
"""

from __future__ import annotations

# --- timelines (DOMAIN.md «Timelines») ------------------------------------------------------
IN_FUTURE = "«{label}» ({on}) kan ikke være etter i dag ({today}): det har ikke skjedd ennå."
CLOSED_BEFORE_RECEIVED = "«{label}» ({on}) kan ikke være før saken ble mottatt ({received})."
CLOSED_WHILE_OPEN = "«{label}» ({on}) fylles bare ut for en lukket sak; status er «{status}»."
PLANNED_DELIVERY_BEFORE_AGREED = (
    "«{label}» ({on}) kan ikke være før veiledningen ble avtalt ({agreed})."
)
HOST_RECEIVED_BEFORE_SENT = (
    "«{label}» ({on}) kan ikke være før søknaden ble sendt vertsenheten ({sent})."
)
EVALUATION_BEFORE_START = (
    "«{label}» ({on}) kan ikke være før oppholdet starter ({start}, {period})."
)
EVALUATION_BEFORE_END = (
    "«{label}» ({on}) er før oppholdet slutter ({end}, {period}). Er det riktig?"
)
PERIOD_AGREED = "avtalt periode"
PERIOD_APPLIED = "søkt periode"
END_BEFORE_START = "«{end_label}» ({end}) kan ikke være før «{start_label}» ({start})."
NETWORK_REPORTED_BEFORE = (
    "Aktiviteten kan ikke rapporteres før den er holdt ({held}); i dag er {today}."
)
ONGOING_BEFORE_START = (
    "Hospiteringen settes i gang før avtalt start ({start}); i dag er {today}. Er det riktig?"
)
DONE_BEFORE_END = (
    "Hospiteringen avsluttes før avtalt slutt ({end}); i dag er {today}. Er det riktig?"
)
ONGOING_WITHOUT_CONFIDENTIALITY = (
    "Taushetserklæringen er ikke registrert. Hospiteringen kan starte, men husk å få den signert."
)


# --- the move dialog -------------------------------------------------------------------------
def dialog_help(*, save: str, cancel: str) -> str:
    """The move dialog's help line, with the keys bound now."""
    return (
        f"Enter: neste felt · Ctrl+U tømmer feltet · {save} lagrer det som står · {cancel} avbryter"
    )


REQUIRED_MARK = " *"
REQUIRED_NOTE = "* må fylles ut"
FIXED = "{label}: {value} (følger av valget)"
CHOOSE_MOVE = "Velg hva som skal skje."
# A move's digit in the dialog's numbered list (help: «2  Velg flytt nr. 2»).
PICK_MOVE = "Velg flytt nr. {n}"
CHOOSE_REASON = "Velg en begrunnelse."
REQUIRED = "«{label}» må fylles ut."
FROM_APPLICATION = "fra søknaden"
EARLY_END_HINT = "Avtalt slutt var {end}: skriv den faktiske slutten."
STATSFORVALTER_HINT = "Eller velg «Ja» i «Bekreftet av kommunen» hvis du ikke kan vite datoen."
DIFFERS = "Ulikt i sakene: {cases}. Tomt felt: hver sak beholder sitt."
DIFFERS_CASE = "{ref} {value}"
MOVE_RELOADED = (
    "Saken ble endret i et annet vindu og er hentet på nytt; det du skrev står. "
    "Se over og lagre ({save})."
)
# {save}: the key that saves, as bound now (the dialog's or the form's).
WARNINGS_CONFIRM = "Trykk {save} igjen for å lagre likevel, eller rett opp."
WARNING_PREFIX = "Advarsel: "
TITLE_ONE = "{ref} — nå: {status}"
TITLE_MANY = "{n} saker — nå: {status}"
# {note}: « (a)», the note key as bound now, or nothing.
NOTE_HINT = "Mer å si? Legg et notat på saken{note} etterpå."
REASON_LABEL = "Begrunnelse"
DATE_PLACEHOLDER = "dd.mm.åååå, i dag, fredag, 17.5 …"
CHOICE_PROMPT = "Velg …"

# --- snooze ------------------------------------------------------------------------------------
SNOOZE_PAST_CRITICAL = (
    "{ref} er kritisk: «{rule}» må være gjort senest {on}. Utsette likevel til {until}?"
)
SNOOZE_PAST_CRITICAL_MANY = (
    "{n} av sakene er kritiske og forfaller før {until}: {cases}. Utsette dem likevel?"
)
CRITICAL_RULE = "en kritisk frist"
SNOOZE_LEFT_ALONE = "Ikke utsatt (kritisk): {cases}."
SNOOZE_CONFIRM_YES = "Utsett likevel"
SNOOZE_CONFIRM_NO = "Utsett bare de andre"
SNOOZE_CONFIRM_TITLE = "Kritisk frist"

# --- undo and redo ----------------------------------------------------------------------------
UNDO_FOREIGN = (
    "Den siste endringen ble ikke gjort her, men i et annet vindu eller før skrivebordet "
    "sist ble startet ({at}): {what}."
)
UNDO_WHAT = "Angre {what}?"
UNDO_WHAT_CREATED = "ny sak {ref}"
UNDO_WHAT_NOTE = "notat"
UNDO_CHANGED_SINCE = "{ref}: {fields} er endret senere ({at}) og blir stående."
# The same when no later change is recorded (only a hand-edited desk, or the demo's moved dates).
UNDO_CHANGED_SINCE_UNDATED = "{ref}: {fields} er endret senere og blir stående."
UNDO_CREATION_CHANGED = (
    "{ref} er endret senere ({at}); saken skjules med endringene (de kan hentes tilbake "
    "med Gjør om)."
)
UNDO_CONFIRM_TITLE = "Angre likevel?"
UNDO_CONFIRM_YES = "Angre"
# Written by the store, which knows no keys: the toast adds the redo key (UNDONE).
UNDO_HIDDEN = "saken er skjult (den kan hentes tilbake)"
UNDO_KEPT = "verdier endret senere står"
# What an undo did to a case («H-2026-0042: status Avtalt → Tilbakemelding gitt»).
UNDO_NOTE_DELETED = "notatet er slettet"
UNDO_PURRING = "purringen er angret"
UNDO_STATUS = "status {now} → {back}"
UNDO_SNOOZE_LIFTED = "utsettelsen er opphevet"
UNDO_SNOOZED_AGAIN = "utsatt igjen"
UNDO_REVERTED = "endringen er tilbakeført"
# The cases an undo names after the first three («…; H-2026-0044 (Status) og 2 til»).
UNDO_WHAT_MORE = " og {more} til"
# The fields changed since, when none of them has a label of its own.
UNDO_FIELDS_UNNAMED = "Verdier"
REDO_SHOWN = "saken er tilbake"
NOTHING_TO_UNDO = "Det er ingenting å angre."
NOTHING_TO_REDO = "Det er ingenting å gjøre om."
REDONE = "Gjort om: {what}"
# The toast after an undo, with the redo command's name and its key as bound now.
UNDONE = "Angret: {what} ({redo}: {key})"

# --- merging after a refused stale save ---------------------------------------------------------
STALE = (
    "Saken er endret et annet sted (et annet vindu) etter at du åpnet den. "
    "Last den inn på nytt; det du har skrevet står fortsatt her."
)
# {reload}: the keys that fetch the newer version, as bound now («F5/Ctrl+R»).
MERGE_HINT = " Trykk {reload} for å hente den nyeste utgaven og velge felt for felt."
MERGE_TITLE = "{ref} er endret i et annet vindu"
MERGE_INTRO = (
    "Disse feltene er endret både her og der. Velg for hvert felt hva som skal stå; "
    "det andre vinduets øvrige endringer er tatt inn, og det du ellers skrev, står."
)
MERGE_KEEP_TYPED = "Behold det du skrev: {value}"
MERGE_TAKE_STORED = "Ta det som er lagret: {value}"
MERGE_HELP = "↑/↓ velger · Tab: neste felt · {done}: bruk valgene · {cancel}: avbryt"
MERGED = "Hentet den nyeste utgaven av {ref}. Lagre ({save}) for å lagre det som står i skjemaet."
MERGE_NOTHING = "Saken er ikke endret et annet sted; ingenting å hente."
