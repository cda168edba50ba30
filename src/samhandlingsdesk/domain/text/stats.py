"""Statistics: the screen, the report file and the `stats` command (bokmål)."""

from __future__ import annotations

MONTHS = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")
QUARTER_LABEL = "{q}. kvartal {year}"
BAD_QUARTER = "Kvartal må være 1, 2, 3 eller 4, ikke {q}."
BAD_PERIOD = "Perioden slutter ({end}) før den begynner ({start})."
SIDE_LABELS = {"kommune": "kommunene", "helseforetak": "helseforetaket"}

FEW = "<3"
NOT_SHOWN = "–"
NOT_GIVEN = "Ikke oppgitt"
TOTAL = "I alt"

# columns
COL_CASES = "Saker"
COL_RECEIVED = "Mottatt"
COL_DECIDED = "Vedtak"
COL_COMPLETED = "Fullført"
COL_DECLINED = "Avslått"
COL_WITHDRAWN = "Trukket"
COL_CANCELLED = "Avlyst"
COL_GRANTED = "Innvilget"
COL_NOT_GRANTED = "Ikke innvilget"
COL_MEDIAN = "Median"
COL_P90 = "90-persentil"
COL_MEDIAN_MONTHS = "Median (mnd.)"
COL_P90_MONTHS = "90-persentil (mnd.)"
COL_IN_TIME = "I tide"
COL_LATE = "For sent"
COL_MISSING = "Ikke varslet"
COL_UNKNOWN = "Kan ikke vurderes"
COL_ACTIVITIES = "Aktiviteter"
COL_PART_MUNI = "Deltakere kommune"
COL_PART_HF = "Deltakere HF"
COL_LEARNING = "Teller mot læringsmål"

# row headers
ROW_MONTH = "Måned"
ROW_DIRECTION = "Retning"
ROW_PROFESSION = "Faggruppe"
ROW_HOST_UNIT = "Vertsenhet"
ROW_STEP = "Trinn"
ROW_DECISION = "Utfall"
ROW_SUBJECT = "Helseområde"
ROW_SCOPE = "Omfang"
ROW_CHANNEL = "Kanal"
ROW_REASON = "Grunn"
ROW_TYPE = "Type varsel"
ROW_SPECIALTY = "Spesialitet"
ROW_PROGRAM = "Utdanning"
ROW_ANSWER = "Spørsmålet stilt"
ROW_NETWORK_TYPE = "Type"
ROW_LEVEL = "Nivå"

# rows
STEP_OWN = "Egen leder"
STEP_HOST = "Vertsenhet"
STEP_FEEDBACK = "Tilbakemelding til søker"
ALL = "Alle"
LEGACY_REASON = "Annet (eldre grunn)"
CONFIRM_IN_TIME = "I tide (innen fristen)"
CONFIRM_LATE = "Etter fristen"
CONFIRM_MISSING = "Ikke spurt, fristen er ute"
CONFIRM_NOT_DUE = "Ikke spurt, fristen er ikke ute"

# titles: {kind} is the kind's plural label
T_MONTH = "{kind} per måned"
T_H_DIRECTION = "Hospitering etter retning"
T_H_PROFESSION = "Hospitering etter faggruppe og retning"
T_H_HOST = "Hospitering etter vertsenhet"
T_H_OUTCOME = "Hospitering: vedtak på hvert trinn"
T_H_DAYS = "Hospitering: dager fra mottatt til tilbakemelding"
T_V_DIRECTION = "Veiledning etter retning"
T_V_SUBJECT = "Veiledning etter helseområde"
T_V_SCOPE = "Veiledning etter omfang"
T_V_CHANNEL = "Veiledning etter kanal"
T_V_DECLINE = "Veiledning: grunner til avvisning"
T_L1_TYPE = "LIS1-varsler etter type og om varslene kom i tide"
T_L3_SPECIALTY = "LIS3/ALIS etter spesialitet"
T_L3_WAIT = "LIS3/ALIS: måneder fra kø til tjeneste"
T_L3_CONFIRM = "LIS3/ALIS: bekreftelse etterspurt i tide"
T_N_TYPE = "Nettverk etter type"
T_N_LEVEL = "Nettverk etter nivå"

# notes under each table: the rule it counts by
N_MONTH = "Mottatt: mottatt-dato. {decided}{closed}: datoen saken ble lukket med den statusen."
N_MONTH_DECIDED_H = "Vedtak: datoene for egen leders og vertsleders vedtak. "
N_MONTH_DECIDED_V = "Vedtak: avtalt-dato, eller datoen saken ble avvist. "
N_RECEIVED = "Saker mottatt i perioden."
N_H_OUTCOME = "Vedtak med dato i perioden, for hvert trinn."
N_H_DAYS = (
    "Saker med tilbakemelding i perioden: tilbakemeldingsdato − mottatt-dato, i dager. "
    "Median og 90-persentil vises ikke for færre enn 3 saker."
)
N_V_DECLINE = "Saker avvist i perioden (lukket-dato), etter grunn."
N_L1 = (
    "Varsler mottatt i perioden. I tide: alle varslene typen krever (ved frafall både "
    "sykehuset og Statsforvalteren) innen {days} etter hendelsesdatoen."
)
N_L3_WAIT = (
    "Saker der tilbudt tjeneste starter i perioden: tilbudt fra − satt i kø, i måneder "
    "(dager / 30,44). Median og 90-persentil vises ikke for færre enn 3 saker."
)
N_L3_CONFIRM = (
    "Saker der fristen for å spørre kommunen (ønsket start − 6 måneder) er i perioden. "
    "I tide: spurt samme dag som fristen eller før."
)
N_NETWORK = (
    "Aktiviteter med dato i perioden, avlyste ikke medregnet. Deltakere er summer av "
    "antallene per side; læringsmål: antall aktiviteter merket Ja."
)

RULES = (
    "Tallene regnes fra datoene som er registrert i sakene (mottatt, vedtak, varslet, "
    "perioder) og datoen saken ble lukket — aldri fra når noe ble skrevet inn.",
    "Saker som er skjult fordi opprettelsen ble angret, telles aldri.",
    "Statistikken inneholder bare antall, ingen personopplysninger.",
)
RULE_FEW = (
    "Antall under 3 i en oppdeling etter faggruppe, enhet, spesialitet eller part vises "
    "som «<3»; median og persentil vises ikke for færre enn 3 saker."
)
RULE_EXACT = "Eksakte tall (til internt bruk): også antall under 3 vises."
RULE_PARTY = "Utvalget er én part eller én side, så alle antall saker følger «<3»-regelen."

# screen
SCREEN_TITLE = "Statistikk"
PERIOD_THIS_YEAR = "I år"
PERIOD_LAST_YEAR = "I fjor"
PERIOD_QUARTER = "Kvartal"
PERIOD_CUSTOM = "Fra–til"
ALL_PARTIES = "Alle parter"
LOADING = "Teller …"
EMPTY_CELL = "Ingen saker bak dette tallet."
CASES_BEHIND = "{title}: {row} · {column} ({n})"
NO_TABLES = "Ingen tall for denne perioden."

# report file
COVER_TITLE = "Statistikk for samarbeidsavtalen"
COVER_PERIOD = "Periode"
COVER_SCOPE = "Utvalg"
COVER_SIDE = "Skrivebordets side"
COVER_MADE = "Laget"
COVER_RULES = "Regler"
COVER_TABLES = "Tabeller"
SIDE_UNKNOWN = "Ikke valgt"
WROTE_XLSX = "Skrev {path} ({n} tabeller)."
WROTE_CSV = "Skrev {n} CSV-filer i {path}."
OUT_EXISTS = "{path} finnes allerede. Velg et annet filnavn; statistikken overskriver aldri."
NOT_A_FOLDER = "{path} er ikke en mappe."
WRITE_FAILED = "Kunne ikke skrive {path}: {reason}"
REASON_TEMP_FILE = "midlertidig fil"  # no free temporary name in the folder
BAD_PARTY_SIDE = "Velg enten én part (--party) eller én side (--side), ikke begge."
CUSTOM_NEEDS_DATES = "Skriv både fra- og til-dato for perioden."
FROM_PLACEHOLDER = "fra dd.mm.åååå"
TO_PLACEHOLDER = "til dd.mm.åååå"
SIDE_OPTION = "Hele siden: {side}"
WROTE_REPORT = "Statistikken er lagret i {path}."
CASES_HELP = "Enter åpner saken · {close} lukker"
COL_REF = "Saksnr."
COL_KIND = "Type"
COL_TITLE = "Navn"
COL_STATUS = "Status"
COVER_SHEET = "Forside"
# Sheet names (Excel: at most 31 characters, no / \ ? * [ ] :).
SHEETS = {
    "hospitering_month": "Hospitering per måned",
    "hospitering_direction": "Hospitering retning",
    "hospitering_profession": "Hospitering faggruppe",
    "hospitering_host_unit": "Hospitering vertsenhet",
    "hospitering_outcome": "Hospitering vedtak",
    "hospitering_feedback_days": "Hospitering dager svar",
    "veiledning_month": "Veiledning per måned",
    "veiledning_direction": "Veiledning retning",
    "veiledning_subject": "Veiledning helseområde",
    "veiledning_scope": "Veiledning omfang",
    "veiledning_channel": "Veiledning kanal",
    "veiledning_decline": "Veiledning avvisning",
    "lis1_month": "LIS1 per måned",
    "lis1_type": "LIS1 type og tid",
    "lis3_month": "LIS3-ALIS per måned",
    "lis3_specialty": "LIS3-ALIS spesialitet",
    "lis3_wait": "LIS3-ALIS ventetid",
    "lis3_confirmation": "LIS3-ALIS bekreftelse",
    "nettverk_month": "Nettverk per måned",
    "nettverk_type": "Nettverk type",
    "nettverk_level": "Nettverk nivå",
}
FILE_STEM = "statistikk"
NO_SUCH_PARTY = "Ingen saker på skrivebordet har parten «{party}»."
