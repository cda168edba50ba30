"""Texts of follow-ups, weights, purring, the agenda and the settings screen (bokmål)."""

from __future__ import annotations

# --- weights (DOMAIN.md «Weights») -------------------------------------------------------

WEIGHT_LABELS: dict[str, str] = {
    "kritisk": "Kritisk",
    "frist": "Frist",
    "oppfolging": "Oppfølging",
}

# --- follow-ups (DOMAIN.md «Follow-ups») ---------------------------------------------------

# Who a *theirs* status waits for, as in «Venter på {awaited} siden …».
AWAITED: dict[tuple[str, str], str] = {
    ("hospitering", "hos_egen_leder"): "egen leder",
    ("hospitering", "sendt_vertsenhet"): "vertsenheten",
    ("hospitering", "mottatt_vertsenhet"): "vertsenheten",
    ("hospitering", "tilbakemeldt"): "søkeren",
    ("hospitering", "avtalt"): "oppstart",
    ("hospitering", "pagar"): "avslutning",
    # Counted from `agreed_on` when no delivery is planned (with one: DATED).
    ("veiledning", "avtalt"): "levering av veiledningen (uten planlagt dato)",
    ("lis1", "varslet"): "svar etter varslingen",
    ("lis3", "i_ko"): "en plass",
    ("lis3", "bekreftelse_bedt"): "kommunen",
    ("lis3", "tilbudt"): "kandidatens svar på tilbudet",
    ("lis3", "sokt_vikariat"): "svar på vikariatsøknaden",
    ("lis3", "pagar"): "avslutning",
    ("nettverk", "kunngjort"): "aktiviteten",
}

WAITING = "Venter på {awaited} siden {since}{ago}"
# A follow-up whose start is not stored (only a hand-edited desk holds one).
WAITING_NO_SINCE = "Venter på {awaited}"
AGO = " ({n})"
REMINDED = " · purret {reminded}"

# Date-based follow-ups: the natural date the status follows.
DATED: dict[str, str] = {
    "followup.hospitering.avtalt": "Avtalt hospitering starter {on}",
    "followup.hospitering.pagar": "Hospiteringen skal være avsluttet {on}",
    "followup.veiledning.avtalt": "Veiledningen er planlagt levert {on}",
    "followup.lis3.pagar": "LIS3-tjenesten avsluttes {on}",
    "followup.nettverk.kunngjort": "Aktiviteten holdes {on}",
}

# Rules whose sentence carries a date (other rules keep the sentence they were made with).
RULE_SENTENCES: dict[str, str] = {
    "hospitering.sent_not_received": "Sendt vertsenheten {since}{ago}, ikke bekreftet mottatt",
    "lis3.confirmation_due": (
        "LIS3: kommunen skal spørres innen {on} om institusjonstjenesten går som planlagt"
    ),
    "lis3.confirmation_not_answered": (
        "Kommunen har ikke svart på forespørselen om bekreftelse fra {since}{ago}"
    ),
}

# LIS1 rules are shown with what happened: «LIS1 frafall: Statsforvalteren er ikke varslet».
LIS1_NOTICE: dict[str, str] = {
    "frafall_for": "LIS1 frafall",
    "frafall_under": "LIS1 frafall",
    "forsinkelse": "LIS1 forsinkelse",
    "restplass": "LIS1 restplass",
}

# --- purring ------------------------------------------------------------------------------

CHANNELS: dict[str, str] = {"epost": "e-post", "telefon": "telefon", "annet": "annet"}
PURRING_NOTE = "Purret på svar ({channel})"
PURRING_UNKNOWN_CHANNEL = "Ukjent kanal «{channel}»: velg e-post, telefon eller annet."
PURRING_PROMPT = "Purring: hvordan ble det purret?"
PURRING_HELP = "Enter velger · {channels} · {cancel} avbryter"
PURRING_NOT_WAITING = "{ref} venter ikke på andre («{status}»): det er ingen å purre på."
PURRING_DONE_ONE = "Purret på {ref} ({channel}). Neste påminnelse {on}."
PURRING_DONE_MANY = "Purret på {n} ({channel})."
PURRING_HISTORY = "Purret {count}: sist {last} ({channel})"
PURRING_NONE = "Ikke purret"

# --- lists --------------------------------------------------------------------------------

NEW_LABEL = "Ny"
SENIORITY = "Ansiennitet {since} · nr. {rank}"
SUMMARY_PARTS = (
    ("critical", "kritisk", "kritiske"),
    ("overdue", "forfalt", "forfalt"),
    ("today", "i dag", "i dag"),
    ("week", "denne uken", "denne uken"),
    ("new", "ny", "nye"),
)
PREVIEW_NONE = "Ingen frist"

# --- the agenda ---------------------------------------------------------------------------

GROUP_LABELS: dict[str, str] = {
    "forfalt": "Forfalt",
    "i_dag": "I dag",
    "uken": "Resten av uken",
    "neste_uke": "Neste uke",
    "senere": "Senere",
}
AGENDA_TITLE = "Agenda {date}"
AGENDA_EMPTY = "Ingenting å gjøre{window}."
AGENDA_WINDOW = " de neste {days} dagene"
AGENDA_MORE = "… og {n} til (se køene)"
AGENDA_MORE_CLI = "… og {n} til (--limit 0 viser alle)"
AGENDA_GROUP = "{label} ({n})"

# --- the calendar file ----------------------------------------------------------------------

ICS_SUMMARY = "{ref} {kind}: {what}"
ICS_DESCRIPTION = "{weight} · status {status}"
ICS_NETWORK = "aktiviteten holdes"
ICS_HOSPITERING = "avtalt hospitering"
ICS_WRITTEN = "Skrev {path}: {events}."

# --- the settings screen --------------------------------------------------------------------

SETTINGS_TITLE = "Innstillinger"
SETTINGS_HELP = "{save} lagrer · {close} lukker uten å lagre · {next} neste felt"
SETTINGS_LABELS: dict[str, str] = {
    "side": "Side (kommune eller helseforetak)",
    "export_dir": "Eksportmappe (tom: Dokumenter)",
    "backup_dir": "Mappe for sikkerhetskopier (tom: standardmappen)",
    "backups_kept": "Sikkerhetskopier som beholdes",
    "theme": "Fargetema",
    "open_on_agenda": "Åpne på agendaen når noe er kritisk eller forfalt (ja/nei)",
    "stats_exact": "Statistikk: vis også tall under 3 (bare til intern bruk, ja/nei)",
}
SETTINGS_GROUP_GENERAL = "Generelt"
SETTINGS_GROUP_REMINDERS = "Frister og oppfølging (virkedager)"
SETTINGS_GROUP_RETENTION = "Oppbevaringstid (måneder etter avslutning før sletting)"
SETTING_WHOLE = "Skriv et helt antall virkedager (0 eller mer)."
SETTING_BACKUPS = "Skriv et helt tall, 1 eller mer."
SETTING_SIDE = "Skriv «kommune» eller «helseforetak»."
SETTING_YES_NO = "Skriv «ja» eller «nei»."
SETTING_THEME = "Ukjent tema. Velg et av: {themes}."
SETTING_FOLDER = "Mappen finnes ikke: {path}"
SETTING_NOT_FOLDER = "Ikke en mappe: {path}"
SETTING_FOLDER_CANNOT_CREATE = "Mappen kan ikke opprettes her: {path}"
SETTING_MONTHS = "Skriv et helt antall måneder, 1 eller mer."
# {settings}: the settings key as bound now.
SETTINGS_CHANGE_HINT = "Det kan endres under Innstillinger ({settings})."
SETTINGS_INVALID = "Rett feltene som er merket før du lagrer."
SETTINGS_SAVED = "Innstillingene er lagret i {path}."
SETTINGS_RECOMPUTED = "Fristen er regnet om for {n}."
SETTINGS_UNCHANGED = "Ingen endringer å lagre."
