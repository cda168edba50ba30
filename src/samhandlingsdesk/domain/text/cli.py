"""Texts of the command line: argparse's headings and help, the commands' lines and
messages (bokmål). `{prog}` is the program's name."""

from __future__ import annotations

from typing import Final

# --- argparse in Norwegian ----------------------------------------------------------------
# argparse's own English messages (patterns) and what the user reads instead.
ARGPARSE_MESSAGES: Final[tuple[tuple[str, str], ...]] = (
    (r"the following arguments are required: (.*)", r"mangler \1"),
    (r"unrecognized arguments: (.*)", r"ukjente argumenter: \1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"\1: ugyldig valg \2 (velg \3)",
    ),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"\1: ugyldig verdi \3"),
    (r"argument (\S+): expected one argument", r"\1 trenger en verdi"),
    (r"argument (\S+): not allowed with argument (\S+)", r"\1 kan ikke brukes sammen med \2"),
    (r"argument (\S+): (.*)", r"\1: \2"),
)
USAGE_PREFIX: Final = "bruk: "
POSITIONALS_TITLE: Final = "argumenter"
OPTIONALS_TITLE: Final = "valg"
COMMANDS_TITLE: Final = "kommandoer"
HELP_HELP: Final = "vis denne hjelpen"
ARGUMENT_ERROR: Final = "{prog}: {text}. Se «{prog} --help».\n"
NOT_A_NUMBER: Final = "«{text}» er ikke et helt tall"
NEGATIVE: Final = "«{text}» kan ikke være negativt"
EMPTY_DATE: Final = "tom dato"
NOT_A_YEAR: Final = "«{text}» er ikke et årstall"

# The placeholders in the usage lines and help.
METAVAR_PATH: Final = "STI"
METAVAR_FILE: Final = "FIL"
METAVAR_XLSX: Final = "FIL.xlsx"
METAVAR_DATE: Final = "DATO"
METAVAR_FOLDER: Final = "MAPPE"
METAVAR_PARTY: Final = "PART"
METAVAR_STATUS: Final = "STATUS"
METAVAR_KIND: Final = "TYPE"
METAVAR_TERM: Final = "SØK"
METAVAR_YEAR: Final = "ÅR"
METAVAR_SHEET: Final = "ARK"
METAVAR_COMMAND: Final = "KOMMANDO"

# --- the program and its common options ---------------------------------------------------
HELP_DB: Final = (
    "skrivebordet (SQLite-fil); standard: SAMHANDLINGSDESK_DB eller brukerens datamappe"
)
HELP_CONFIG: Final = "innstillingsfil (settings.toml); standard: brukerens konfigurasjonsmappe"
HELP_DEBUG: Final = "vis hele feilmeldingen (traceback) ved feil"
DESCRIPTION: Final = (
    "Skrivebord for samhandlingskoordinatoren: hospitering, veiledning, LIS1,\n"
    "LIS3/ALIS og nettverk. Uten kommando åpnes skrivebordet i terminalen."
)
EPILOG: Final = (
    "Avslutningskoder: 0 ferdig, 1 ingen treff / problemer funnet, 2 feil.\n"
    "Eksempler:\n"
    "  {prog} --demo                    prøv med eksempeldata\n"
    "  {prog} init --db ~/desk.db       lag et nytt, tomt skrivebord\n"
    '  {prog} search "Ødegård"          søk i sakene'
)
HELP_VERSION: Final = "vis versjonen og avslutt"
HELP_DEMO: Final = (
    "åpne en kopi av eksempelskrivebordet med datoene flyttet til i dag "
    "(kopien slettes når du avslutter)"
)

# --- init, demo-data, check, backup, restore, purge ---------------------------------------
INIT_HELP: Final = "lag et nytt, tomt skrivebord"
INIT_DESCRIPTION: Final = "Lager et nytt, tomt skrivebord. Overskriver aldri en fil som finnes."
DEMO_DATA_HELP: Final = "lag et skrivebord med oppdiktede eksempelsaker"
DEMO_DATA_DESCRIPTION: Final = (
    "Lager et nytt skrivebord med oppdiktede saker (ekte kommunenavn, oppdiktede\n"
    "personer, ingen fødselsnumre). Samme antall, frø og dato gir samme innhold."
)
HELP_ROWS: Final = "antall saker (300)"
HELP_SEED: Final = "frø for tilfeldighet"
HELP_NEW_FILE: Final = "ny fil å skrive"
HELP_TODAY: Final = "referansedato (17.05.2026 eller 2026-05-17); standard: i dag"
CHECK_HELP: Final = "kontroller skrivebordet (endrer ingenting)"
CHECK_DESCRIPTION: Final = (
    "Kontrollerer databasens integritet, skjemaversjonen og søkeindeksen.\n"
    "Endrer ingenting. Avslutter med 1 når noe er galt."
)
BACKUP_HELP: Final = "ta en sikkerhetskopi"
BACKUP_DESCRIPTION: Final = (
    "Tar en sikkerhetskopi (lesbar bare for deg) mens skrivebordet er i bruk."
)
HELP_BACKUP_OUT: Final = "kopiens filnavn; standard: mappen for sikkerhetskopier i innstillingene"
RESTORE_HELP: Final = "gjenopprett en sikkerhetskopi"
RESTORE_DESCRIPTION: Final = (
    "Uten FIL: viser sikkerhetskopiene med dato, størrelse og antall saker.\n"
    "Med FIL: kontrollerer filen (integritet, skjema, søkeindeks), tar vare på\n"
    "skrivebordet slik det er, og gjenoppretter. Det som har passert\n"
    "oppbevaringstiden, slettes igjen med en gang."
)
HELP_RESTORE_YES: Final = "ikke spør før gjenopprettingen"
PURGE_HELP: Final = "slett personopplysninger etter oppbevaringstiden"
PURGE_DESCRIPTION: Final = (
    "Sletter navn, kontaktpersoner, adresser, telefon, e-post, fritekst og notater\n"
    "(også i historikken, søkeindeksen og sikkerhetskopiene) fra saker som ble\n"
    "avsluttet for mer enn oppbevaringstiden siden ([retention] i innstillingene,\n"
    "24 måneder som standard). Type, status, datoer, kategorier og saksnummer\n"
    "beholdes. Avslutter med 1 når ingenting er å slette."
)
HELP_PURGE_DRY_RUN: Final = "vis bare hva som ville blitt slettet"

# --- search, agenda -----------------------------------------------------------------------
SEARCH_HELP: Final = "søk i sakene"
SEARCH_DESCRIPTION: Final = (
    "Søker i navn, kommuner, telefonnumre, tema og notater.\n"
    "Én linje per treff: saksnummer, type, status, tittel, frist.\n"
    "Avslutter med 1 uten treff."
)
HELP_TERM: Final = "det du leter etter"
HELP_KIND: Final = "bare denne sakstypen"
HELP_SEARCH_LIMIT: Final = "høyst så mange treff (50)"
AGENDA_HELP: Final = "hva som skal gjøres: forfalt, i dag, resten av uken, neste uke, senere"
AGENDA_DESCRIPTION: Final = (
    "Viser sakene med frist, gruppert: forfalt, i dag, resten av uken, neste uke,\n"
    "senere, hver med regelen i klartekst og vekten (kritisk, frist, oppfølging).\n"
    "Avslutter med 1 når ingenting har frist. Med --ics skrives en kalenderfil\n"
    "(heldagshendelser) for Outlook eller en annen kalender."
)
HELP_DAYS: Final = "bare det som har frist de neste N dagene (0: forfalt og i dag)"
HELP_JSON: Final = "skriv JSON i stedet for tekst"
HELP_AGENDA_LIMIT: Final = (
    "høyst så mange saker i listen (50; 0: alle); tallene per gruppe gjelder alle"
)
HELP_ICS: Final = "skriv en iCalendar-fil (.ics)"
HELP_WITH_NAMES: Final = (
    "ta med navnet (tittelen) i kalenderhendelsene; standard er bare saksnummer"
)

# --- export, import -----------------------------------------------------------------------
EXPORT_HELP: Final = "eksporter saker til CSV eller Excel for kolleger"
EXPORT_DESCRIPTION: Final = (
    "Skriver én CSV-fil per sakstype (hospitering_2026-11-23.csv, så _2, _3 samme\n"
    "dag) for norsk Excel: semikolon, UTF-8 med BOM, datoer som 17.05.2026.\n"
    "Hjemmeadresse og privat telefon tas bare med når du ber om det.\n"
    "Avslutter med 1 når ingen saker passer (da skrives ingen fil).\n"
    "Formatet er beskrevet kolonne for kolonne i README.md (CSV-filer)."
)
HELP_KINDS: Final = "bare denne sakstypen (kan gjentas): {kinds}"
HELP_STATUS: Final = "bare saker med denne statusen, f.eks. mottatt (kan gjentas)"
HELP_PARTIES: Final = "bare saker fra denne kommunen eller enheten (kan gjentas)"
HELP_FROM: Final = "mottatt fra og med"
HELP_TO: Final = "mottatt til og med"
HELP_CHANGED_SINCE: Final = "endret fra og med denne dagen"
HELP_SINCE_LAST: Final = (
    "bare saker som er opprettet eller endret (også ved import) siden forrige eksport"
)
HELP_EXPORT_OUT: Final = (
    "mappen filene skrives til; standard: eksportmappen i innstillingene, ellers Dokumenter"
)
HELP_INCLUDE_PERSONAL: Final = "ta med hjemmeadresse og privat telefon (personopplysninger)"
HELP_FORMAT: Final = (
    "csv (standard: én fil per sakstype) eller xlsx (én Excel-arbeidsbok, et ark per "
    "sakstype og notatene på eget ark)"
)
IMPORT_HELP: Final = (
    "importer en CSV-, Excel- eller Word-fil (egen eksport eller hospiteringssøknader)"
)
IMPORT_DESCRIPTION: Final = (
    "Leser en eksport fra et skrivebord (alle sakstyper) eller en fil med\n"
    "hospiteringssøknader, én per rad: CSV eller Excel (xlsx, alle ark med navn\n"
    "etter en sakstype), eller et utfylt «Skjema hospitering» fra Word (docx), som\n"
    "blir én ny sak. Alle rader kontrolleres først; feil vises med\n"
    "linje og kolonne. Ingenting skrives så lenge en rad har feil, med mindre du\n"
    "velger --skip-invalid. Nyeste endring vinner; samme fil to ganger gir ingen\n"
    "dubletter.\n"
    "Avslutter med 1 når rader har feil og ingenting er skrevet."
)
HELP_IMPORT_FILE: Final = "filen som skal leses (csv, xlsx, docx)"
HELP_IMPORT_DRY_RUN: Final = "vis bare hva importen ville gjort; skriv ingenting"
HELP_IMPORT_YES: Final = "ikke spør før importen skrives"
HELP_SKIP_INVALID: Final = "importer de gyldige radene og hopp over radene med feil"
HELP_FUTURE_AS_NOW: Final = (
    "ta rader med «Sist endret» fram i tid som endret nå (ellers er de feil)"
)
HELP_SHEET: Final = "bare dette arket i en Excel-arbeidsbok"

# --- stats --------------------------------------------------------------------------------
STATS_HELP: Final = "statistikk for et år: tabeller, Excel-rapport eller CSV"
STATS_DESCRIPTION: Final = (
    "Statistikk for samarbeidsavtalen: tabellene fra statistikkskjermen for et år\n"
    "(eller ett kvartal), eventuelt for én part eller én side. Uten --out eller --csv\n"
    "skrives tabellene i terminalen. Bare antall; antall under 3 i en oppdeling etter\n"
    "faggruppe, enhet, spesialitet eller part vises som «<3» (se --exact)."
)
HELP_YEAR: Final = "året (standard: i år)"
HELP_QUARTER: Final = "bare dette kvartalet"
HELP_PARTY: Final = "bare denne kommunen/enheten"
HELP_SIDE: Final = "bare denne siden"
HELP_STATS_OUT: Final = "skriv Excel-rapporten hit"
HELP_STATS_CSV: Final = "skriv tabellene som CSV hit"
HELP_EXACT: Final = "vis også antall under 3 (bare til internt bruk)"

# --- what the commands say ----------------------------------------------------------------
DEMO_WITH_DB: Final = "--demo åpner en kopi av eksempelskrivebordet og kan ikke brukes med --db."
DEMO_WITH_COMMAND: Final = (
    "{prog}: --demo gjelder bare når skrivebordet åpnes, ikke med en kommando."
)
NO_DESK: Final = (
    "Finner ikke skrivebordet {path}. Lag et nytt med «{prog} init --db {path}», "
    "eller prøv «{prog} --demo»."
)
NO_SCREEN: Final = "Skjermbildet kan ikke startes: {reason}."
NO_SAMPLE: Final = "Finner ikke eksempelskrivebordet (sample.db) i installasjonen."
CREATED: Final = "Laget et nytt, tomt skrivebord: {path}"
DEMO_EXISTS: Final = "{path} finnes allerede. Velg et annet filnavn; demo-data overskriver aldri."
# {cases}, {notes}: counted nouns («300 saker», «1 notat»).
DEMO_MADE: Final = "Laget {path}: {cases}, {notes}, referansedato {date} ({seconds:.1f} s)."
NOTE_ONE: Final = "notat"
NOTE_MANY: Final = "notater"
BACKUP_SAVED: Final = "Sikkerhetskopi lagret: {path}"
BACKUP_PROBLEM: Final = "  FEIL: {problem}"
# A sentence the command passes on beside its result.
REMARK: Final = "Merk: {sentence}"
NO_HITS: Final = "Ingen treff på «{term}»."
EVENT_ONE: Final = "hendelse"
EVENT_MANY: Final = "hendelser"
WITH_PERSONAL: Final = "med"
WITHOUT_PERSONAL: Final = "uten"
EXPORTED_PERSONAL: Final = "{exported} ({personal} hjemmeadresse og privat telefon)."
IMPORT_NEEDS_YES: Final = "Importen må bekreftes: kjør med --yes når den ikke kjøres i en terminal."
ASK_SUFFIX: Final = "{question} [j/N] "
# What counts as yes to a [j/N] question.
YES_WORDS: Final = ("j", "ja", "y", "yes")
IMPORT_PROBLEM: Final = "FEIL  {problem}"
MORE_PROBLEMS: Final = "… og {n} feil til."
DRY_RUN_DONE: Final = "Prøvekjøring: ingenting er skrevet."
IMPORT_ASK: Final = "Importere {new} nye og {updated} oppdaterte saker?"
IMPORT_CANCELLED: Final = "Avbrutt: ingenting er importert."
OUT_NOT_XLSX: Final = "--out må være en .xlsx-fil, ikke {name}."
INTERRUPTED: Final = "Avbrutt."
# The desk in an error sentence when the command line named none.
THE_DESK: Final = "skrivebordet"
CANNOT_READ_OR_WRITE: Final = "Kan ikke lese eller skrive filen{where}: {reason}."
UNEXPECTED: Final = "Uventet feil ({name}): {error}. Kjør med --debug for detaljer."
