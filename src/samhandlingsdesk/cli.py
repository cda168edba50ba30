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

from samhandlingsdesk.domain.text import cli as cli_text

if TYPE_CHECKING:
    from samhandlingsdesk.settings import Settings
    from samhandlingsdesk.store.db import Desk

PROG = "samhandlingsdesk"
EXIT_OK, EXIT_NOTHING, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
KIND_KEYS = ("hospitering", "veiledning", "lis1", "lis3", "nettverk")  # = domain.kinds.KINDS


class CliError(Exception):
    """An error the user can act on; `str()` is one Norwegian sentence."""


# --- argparse in Norwegian --------------------------------------------------------------


def _norwegian(message: str) -> str:
    for pattern, replacement in cli_text.ARGPARSE_MESSAGES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(
            usage, actions, groups, cli_text.USAGE_PREFIX if prefix is None else prefix
        )


class _Parser(argparse.ArgumentParser):
    """ArgumentParser with Norwegian headings, help option and one-line errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        with_help = kwargs.pop("add_help", True)
        parents = kwargs.pop("parents", [])
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = cli_text.POSITIONALS_TITLE
        self._optionals.title = cli_text.OPTIONALS_TITLE
        if with_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help=cli_text.HELP_HELP
            )
        for parent in parents:  # after the titles, so the options share one group
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def error(self, message: str) -> NoReturn:
        text = _norwegian(message).rstrip(".")
        self.exit(EXIT_ERROR, cli_text.ARGUMENT_ERROR.format(prog=self.prog, text=text))


def _path(text: str) -> Path:
    return Path(text).expanduser()


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(cli_text.NOT_A_NUMBER.format(text=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(cli_text.NEGATIVE.format(text=text))
    return value


def _file_date(text: str) -> date:
    from samhandlingsdesk.domain.dates import DateError, parse_file_date

    try:
        value = parse_file_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None
    if value is None:
        raise argparse.ArgumentTypeError(cli_text.EMPTY_DATE)
    return value


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False, prog=PROG)
    # SUPPRESS: `--db` may stand before or after the subcommand without one hiding the other.
    common.add_argument(
        "--db",
        type=_path,
        metavar=cli_text.METAVAR_PATH,
        default=argparse.SUPPRESS,
        help=cli_text.HELP_DB,
    )
    common.add_argument(
        "--config",
        type=_path,
        metavar=cli_text.METAVAR_PATH,
        default=argparse.SUPPRESS,
        help=cli_text.HELP_CONFIG,
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help=cli_text.HELP_DEBUG,
    )
    parser = _Parser(
        prog=PROG,
        parents=[common],
        description=cli_text.DESCRIPTION,
        epilog=cli_text.EPILOG.format(prog=PROG),
    )
    from samhandlingsdesk import __version__

    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help=cli_text.HELP_VERSION,
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=cli_text.HELP_DEMO,
    )
    sub = parser.add_subparsers(
        dest="command", title=cli_text.COMMANDS_TITLE, metavar=cli_text.METAVAR_COMMAND
    )

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
        help=cli_text.INIT_HELP,
        description=cli_text.INIT_DESCRIPTION,
    )

    p = command(
        "demo-data",
        cmd_demo_data,
        help=cli_text.DEMO_DATA_HELP,
        description=cli_text.DEMO_DATA_DESCRIPTION,
    )
    p.add_argument("--rows", type=_positive, default=300, metavar="N", help=cli_text.HELP_ROWS)
    p.add_argument("--seed", type=int, default=2026, metavar="S", help=cli_text.HELP_SEED)
    p.add_argument(
        "--out",
        type=_path,
        required=True,
        metavar=cli_text.METAVAR_FILE,
        help=cli_text.HELP_NEW_FILE,
    )
    p.add_argument(
        "--today",
        type=_file_date,
        default=None,
        metavar=cli_text.METAVAR_DATE,
        help=cli_text.HELP_TODAY,
    )

    command(
        "check",
        cmd_check,
        help=cli_text.CHECK_HELP,
        description=cli_text.CHECK_DESCRIPTION,
    )

    p = command(
        "backup",
        cmd_backup,
        help=cli_text.BACKUP_HELP,
        description=cli_text.BACKUP_DESCRIPTION,
    )
    p.add_argument(
        "--out",
        type=_path,
        default=None,
        metavar=cli_text.METAVAR_FILE,
        help=cli_text.HELP_BACKUP_OUT,
    )

    p = command(
        "restore",
        cmd_restore,
        help=cli_text.RESTORE_HELP,
        description=cli_text.RESTORE_DESCRIPTION,
    )
    p.add_argument("file", type=_path, nargs="?", default=None, metavar=cli_text.METAVAR_FILE)
    p.add_argument("--yes", action="store_true", help=cli_text.HELP_RESTORE_YES)

    p = command(
        "purge",
        cmd_purge,
        help=cli_text.PURGE_HELP,
        description=cli_text.PURGE_DESCRIPTION,
    )
    p.add_argument("--dry-run", action="store_true", help=cli_text.HELP_PURGE_DRY_RUN)

    p = command(
        "search",
        cmd_search,
        help=cli_text.SEARCH_HELP,
        description=cli_text.SEARCH_DESCRIPTION,
    )
    p.add_argument("term", metavar=cli_text.METAVAR_TERM, help=cli_text.HELP_TERM)
    p.add_argument("--kind", choices=KIND_KEYS, default=None, help=cli_text.HELP_KIND)
    p.add_argument(
        "--limit", type=_positive, default=50, metavar="N", help=cli_text.HELP_SEARCH_LIMIT
    )

    p = command(
        "agenda",
        cmd_agenda,
        help=cli_text.AGENDA_HELP,
        description=cli_text.AGENDA_DESCRIPTION,
    )
    p.add_argument(
        "--days",
        type=_positive,
        default=None,
        metavar="N",
        help=cli_text.HELP_DAYS,
    )
    p.add_argument("--kind", choices=KIND_KEYS, default=None, help=cli_text.HELP_KIND)
    p.add_argument("--json", action="store_true", help=cli_text.HELP_JSON)
    p.add_argument(
        "--limit",
        type=_positive,
        default=50,
        metavar="N",
        help=cli_text.HELP_AGENDA_LIMIT,
    )
    p.add_argument(
        "--ics", type=_path, default=None, metavar=cli_text.METAVAR_FILE, help=cli_text.HELP_ICS
    )
    p.add_argument(
        "--with-names",
        action="store_true",
        help=cli_text.HELP_WITH_NAMES,
    )

    p = command(
        "export",
        cmd_export,
        help=cli_text.EXPORT_HELP,
        description=cli_text.EXPORT_DESCRIPTION,
    )
    p.add_argument(
        "--kind",
        action="append",
        choices=KIND_KEYS,
        default=[],
        metavar=cli_text.METAVAR_KIND,
        help=cli_text.HELP_KINDS.format(kinds=", ".join(KIND_KEYS)),
    )
    p.add_argument(
        "--status",
        action="append",
        default=[],
        metavar=cli_text.METAVAR_STATUS,
        help=cli_text.HELP_STATUS,
    )
    p.add_argument(
        "--party",
        action="append",
        default=[],
        metavar=cli_text.METAVAR_PARTY,
        help=cli_text.HELP_PARTIES,
    )
    p.add_argument(
        "--from",
        dest="received_from",
        type=_file_date,
        metavar=cli_text.METAVAR_DATE,
        help=cli_text.HELP_FROM,
    )
    p.add_argument(
        "--to",
        dest="received_to",
        type=_file_date,
        metavar=cli_text.METAVAR_DATE,
        help=cli_text.HELP_TO,
    )
    p.add_argument(
        "--changed-since",
        type=_file_date,
        metavar=cli_text.METAVAR_DATE,
        help=cli_text.HELP_CHANGED_SINCE,
    )
    p.add_argument(
        "--since-last",
        action="store_true",
        help=cli_text.HELP_SINCE_LAST,
    )
    p.add_argument(
        "--out",
        type=_path,
        default=None,
        metavar=cli_text.METAVAR_FOLDER,
        help=cli_text.HELP_EXPORT_OUT,
    )
    p.add_argument(
        "--include-personal",
        action="store_true",
        help=cli_text.HELP_INCLUDE_PERSONAL,
    )
    p.add_argument(
        "--format",
        choices=("csv", "xlsx"),
        default="csv",
        help=cli_text.HELP_FORMAT,
    )

    p = command(
        "import",
        cmd_import,
        help=cli_text.IMPORT_HELP,
        description=cli_text.IMPORT_DESCRIPTION,
    )
    p.add_argument(
        "file", type=_path, metavar=cli_text.METAVAR_FILE, help=cli_text.HELP_IMPORT_FILE
    )
    p.add_argument("--dry-run", action="store_true", help=cli_text.HELP_IMPORT_DRY_RUN)
    p.add_argument("--yes", action="store_true", help=cli_text.HELP_IMPORT_YES)
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help=cli_text.HELP_SKIP_INVALID,
    )
    p.add_argument(
        "--future-as-now",
        action="store_true",
        help=cli_text.HELP_FUTURE_AS_NOW,
    )
    p.add_argument(
        "--sheet", metavar=cli_text.METAVAR_SHEET, default=None, help=cli_text.HELP_SHEET
    )

    p = command(
        "stats",
        cmd_stats,
        help=cli_text.STATS_HELP,
        description=cli_text.STATS_DESCRIPTION,
    )
    p.add_argument(
        "--year", type=_year, default=None, metavar=cli_text.METAVAR_YEAR, help=cli_text.HELP_YEAR
    )
    p.add_argument(
        "--quarter", type=int, choices=(1, 2, 3, 4), default=None, help=cli_text.HELP_QUARTER
    )
    who = p.add_mutually_exclusive_group()
    who.add_argument(
        "--party", default=None, metavar=cli_text.METAVAR_PARTY, help=cli_text.HELP_PARTY
    )
    who.add_argument(
        "--side", choices=("kommune", "helseforetak"), default=None, help=cli_text.HELP_SIDE
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--out",
        type=_path,
        default=None,
        metavar=cli_text.METAVAR_XLSX,
        help=cli_text.HELP_STATS_OUT,
    )
    where.add_argument(
        "--csv",
        type=_path,
        default=None,
        metavar=cli_text.METAVAR_FOLDER,
        help=cli_text.HELP_STATS_CSV,
    )
    p.add_argument(
        "--exact",
        action="store_true",
        default=None,
        help=cli_text.HELP_EXACT,
    )
    return parser


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(cli_text.NOT_A_YEAR.format(text=text)) from None
    if not 1900 <= value <= 2999:
        raise argparse.ArgumentTypeError(cli_text.NOT_A_YEAR.format(text=text))
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
            raise CliError(cli_text.DEMO_WITH_DB)
        with DemoCopy() as path:
            return _run_app(path, settings_path, demo=True)
    path, explicit = _db_path(args)
    if explicit and not path.exists():
        raise CliError(cli_text.NO_DESK.format(path=path, prog=PROG))
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
        raise CliError(cli_text.NO_SCREEN.format(reason=exc)) from None
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
            raise CliError(cli_text.NO_SAMPLE) from None
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
    _out(cli_text.CREATED.format(path=path))
    return EXIT_OK


def cmd_demo_data(args: argparse.Namespace) -> int:
    from samhandlingsdesk.service.demo import generate

    out: Path = args.out
    if out.exists():
        raise CliError(cli_text.DEMO_EXISTS.format(path=out))
    from samhandlingsdesk.domain.dates import format_date
    from samhandlingsdesk.domain.text import plural
    from samhandlingsdesk.domain.text.common import cases

    stats = generate(out, args.rows, args.seed, args.today or date.today())
    notes = plural(stats.notes, cli_text.NOTE_ONE, cli_text.NOTE_MANY)
    when = format_date(stats.reference_date)
    _out(
        cli_text.DEMO_MADE.format(
            path=out, cases=cases(stats.cases), notes=notes, date=when, seconds=stats.seconds
        )
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
    _out(cli_text.BACKUP_SAVED.format(path=out))
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
            _out(
                f"{i:>3}  {describe_backup(b)}"
                + (cli_text.BACKUP_PROBLEM.format(problem=b.problem) if b.problem else "")
            )
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
        print(cli_text.REMARK.format(sentence=sentence), file=sys.stderr)
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

        print(cli_text.NO_HITS.format(term=shown_line(args.term)), file=sys.stderr)
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
            _out(
                ICS_WRITTEN.format(
                    path=args.ics, events=plural(n, cli_text.EVENT_ONE, cli_text.EVENT_MANY)
                )
            )
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
        _out(cli_text.REMARK.format(sentence=message))
    personal = cli_text.WITH_PERSONAL if flt.include_personal else cli_text.WITHOUT_PERSONAL
    _out(
        cli_text.EXPORTED_PERSONAL.format(
            exported=transfer.exported(result.total), personal=personal
        )
    )
    return EXIT_OK


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise CliError(cli_text.IMPORT_NEEDS_YES)
    return _ask(question)


def _ask(question: str) -> bool:
    try:
        answer = input(cli_text.ASK_SUFFIX.format(question=question))
    except EOFError:
        return False
    return answer.strip().lower() in cli_text.YES_WORDS


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
                _out(cli_text.REMARK.format(sentence=warning))
            problems += plan.problems
        for problem in problems[:MAX_PROBLEMS_SHOWN]:
            _out(cli_text.IMPORT_PROBLEM.format(problem=problem))
        if len(problems) > MAX_PROBLEMS_SHOWN:
            _out(cli_text.MORE_PROBLEMS.format(n=len(problems) - MAX_PROBLEMS_SHOWN))
        invalid = sum(p.invalid for p in plans)
        blocked = invalid and not args.skip_invalid
        if args.dry_run:
            _out(cli_text.DRY_RUN_DONE)
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
        if not args.yes and not _confirm(cli_text.IMPORT_ASK.format(new=new, updated=updated)):
            print(cli_text.IMPORT_CANCELLED, file=sys.stderr)
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
        raise CliError(cli_text.OUT_NOT_XLSX.format(name=args.out.name))
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

        path, _ = _db_path(_ARGS) if _ARGS is not None else (Path(cli_text.THE_DESK), False)
        return write_error_message(exc, path)
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return cli_text.CANNOT_READ_OR_WRITE.format(where=where, reason=exc.strerror or exc)
    return cli_text.UNEXPECTED.format(name=type(exc).__name__, error=exc)


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
            cli_text.DEMO_WITH_COMMAND.format(prog=PROG),
            file=sys.stderr,
        )
        return EXIT_ERROR
    try:
        return handler(args)
    except KeyboardInterrupt:
        if debug:
            raise
        print(cli_text.INTERRUPTED, file=sys.stderr)
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
