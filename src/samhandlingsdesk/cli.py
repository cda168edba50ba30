"""The command line (DESIGN.md "Command line").

    samhandlingsdesk [--db PATH] [--demo] [--config PATH] [--debug]
    samhandlingsdesk init | demo-data | check | backup | search | export | import | stats
                     [--db PATH] …

Exit codes: 0 done, 1 nothing found / problems found, 2 an error — with one Norwegian
sentence on stderr and never a traceback (`--debug` shows one). Ctrl+C exits 130.

Only argparse and the standard library are imported here at module level: `--help` and
argument errors answer before SQLAlchemy, Alembic or Textual are loaded. Each command
imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from samhandlingsdesk.settings import Settings
    from samhandlingsdesk.store.db import Desk

PROG = "samhandlingsdesk"
EXIT_OK, EXIT_NOTHING, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
KIND_KEYS = ("hospitering", "veiledning", "lis1", "lis3", "nettverk")  # = domain.kinds.KINDS


class CliError(Exception):
    """An error the user can act on; `str()` is one Norwegian sentence."""


# --- argparse in Norwegian --------------------------------------------------------------

_ARGPARSE_MESSAGES: tuple[tuple[str, str], ...] = (
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


def _norwegian(message: str) -> str:
    for pattern, replacement in _ARGPARSE_MESSAGES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "bruk: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """ArgumentParser with Norwegian headings, help option and one-line errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        with_help = kwargs.pop("add_help", True)
        parents = kwargs.pop("parents", [])
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "valg"
        if with_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="vis denne hjelpen"
            )
        for parent in parents:  # after the titles, so the options share one group
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def error(self, message: str) -> NoReturn:
        text = _norwegian(message).rstrip(".")
        self.exit(EXIT_ERROR, f"{self.prog}: {text}. Se «{self.prog} --help».\n")


def _path(text: str) -> Path:
    return Path(text).expanduser()


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» er ikke et helt tall") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"«{text}» kan ikke være negativt")
    return value


def _file_date(text: str) -> date:
    from samhandlingsdesk.domain.dates import DateError, parse_file_date

    try:
        value = parse_file_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None
    if value is None:
        raise argparse.ArgumentTypeError("tom dato")
    return value


def build_parser() -> argparse.ArgumentParser:
    db_help = "skrivebordet (SQLite-fil); standard: SAMHANDLINGSDESK_DB eller brukerens datamappe"
    common = _Parser(add_help=False, prog=PROG)
    # SUPPRESS: `--db` may stand before or after the subcommand without one hiding the other.
    common.add_argument("--db", type=_path, metavar="STI", default=argparse.SUPPRESS, help=db_help)
    common.add_argument(
        "--config",
        type=_path,
        metavar="STI",
        default=argparse.SUPPRESS,
        help="innstillingsfil (settings.toml); standard: brukerens konfigurasjonsmappe",
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="vis hele feilmeldingen (traceback) ved feil",
    )
    parser = _Parser(
        prog=PROG,
        parents=[common],
        description=(
            "Skrivebord for samhandlingskoordinatoren: hospitering, veiledning, LIS1,\n"
            "LIS3/ALIS og nettverk. Uten kommando åpnes skrivebordet i terminalen."
        ),
        epilog=(
            "Avslutningskoder: 0 ferdig, 1 ingen treff / problemer funnet, 2 feil.\n"
            "Eksempler:\n"
            f"  {PROG} --demo                    prøv med eksempeldata\n"
            f"  {PROG} init --db ~/desk.db       lag et nytt, tomt skrivebord\n"
            f'  {PROG} search "Ødegård"          søk i sakene'
        ),
    )
    from samhandlingsdesk import __version__

    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help="vis versjonen og avslutt",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="åpne en kopi av eksempelskrivebordet med datoene flyttet til i dag "
        "(kopien slettes når du avslutter)",
    )
    sub = parser.add_subparsers(dest="command", title="kommandoer", metavar="KOMMANDO")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], **texts: str
    ) -> argparse.ArgumentParser:
        """A subcommand with the common options, run by `handler`."""
        p = sub.add_parser(name, parents=[common], **texts)
        p.set_defaults(handler=handler)
        return p

    command(
        "init",
        cmd_init,
        help="lag et nytt, tomt skrivebord",
        description="Lager et nytt, tomt skrivebord. Overskriver aldri en fil som finnes.",
    )

    p = command(
        "demo-data",
        cmd_demo_data,
        help="lag et skrivebord med oppdiktede eksempelsaker",
        description=(
            "Lager et nytt skrivebord med oppdiktede saker (ekte kommunenavn, oppdiktede\n"
            "personer, ingen fødselsnumre). Samme antall, frø og dato gir samme innhold."
        ),
    )
    p.add_argument("--rows", type=_positive, default=300, metavar="N", help="antall saker (300)")
    p.add_argument("--seed", type=int, default=2026, metavar="S", help="frø for tilfeldighet")
    p.add_argument("--out", type=_path, required=True, metavar="FIL", help="ny fil å skrive")
    p.add_argument(
        "--today",
        type=_file_date,
        default=None,
        metavar="DATO",
        help="referansedato (17.05.2026 eller 2026-05-17); standard: i dag",
    )

    command(
        "check",
        cmd_check,
        help="kontroller skrivebordet (endrer ingenting)",
        description=(
            "Kontrollerer databasens integritet, skjemaversjonen og søkeindeksen.\n"
            "Endrer ingenting. Avslutter med 1 når noe er galt."
        ),
    )

    p = command(
        "backup",
        cmd_backup,
        help="ta en sikkerhetskopi",
        description="Tar en sikkerhetskopi (lesbar bare for deg) mens skrivebordet er i bruk.",
    )
    p.add_argument(
        "--out",
        type=_path,
        default=None,
        metavar="FIL",
        help="kopiens filnavn; standard: mappen for sikkerhetskopier i innstillingene",
    )

    p = command(
        "restore",
        cmd_restore,
        help="gjenopprett en sikkerhetskopi",
        description=(
            "Uten FIL: viser sikkerhetskopiene med dato, størrelse og antall saker.\n"
            "Med FIL: kontrollerer filen (integritet, skjema, søkeindeks), tar vare på\n"
            "skrivebordet slik det er, og gjenoppretter. Det som har passert\n"
            "oppbevaringstiden, slettes igjen med en gang."
        ),
    )
    p.add_argument("file", type=_path, nargs="?", default=None, metavar="FIL")
    p.add_argument("--yes", action="store_true", help="ikke spør før gjenopprettingen")

    p = command(
        "purge",
        cmd_purge,
        help="slett personopplysninger etter oppbevaringstiden",
        description=(
            "Sletter navn, kontaktpersoner, adresser, telefon, e-post, fritekst og notater\n"
            "(også i historikken, søkeindeksen og sikkerhetskopiene) fra saker som ble\n"
            "avsluttet for mer enn oppbevaringstiden siden ([retention] i innstillingene,\n"
            "24 måneder som standard). Type, status, datoer, kategorier og saksnummer\n"
            "beholdes. Avslutter med 1 når ingenting er å slette."
        ),
    )
    p.add_argument("--dry-run", action="store_true", help="vis bare hva som ville blitt slettet")

    p = command(
        "search",
        cmd_search,
        help="søk i sakene",
        description=(
            "Søker i navn, kommuner, telefonnumre, tema og notater.\n"
            "Én linje per treff: saksnummer, type, status, tittel, frist.\n"
            "Avslutter med 1 uten treff."
        ),
    )
    p.add_argument("term", metavar="SØK", help="det du leter etter")
    p.add_argument("--kind", choices=KIND_KEYS, default=None, help="bare denne sakstypen")
    p.add_argument(
        "--limit", type=_positive, default=50, metavar="N", help="høyst så mange treff (50)"
    )

    p = command(
        "agenda",
        cmd_agenda,
        help="hva som skal gjøres: forfalt, i dag, resten av uken, neste uke, senere",
        description=(
            "Viser sakene med frist, gruppert: forfalt, i dag, resten av uken, neste uke,\n"
            "senere, hver med regelen i klartekst og vekten (kritisk, frist, oppfølging).\n"
            "Avslutter med 1 når ingenting har frist. Med --ics skrives en kalenderfil\n"
            "(heldagshendelser) for Outlook eller en annen kalender."
        ),
    )
    p.add_argument(
        "--days",
        type=_positive,
        default=None,
        metavar="N",
        help="bare det som har frist de neste N dagene (0: forfalt og i dag)",
    )
    p.add_argument("--kind", choices=KIND_KEYS, default=None, help="bare denne sakstypen")
    p.add_argument("--json", action="store_true", help="skriv JSON i stedet for tekst")
    p.add_argument(
        "--limit",
        type=_positive,
        default=50,
        metavar="N",
        help="høyst så mange saker i listen (50; 0: alle); tallene per gruppe gjelder alle",
    )
    p.add_argument(
        "--ics", type=_path, default=None, metavar="FIL", help="skriv en iCalendar-fil (.ics)"
    )
    p.add_argument(
        "--with-names",
        action="store_true",
        help="ta med navnet (tittelen) i kalenderhendelsene; standard er bare saksnummer",
    )

    p = command(
        "export",
        cmd_export,
        help="eksporter saker til CSV eller Excel for kolleger",
        description=(
            "Skriver én CSV-fil per sakstype (hospitering_2026-11-23.csv, så _2, _3 samme\n"
            "dag) for norsk Excel: semikolon, UTF-8 med BOM, datoer som 17.05.2026.\n"
            "Hjemmeadresse og privat telefon tas bare med når du ber om det.\n"
            "Avslutter med 1 når ingen saker passer (da skrives ingen fil).\n"
            "Formatet er beskrevet kolonne for kolonne i README.md (CSV-filer)."
        ),
    )
    p.add_argument(
        "--kind",
        action="append",
        choices=KIND_KEYS,
        default=[],
        metavar="TYPE",
        help=f"bare denne sakstypen (kan gjentas): {', '.join(KIND_KEYS)}",
    )
    p.add_argument(
        "--status",
        action="append",
        default=[],
        metavar="STATUS",
        help="bare saker med denne statusen, f.eks. mottatt (kan gjentas)",
    )
    p.add_argument(
        "--party",
        action="append",
        default=[],
        metavar="PART",
        help="bare saker fra denne kommunen eller enheten (kan gjentas)",
    )
    p.add_argument(
        "--from", dest="received_from", type=_file_date, metavar="DATO", help="mottatt fra og med"
    )
    p.add_argument(
        "--to", dest="received_to", type=_file_date, metavar="DATO", help="mottatt til og med"
    )
    p.add_argument(
        "--changed-since", type=_file_date, metavar="DATO", help="endret fra og med denne dagen"
    )
    p.add_argument(
        "--since-last",
        action="store_true",
        help="bare saker som er opprettet eller endret (også ved import) siden forrige eksport",
    )
    p.add_argument(
        "--out",
        type=_path,
        default=None,
        metavar="MAPPE",
        help="mappen filene skrives til; standard: eksportmappen i innstillingene, "
        "ellers Dokumenter",
    )
    p.add_argument(
        "--include-personal",
        action="store_true",
        help="ta med hjemmeadresse og privat telefon (personopplysninger)",
    )
    p.add_argument(
        "--format",
        choices=("csv", "xlsx"),
        default="csv",
        help="csv (standard: én fil per sakstype) eller xlsx (én Excel-arbeidsbok, et ark per "
        "sakstype og notatene på eget ark)",
    )

    p = command(
        "import",
        cmd_import,
        help="importer en CSV-, Excel- eller Word-fil (egen eksport eller hospiteringssøknader)",
        description=(
            "Leser en eksport fra et skrivebord (alle sakstyper) eller en fil med\n"
            "hospiteringssøknader, én per rad: CSV eller Excel (xlsx, alle ark med navn\n"
            "etter en sakstype), eller et utfylt «Skjema hospitering» fra Word (docx), som\n"
            "blir én ny sak. Alle rader kontrolleres først; feil vises med\n"
            "linje og kolonne. Ingenting skrives så lenge en rad har feil, med mindre du\n"
            "velger --skip-invalid. Nyeste endring vinner; samme fil to ganger gir ingen\n"
            "dubletter.\n"
            "Avslutter med 1 når rader har feil og ingenting er skrevet."
        ),
    )
    p.add_argument("file", type=_path, metavar="FIL", help="filen som skal leses (csv, xlsx, docx)")
    p.add_argument(
        "--dry-run", action="store_true", help="vis bare hva importen ville gjort; skriv ingenting"
    )
    p.add_argument("--yes", action="store_true", help="ikke spør før importen skrives")
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help="importer de gyldige radene og hopp over radene med feil",
    )
    p.add_argument(
        "--future-as-now",
        action="store_true",
        help="ta rader med «Sist endret» fram i tid som endret nå (ellers er de feil)",
    )
    p.add_argument(
        "--sheet", metavar="ARK", default=None, help="bare dette arket i en Excel-arbeidsbok"
    )

    p = command(
        "stats",
        cmd_stats,
        help="statistikk for et år: tabeller, Excel-rapport eller CSV",
        description=(
            "Statistikk for samarbeidsavtalen: tabellene fra statistikkskjermen for et år\n"
            "(eller ett kvartal), eventuelt for én part eller én side. Uten --out eller --csv\n"
            "skrives tabellene i terminalen. Bare antall; antall under 3 i en oppdeling etter\n"
            "faggruppe, enhet, spesialitet eller part vises som «<3» (se --exact)."
        ),
    )
    p.add_argument("--year", type=_year, default=None, metavar="ÅR", help="året (standard: i år)")
    p.add_argument(
        "--quarter", type=int, choices=(1, 2, 3, 4), default=None, help="bare dette kvartalet"
    )
    who = p.add_mutually_exclusive_group()
    who.add_argument("--party", default=None, metavar="PART", help="bare denne kommunen/enheten")
    who.add_argument(
        "--side", choices=("kommune", "helseforetak"), default=None, help="bare denne siden"
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--out", type=_path, default=None, metavar="FIL.xlsx", help="skriv Excel-rapporten hit"
    )
    where.add_argument(
        "--csv", type=_path, default=None, metavar="MAPPE", help="skriv tabellene som CSV hit"
    )
    p.add_argument(
        "--exact",
        action="store_true",
        default=None,
        help="vis også antall under 3 (bare til internt bruk)",
    )
    return parser


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» er ikke et årstall") from None
    if not 1900 <= value <= 2999:
        raise argparse.ArgumentTypeError(f"«{text}» er ikke et årstall")
    return value


# --- helpers -----------------------------------------------------------------------------


def _out(line: str = "") -> None:
    print(line, flush=True)


def _settings(args: argparse.Namespace) -> Settings:
    from samhandlingsdesk.settings import load_settings

    return load_settings(getattr(args, "config", None))


def _db_path(args: argparse.Namespace) -> tuple[Path, bool]:
    """The desk's path, and whether the user named it (--db or SAMHANDLINGSDESK_DB)."""
    from samhandlingsdesk.paths import ENV_DB, default_db_path

    explicit = getattr(args, "db", None)
    if explicit is not None:
        return explicit, True
    return default_db_path(), bool(os.environ.get(ENV_DB))


def _open(args: argparse.Namespace, *, upgrade: bool, verify: bool = True) -> Desk:
    """The desk for a command; a damaged one is refused unless `verify=False` (`check`
    reports the damage itself)."""
    from samhandlingsdesk.store.db import open_desk

    path, _explicit = _db_path(args)
    settings = _settings(args)
    return open_desk(
        path,
        upgrade=upgrade,
        backup_dir=settings.backups_path(path),
        backups_kept=settings.backups_kept,
        verify=verify,
    )


# --- commands ----------------------------------------------------------------------------


def cmd_open(args: argparse.Namespace) -> int:
    """No subcommand: open the desk (or a throw-away demo copy) in the terminal app."""
    settings_path = getattr(args, "config", None)
    if args.demo:
        if getattr(args, "db", None) is not None:
            raise CliError(
                "--demo åpner en kopi av eksempelskrivebordet og kan ikke brukes med --db."
            )
        with DemoCopy() as path:
            return _run_app(path, settings_path, demo=True)
    path, explicit = _db_path(args)
    if explicit and not path.exists():
        raise CliError(
            f"Finner ikke skrivebordet {path}. Lag et nytt med «{PROG} init --db {path}», "
            f"eller prøv «{PROG} --demo»."
        )
    _settings(args)  # a broken settings file: one sentence before the screen opens
    if path.exists() or path.is_symlink():
        # A file the app cannot use is refused here, in one sentence, before the screen
        # library loads; nothing is changed (no upgrade yet).
        from samhandlingsdesk.store.db import VERIFY_UP_FRONT_BYTES, open_desk

        # A damaged desk is refused too; a large one is checked after the first frame.
        later = path.is_file() and path.stat().st_size > VERIFY_UP_FRONT_BYTES
        open_desk(path, upgrade=False, verify=not later).close()
        return _run_app(path, settings_path, demo=False, verify_later=later)
    # run_app opens the desk: it creates the default desk on first start and upgrades
    # an older one after a backup.
    return _run_app(path, settings_path, demo=False)


def _run_app(
    path: Path, settings_path: Path | None, *, demo: bool, verify_later: bool = False
) -> int:
    try:
        from samhandlingsdesk.tui.app import run_app
    except ImportError as exc:
        raise CliError(f"Skjermbildet kan ikke startes: {exc}.") from None
    if verify_later:
        return int(run_app(path, settings_path, demo, verify_later=True) or 0)
    return int(run_app(path, settings_path, demo) or 0)


class DemoCopy:
    """A private temporary copy of sample.db, dates shifted to today, deleted on exit."""

    def __init__(self, today: date | None = None) -> None:
        self.today = today or date.today()
        self.path: Path | None = None
        self._previous: dict[int, Any] = {}

    def _on_signal(self, signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)  # unwinds through __exit__: the copy is deleted

    def _catch_signals(self) -> None:
        """A closed terminal (SIGHUP) or `kill` (SIGTERM) still deletes the copy."""
        import signal

        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is not None:
                with suppress(ValueError, OSError):  # not the main thread
                    self._previous[signum] = signal.signal(signum, self._on_signal)

    def _restore_signals(self) -> None:
        import signal

        for signum, handler in self._previous.items():
            with suppress(ValueError, OSError, TypeError):
                signal.signal(signum, handler)
        self._previous.clear()

    def __enter__(self) -> Path:
        import shutil
        import tempfile

        from samhandlingsdesk.paths import package_resource
        from samhandlingsdesk.service.demo import shift_dates

        try:
            sample = package_resource("sample.db")
        except FileNotFoundError:
            raise CliError(
                "Finner ikke eksempelskrivebordet (sample.db) i installasjonen."
            ) from None
        self._catch_signals()
        fd, name = tempfile.mkstemp(prefix="samhandlingsdesk-demo-", suffix=".db")  # 0600
        self.path = Path(name)
        try:
            with os.fdopen(fd, "wb") as dst, sample.open("rb") as src:
                shutil.copyfileobj(src, dst)
            shift_dates(self.path, self.today)
        except BaseException:
            self.__exit__()
            raise
        return self.path

    def __exit__(self, *exc: object) -> None:
        if self.path is not None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with suppress(OSError):
                    Path(f"{self.path}{suffix}").unlink()
            self.path = None
        self._restore_signals()


def cmd_init(args: argparse.Namespace) -> int:
    from samhandlingsdesk.store.db import create_desk

    path, _ = _db_path(args)
    create_desk(path).close()
    _out(f"Laget et nytt, tomt skrivebord: {path}")
    return EXIT_OK


def cmd_demo_data(args: argparse.Namespace) -> int:
    from samhandlingsdesk.service.demo import generate

    out: Path = args.out
    if out.exists():
        raise CliError(
            f"{out} finnes allerede. Velg et annet filnavn; demo-data overskriver aldri."
        )
    from samhandlingsdesk.domain.dates import format_date

    stats = generate(out, args.rows, args.seed, args.today or date.today())
    _out(
        f"Laget {out}: {stats.cases} saker, {stats.notes} notater, referansedato "
        f"{format_date(stats.reference_date)} ({stats.seconds:.1f} s)."
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from samhandlingsdesk.domain.text import safety as t
    from samhandlingsdesk.domain.text.common import cases as counted
    from samhandlingsdesk.store.db import count_cases, integrity_problems
    from samhandlingsdesk.store.schema import SCHEMA_HEAD

    desk = _open(args, upgrade=False, verify=False)
    try:
        problems = integrity_problems(desk)
        # Counted only on a sound file: a damaged one may fail to count.
        cases = 0 if problems else count_cases(desk.reader())
    finally:
        desk.close()
    if problems:
        for problem in problems:
            _out(t.CHECK_FAILED.format(problem=problem))
        _out(t.CHECK_FAILED_COUNT.format(count=len(problems), path=desk.path))
        return EXIT_NOTHING
    for line in t.CHECK_OK:
        _out(line.format(head=SCHEMA_HEAD))
    _out(t.CHECK_OK_CASES.format(cases=counted(cases), path=desk.path))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from samhandlingsdesk.service.safety import backup_now
    from samhandlingsdesk.store.db import backup_desk

    desk = _open(args, upgrade=False, verify=False)  # the copy is verified
    try:
        out: Path | None = args.out
        if out is None:
            out = backup_now(desk, _settings(args))
        else:
            backup_desk(desk, out)
    finally:
        desk.close()
    _out(f"Sikkerhetskopi lagret: {out}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from samhandlingsdesk.domain.text import safety as t
    from samhandlingsdesk.service.safety import (
        backups_folder,
        describe_backup,
        list_backups,
        restore,
    )

    path, _ = _db_path(args)
    settings = _settings(args)
    chosen: Path | None = args.file
    if chosen is None:
        backups = list_backups(path, settings)
        folder = backups_folder(path, settings)
        if not backups:
            print(t.MSG_NO_BACKUPS.format(folder=folder), file=sys.stderr)
            return EXIT_NOTHING
        _out(t.BACKUP_HEADING.format(folder=folder))
        for i, b in enumerate(backups, 1):
            _out(f"{i:>3}  {describe_backup(b)}" + (f"  FEIL: {b.problem}" if b.problem else ""))
        if args.yes or not sys.stdin.isatty():
            print(t.MSG_RESTORE_CHOOSE, file=sys.stderr)
            return EXIT_NOTHING
        try:
            answer = input(t.RESTORE_PICK).strip()
        except EOFError:
            answer = ""
        if not answer.isdigit() or not 1 <= int(answer) <= len(backups):
            print(t.MSG_CANCELLED, file=sys.stderr)
            return EXIT_NOTHING
        chosen = backups[int(answer) - 1].path
    from samhandlingsdesk.store.db import Desk, DeskError

    try:
        desk = _open(args, upgrade=True, verify=False)
    except DeskError:
        if not path.is_file():
            raise
        desk = Desk(path)  # a damaged desk is what a restore mends
    try:
        if not args.yes:
            if not sys.stdin.isatty():
                raise CliError(t.MSG_RESTORE_NEEDS_YES)
            if not _ask(t.MSG_RESTORE_ASK.format(path=chosen)):
                print(t.MSG_CANCELLED, file=sys.stderr)
                return EXIT_NOTHING
        result = restore(desk, chosen, settings)
    finally:
        desk.close()
    _out(result.summary())
    for message in result.messages:
        _out(message)
    return EXIT_OK


def cmd_purge(args: argparse.Namespace) -> int:
    from samhandlingsdesk.domain.kinds import KINDS
    from samhandlingsdesk.service.safety import purge

    desk = _open(args, upgrade=True)
    path = desk.path
    desk.close()
    report = purge(path, _settings(args), date.today(), dry_run=args.dry_run)
    for case in report.cases:
        _out(f"{case.ref}  {KINDS[case.kind].label}")
    for sentence in report.skipped:
        print(f"Merk: {sentence}", file=sys.stderr)
    _out(report.summary())
    return EXIT_OK if report.cases or report.backups else EXIT_NOTHING


def cmd_search(args: argparse.Namespace) -> int:
    from samhandlingsdesk.domain.dates import format_date
    from samhandlingsdesk.store.repo import Repo

    desk = _open(args, upgrade=True)
    try:
        hits = Repo(desk).search(args.term, kind=args.kind, limit=args.limit)
    finally:
        desk.close()
    if not hits:
        from samhandlingsdesk.domain.limits import shown_line

        print(f"Ingen treff på «{shown_line(args.term)}».", file=sys.stderr)
        return EXIT_NOTHING
    rows = [
        (h.row.ref, h.row.kind_label, h.row.status_label, h.row.title, format_date(h.row.due_on))
        for h in hits
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        line = "  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True))
        _out(f"{line}  {r[4]}".rstrip())
    return EXIT_OK


MAX_PROBLEMS_SHOWN = 50


def cmd_agenda(args: argparse.Namespace) -> int:
    import json

    from samhandlingsdesk.domain.dates import format_date
    from samhandlingsdesk.domain.kinds import KINDS
    from samhandlingsdesk.domain.text import plural
    from samhandlingsdesk.domain.text.agenda import (
        AGENDA_EMPTY,
        AGENDA_GROUP,
        AGENDA_MORE_CLI,
        AGENDA_TITLE,
        AGENDA_WINDOW,
        ICS_WRITTEN,
    )
    from samhandlingsdesk.service.agenda import as_json, build_agenda, calendar_events, write_ics
    from samhandlingsdesk.store.repo import Repo

    today = date.today()
    desk = _open(args, upgrade=True)
    try:
        repo = Repo(desk, _settings(args).reminders)
        if args.ics is not None:
            events = calendar_events(
                repo, today, days=args.days, kind=args.kind, with_names=args.with_names
            )
            n = write_ics(args.ics, events)
            _out(ICS_WRITTEN.format(path=args.ics, events=plural(n, "hendelse", "hendelser")))
            return EXIT_OK if n else EXIT_NOTHING
        limit = args.limit or None
        agenda = build_agenda(repo, today, days=args.days, kind=args.kind, limit=limit)
    finally:
        desk.close()
    if args.json:
        _out(json.dumps(as_json(agenda), ensure_ascii=False, indent=2))
        return EXIT_OK if agenda.items else EXIT_NOTHING
    if not agenda.items:
        window = AGENDA_WINDOW.format(days=args.days) if args.days is not None else ""
        print(AGENDA_EMPTY.format(window=window), file=sys.stderr)
        return EXIT_NOTHING
    _out(AGENDA_TITLE.format(date=format_date(today)))
    for key, label, items in agenda.groups():
        if not agenda.counts[key]:
            continue
        kinds = ", ".join(f"{n} {KINDS[k].label}" for k, n in sorted(agenda.by_kind[key].items()))
        _out()
        _out(f"{AGENDA_GROUP.format(label=label, n=agenda.counts[key])}: {kinds}")
        for i in items:
            r = i.row
            _out(
                f"  {format_date(i.on)}  {r.ref:<13} {r.kind_label:<11} "
                f"{i.weight_label:<10} {i.reason}".rstrip()
            )
    if agenda.more:
        _out()
        _out(AGENDA_MORE_CLI.format(n=agenda.total - len(agenda.items)))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from samhandlingsdesk.domain.text import transfer
    from samhandlingsdesk.domain.text.common import rows
    from samhandlingsdesk.service.export import ExportError, ExportFilter, export_csv

    flt = ExportFilter(
        kinds=tuple(dict.fromkeys(args.kind)),
        statuses=tuple(args.status),
        parties=tuple(args.party),
        received_from=args.received_from,
        received_to=args.received_to,
        changed_since=args.changed_since,
        since_last=args.since_last,
        include_personal=args.include_personal,
    )
    out: Path = args.out or _settings(args).export_path()
    desk = _open(args, upgrade=True)
    try:
        result = export_csv(desk, flt, out, fmt=args.format)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    finally:
        desk.close()
    if not result.files:
        print(transfer.NOTHING_SELECTED, file=sys.stderr)
        return EXIT_NOTHING
    for path in result.files:
        kind = path.name.split("_", 1)[0]
        if kind in result.rows:
            _out(f"{rows(result.rows[kind]):>13}  {path}")
        else:  # a workbook: a sheet per kind
            _out(str(path))
            for kind, n in result.rows.items():
                _out(f"{rows(n):>13}  {kind}")
    for message in result.messages:
        _out(f"Merk: {message}")
    personal = "med" if flt.include_personal else "uten"
    total = result.total
    _out(f"{transfer.exported(total)} ({personal} hjemmeadresse og privat telefon).")
    return EXIT_OK


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise CliError("Importen må bekreftes: kjør med --yes når den ikke kjøres i en terminal.")
    return _ask(question)


def _ask(question: str) -> bool:
    try:
        answer = input(f"{question} [j/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("j", "ja", "y", "yes")


def cmd_import(args: argparse.Namespace) -> int:
    from samhandlingsdesk.domain.text import transfer
    from samhandlingsdesk.domain.text.intake import NO_VALID_ROWS
    from samhandlingsdesk.service.imports import (
        CsvImportError,
        ReadOptions,
        apply_imports,
        new_session_id,
        plan_imports,
    )

    path: Path = args.file
    desk = _open(args, upgrade=True)
    try:
        settings = _settings(args)
        options = ReadOptions(
            side=settings.side, future_as_now=args.future_as_now, sheet=args.sheet
        )
        try:
            plans = plan_imports(desk, path, options=options)
        except CsvImportError as exc:
            raise CliError(str(exc)) from None
        problems = []
        for plan in plans:  # one per sheet of a workbook
            _out(plan.summary())
            if path.suffix.casefold() == ".docx" and plan.file.rows:
                from samhandlingsdesk.domain.text.intake import FORM_FOUND
                from samhandlingsdesk.service.imports import found_lines

                _out(FORM_FOUND)
                row = plan.file.rows[0]
                for line in found_lines(plan.kind, plan.file.columns, row.values):
                    _out(f"  {line}")
            for warning in plan.warnings:
                _out(f"Merk: {warning}")
            problems += plan.problems
        for problem in problems[:MAX_PROBLEMS_SHOWN]:
            _out(f"FEIL  {problem}")
        if len(problems) > MAX_PROBLEMS_SHOWN:
            _out(f"… og {len(problems) - MAX_PROBLEMS_SHOWN} feil til.")
        invalid = sum(p.invalid for p in plans)
        blocked = invalid and not args.skip_invalid
        if args.dry_run:
            _out("Prøvekjøring: ingenting er skrevet.")
            return EXIT_NOTHING if blocked else EXIT_OK
        if blocked:
            print(transfer.invalid_rows(invalid, remedy=transfer.REMEDY_CLI), file=sys.stderr)
            return EXIT_NOTHING
        if invalid and invalid == sum(len(p.rows) for p in plans):
            print(NO_VALID_ROWS, file=sys.stderr)
            return EXIT_NOTHING
        if not sum(p.to_write for p in plans):
            _out(transfer.NOTHING_TO_IMPORT)
            return EXIT_OK
        new = sum(p.counts["new"] for p in plans)
        updated = sum(p.counts["updated"] for p in plans)
        if not args.yes and not _confirm(f"Importere {new} nye og {updated} oppdaterte saker?"):
            print("Avbrutt: ingenting er importert.", file=sys.stderr)
            return EXIT_NOTHING
        del plans, problems  # apply_imports reads the file again, inside its transaction
        try:
            # Every sheet of a workbook in one transaction: all of it, or nothing. The run
            # is a start of its own (as each start of the desk): an undo in the desk asks
            # before taking back what it imported.
            results = apply_imports(
                desk,
                path,
                skip_invalid=args.skip_invalid,
                reminders=settings.reminders,
                options=options,
                session_id=new_session_id(),
            )
        except CsvImportError as exc:
            raise CliError(str(exc)) from None
    finally:
        desk.close()
    for result in results:
        _out(result.summary())
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from samhandlingsdesk.domain.statistics import Period, Scope
    from samhandlingsdesk.domain.text import stats as txt
    from samhandlingsdesk.service.stats_report import (
        ReportError,
        make_report,
        save_report,
        save_report_csv,
    )

    today = date.today()
    year = args.year or today.year
    period = Period.quarter(year, args.quarter) if args.quarter else Period.year(year)
    scope = Scope(period, party=args.party, side=args.side)
    if args.out is not None and args.out.suffix.lower() != ".xlsx":
        raise CliError(f"--out må være en .xlsx-fil, ikke {args.out.name}.")
    if args.out is not None and args.out.exists():
        raise CliError(txt.OUT_EXISTS.format(path=args.out))
    settings = _settings(args)
    desk = _open(args, upgrade=True)
    try:
        if args.party:
            from samhandlingsdesk.service.statistics import resolve_party

            party = resolve_party(desk, args.party)
            if party is None:
                print(txt.NO_SUCH_PARTY.format(party=args.party), file=sys.stderr)
                return EXIT_NOTHING
            scope = Scope(period, party=party)
        report = make_report(desk, scope, settings, today=today, exact=args.exact)
    finally:
        desk.close()
    try:
        if args.out is not None:
            path = save_report(report, out=args.out)
            _out(txt.WROTE_XLSX.format(path=path, n=len(report.tables)))
        elif args.csv is not None:
            paths = save_report_csv(report, args.csv)
            _out(txt.WROTE_CSV.format(path=args.csv, n=len(paths)))
        else:
            _print_report(report)
    except ReportError as exc:
        raise CliError(str(exc)) from None
    return EXIT_OK


def _print_report(report: Any) -> None:
    _out(f"{report.scope.label}")
    for t in report.tables:
        _out()
        _out(t.title)
        header = [t.row_header, *t.columns]
        rows = [[r.label, *(c.text for c in r.cells)] for r in t.rows]
        widths = [max(len(str(x[i])) for x in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            first = str(row[0]).ljust(widths[0])
            rest = (str(x).rjust(w) for x, w in zip(row[1:], widths[1:], strict=True))
            _out("  ".join([first, *rest]).rstrip())


# --- main --------------------------------------------------------------------------------


def _error_sentence(exc: BaseException) -> str:
    """One sentence for an error that is not already one of ours."""
    if isinstance(exc, sqlite3.Error):
        from samhandlingsdesk.domain.text import safety as t
        from samhandlingsdesk.store.db import failure, write_error_message

        kind = failure(exc)
        if kind == "locked":
            return t.MSG_DESK_LOCKED
        if kind == "damaged":
            return t.MSG_DESK_DAMAGED.format(prog=PROG)

        path, _ = _db_path(_ARGS) if _ARGS is not None else (Path("skrivebordet"), False)
        return write_error_message(exc, path)
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"Kan ikke lese eller skrive filen{where}: {exc.strerror or exc}."
    return f"Uventet feil ({type(exc).__name__}): {exc}. Kjør med --debug for detaljer."


def _one_line(text: str) -> str:
    """One line that ends like a sentence."""
    line = " ".join(str(text).split())
    return line if line.endswith((".", "!", "?", "»")) else f"{line}."


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or an argument error (2), already printed
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_ERROR
    global _ARGS
    _ARGS = args
    debug = bool(getattr(args, "debug", False))
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", cmd_open)
    if args.command and args.demo:
        print(
            f"{PROG}: --demo gjelder bare når skrivebordet åpnes, ikke med en kommando.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    try:
        return handler(args)
    except KeyboardInterrupt:
        if debug:
            raise
        print("Avbrutt.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if debug:
            raise
        print(_one_line(_message(exc)), file=sys.stderr)
        return EXIT_ERROR


_ARGS: argparse.Namespace | None = None  # the command line being run, for error sentences


def _message(exc: Exception) -> str:
    from samhandlingsdesk.settings import SettingsError

    known: tuple[type[BaseException], ...] = (CliError, SettingsError)
    if "samhandlingsdesk.store.db" in sys.modules:
        from samhandlingsdesk.store.db import DeskError

        known += (DeskError,)
    if isinstance(exc, known):
        return str(exc)
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's errors
    if isinstance(orig, sqlite3.Error):
        return _error_sentence(orig)
    return _error_sentence(exc)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
