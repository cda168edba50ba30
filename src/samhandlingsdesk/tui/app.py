"""The desk application: bindings, themes, screens, workers and the command palette.

The App owns the open desk and its `DeskService` (service/desk.py: reads on stdlib
sqlite3, fast to import; writes on SQLAlchemy, imported in a worker after the first
paint). Screens never build SQL and never reach `store/`: they start service jobs in
thread workers (tui/work.py) that post typed messages back to them on the UI thread.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from samhandlingsdesk.domain.text import screens as words
from samhandlingsdesk.domain.text.common import REDO, cases
from samhandlingsdesk.domain.text.entry_keys import (
    PALETTE_KEY,
    PALETTE_THEMES_PLACEHOLDER,
    PALETTE_TOOLTIP,
    QUIT_HOW,
    QUIT_TITLE,
)
from samhandlingsdesk.paths import user_themes_dir
from samhandlingsdesk.service.desk import Desk, DeskError, DeskService, Repo, error_kind
from samhandlingsdesk.settings import Settings, SettingsError, load_settings, save_settings
from samhandlingsdesk.tui.keys import hint
from samhandlingsdesk.tui.norwegian import Palette
from samhandlingsdesk.tui.palette import PALETTE_ACTIONS, AppAction, DeskCommands
from samhandlingsdesk.tui.themes import VARIABLE_DEFAULTS, default_theme_name, load_themes
from samhandlingsdesk.tui.work import (
    CasesChanged,
    DeskHost,
    JobFailed,
    Saved,
    run_read,
    run_write,
)

if TYPE_CHECKING:
    from samhandlingsdesk.service.agenda import Agenda
    from samhandlingsdesk.service.desk import BackupFile, CasePage, Commands, UndoResult
    from samhandlingsdesk.service.safety import PurgeReport, RestoreResult, StartReport

__all__ = ["PALETTE_ACTIONS", "AppAction", "CasesChanged", "DeskApp", "run_app"]

WARM_DELAY = 1.5  # seconds after mount
DAY_CHECK_SECONDS = 60  # a desk left open overnight notices the new day
GC_THRESHOLDS = (20_000, 50, 1_000)


def tune_gc() -> None:
    """Keep the cyclic garbage collector out of the way of typing.

    A full collection walks every object Textual and the desk have made at start-up and
    took 100–250 ms in the middle of search-as-you-type (benchmarks/search.py). Freezing
    the start-up objects takes them out of every later collection, and a larger first
    threshold makes collections rarer; reference counting frees almost everything anyway.
    """
    gc.freeze()
    gc.set_threshold(GC_THRESHOLDS[0], GC_THRESHOLDS[1], GC_THRESHOLDS[2])


@dataclass
class AgendaRead(Message):
    """The agenda, read to open its screen."""

    agenda: Agenda
    opening: bool  # `open_on_agenda` at start, not `d`


@dataclass
class BackupsRead(Message):
    """The backups of the desk, listed for the backups dialog."""

    folder: str
    backups: list[BackupFile]


@dataclass
class PurgePlanned(Message):
    """What a purge would remove (a dry run), for the question before it."""

    report: PurgeReport


@dataclass
class DailyDone(Message):
    """The first start of the day done (backup, purge, tidying): what to tell the user."""

    report: StartReport


@dataclass
class Restored(Message):
    """A backup was put back."""

    result: RestoreResult


@dataclass
class Recomputed(Message):
    """The due dates recomputed after a reminder setting changed: how many moved."""

    changed: int


@dataclass
class UndoRefused(Message):
    """The undo was refused (another window's change, or one changed since)."""

    error: Exception


class DeskApp(DeskHost):
    TITLE = "samhandlingsdesk"
    CSS_PATH = Path(__file__).resolve().parent / "desk.tcss"
    COMMANDS = {DeskCommands}
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"

    BINDINGS = [
        # Not in the footer (no room at 120 columns for the triage keys, undo and search);
        # Ctrl+Q is Textual's usual quit and «Avslutt» is in the help and the palette.
        Binding("ctrl+q", "quit", "Avslutt", id="quit", priority=True, show=False),
        Binding("question_mark", "help", "Hjelp", id="help"),
        Binding("f1", "help", "Hjelp", id="help-f1", show=False, priority=True),
        Binding("ctrl+z", "undo", "Angre", id="undo"),
        Binding("u", "undo", "Angre", id="undo-u", show=False),
        Binding("ctrl+y", "redo", REDO, id="redo", show=False),
        # The footer shows ctrl+f: it works everywhere, also where / would type a slash.
        Binding("slash", "search", "Søk", id="search", show=False),
        Binding("ctrl+f", "search", "Søk", id="search-f", priority=True),
        Binding("ctrl+t", "choose_theme", "Tema", id="theme", show=False),
        Binding("f2", "settings", "Innstillinger", id="settings-f2", show=False),
        # Textual adds «palette» in English unless the app binds the palette itself.
        Binding(
            "ctrl+p",
            "command_palette",
            PALETTE_KEY,
            id="command-palette",
            show=False,
            priority=True,
            tooltip=PALETTE_TOOLTIP,
        ),
    ]

    def __init__(
        self,
        desk: Desk,
        settings: Settings,
        *,
        demo: bool = False,
        today: Callable[[], date] | None = None,
    ) -> None:
        self.desk = desk
        self.settings = settings
        self.demo = demo
        self._today = today or date.today
        self.service = DeskService(desk, settings, self.today)
        # Cases created since then are «Ny»: the last 24 hours until the desk has said
        # when it was last opened on an earlier day (see `_warm_commands`).
        self.new_since: datetime = datetime.now(UTC) - timedelta(hours=24)
        self._theme_problems: list[str] = []
        # The first start of a day: daily backup, purge, stale export files (run_app
        # turns it on; tests and the demo leave it off).
        self.daily_tasks = False
        # A desk too large to read every page before the first frame is checked after it.
        self.verify_later = False
        self._fallback_theme: str | None = None
        self._gate_init()
        super().__init__()
        self._register_themes()
        if settings.keymap:
            self.set_keymap(settings.keymap)

    # -- time -------------------------------------------------------------------------
    def today(self) -> date:
        return self._today()

    # -- themes -----------------------------------------------------------------------
    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def _register_themes(self) -> None:
        themes, problems = load_themes(user_themes_dir(self.settings.path))
        for theme in themes:
            self.register_theme(theme)
        self._theme_problems = [str(p) for p in problems]
        wanted = self.settings.theme
        names = set(self.available_themes)
        if wanted in names:
            self.theme = wanted
        else:
            fallback = default_theme_name(names)
            if wanted and wanted != fallback:
                # The chosen theme's own file is broken: say so in that file's toast
                # (one toast per broken file), not in a second one.
                own = [i for i, p in enumerate(problems) if p.path.stem == wanted]
                if own:
                    self._theme_problems[own[0]] += words.THEME_FALLBACK.format(fallback=fallback)
                else:
                    self._theme_problems.append(
                        words.THEME_NOT_FOUND.format(wanted=wanted, fallback=fallback)
                    )
            self._fallback_theme = fallback
            self.theme = fallback

    def watch_theme(self, name: str) -> None:
        if name == self._fallback_theme:
            # A fallback at start is not the user's choice: keep theme = "…" in
            # settings.toml so the theme comes back once its file is fixed.
            self._fallback_theme = None
            return
        if name != self.settings.theme and name in self.available_themes:
            self.settings.theme = name
            self._save_setting({"theme": name})

    def _save_setting(self, updates: dict[str, Any]) -> None:
        try:
            save_settings(updates, self.settings.path)
        except (OSError, SettingsError) as exc:
            self.notify(words.SETTINGS_NOT_SAVED.format(error=exc), severity="error")

    def action_choose_theme(self) -> None:
        self.search_themes()

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=PALETTE_THEMES_PLACEHOLDER))

    # -- Textual's own sentences, in Norwegian (tui/norwegian.py) ----------------------
    def action_command_palette(self) -> None:
        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C (which copies in a text field): say how to quit, in Norwegian."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(QUIT_HOW.format(key=key), title=QUIT_TITLE)
                return

    # -- start ------------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        # The queue screen is the base of the stack: no blank default screen to compose
        # and lay out before it (that cost ~60 ms before the first frame).
        from samhandlingsdesk.tui.screens.desk import DeskScreen

        return DeskScreen()

    def on_mount(self) -> None:
        tune_gc()
        self._day = self.today()
        self.set_interval(DAY_CHECK_SECONDS, self.check_new_day)
        for problem in self._theme_problems:
            self.notify(problem, severity="warning", timeout=10)
        if self.settings.is_first_start:
            from samhandlingsdesk.tui.screens.first_start import FirstStartScreen

            self.push_screen(FirstStartScreen(), self._side_chosen)
        elif self.settings.open_on_agenda:
            self._open_on_agenda()
        # Warm the write side (SQLAlchemy) off the UI thread once the first rows are up:
        # an import holds the GIL, so doing it during start-up would delay the first frame.
        self.set_timer(WARM_DELAY, self._start_warm)
        from samhandlingsdesk.service.export import install_signal_cleanup

        install_signal_cleanup()  # an export cut short by SIGTERM/SIGHUP leaves no file
        self.desk.on_wait = self._write_waits
        if self.verify_later:
            self.run_worker(self._verify, thread=True, group="verify", exit_on_error=False)
        if self.daily_tasks:
            self.set_timer(WARM_DELAY, self._start_daily)

    def _verify(self) -> None:
        """A damaged desk is refused: the app closes with the sentence (exit 2)."""
        from samhandlingsdesk.service.desk import verify_desk

        try:
            verify_desk(self.desk.path)
        except DeskError as exc:
            self.call_from_thread(self.exit, None, 2, str(exc))

    def _write_waits(self) -> None:
        """A save found the desk held by another program (called from its thread)."""
        from contextlib import suppress

        from samhandlingsdesk.domain.text.safety import MSG_SAVE_WAITING

        with suppress(RuntimeError):  # the app is not running (or this is its own thread)
            self.call_from_thread(self.notify, MSG_SAVE_WAITING, timeout=6)

    def _start_daily(self) -> None:
        from samhandlingsdesk.service.safety import on_start

        settings, today = self.settings, self.today()
        run_write(self, lambda s: on_start(s.desk, settings, today), DailyDone, reload=False)

    def on_daily_done(self, event: DailyDone) -> None:
        for message in event.report.messages:
            self.notify(message, timeout=8)
        if event.report.messages:
            self.refresh_cases()

    def check_new_day(self) -> None:
        """A new day (the desk was left open past midnight): the lists are read again, so
        snoozed cases whose day has come are back in the inbox and "overdue" is true."""
        today = self.today()
        if today != self._day:
            self._day = today
            self.refresh_cases()

    def _start_warm(self) -> None:
        self.run_worker(self._warm_commands, thread=True, group="warm", exit_on_error=False)

    def _side_chosen(self, side: str | None) -> None:
        if side:
            from samhandlingsdesk.domain.text.agenda import SETTINGS_CHANGE_HINT

            self.settings.side = side
            self._save_setting({"side": side})
            label = words.SIDE_DEFINITE.get(side, words.SIDE_DEFINITE["helseforetak"])
            change = SETTINGS_CHANGE_HINT.format(settings=hint(self, "settings-f2"))
            self.notify(words.SIDE_CHOSEN.format(side=label, hint=change))

    def _warm_commands(self) -> None:
        _ = self.commands
        gc.freeze()  # SQLAlchemy's import-time objects join the frozen start-up set
        # The reminder lengths in settings.toml changed since the stored due dates were
        # computed: compute them again (here, in the thread; the lists reload after).
        try:
            since = self.commands.desk_opened()
        except Exception:  # e.g. the desk is busy: «Ny» keeps the last 24 hours
            since = self.new_since
        if since < self.new_since:
            self.call_from_thread(self._new_since, since)
        changed = self.commands.sync_reminders()
        if changed:
            self.call_from_thread(self._reminders_synced, changed)

    def _new_since(self, since: datetime) -> None:
        self.new_since = since
        self.refresh_cases()

    def _reminders_synced(self, changed: int) -> None:
        self.refresh_cases()
        self.notify(words.REMINDERS_SYNCED.format(cases=cases(changed)))

    @property
    def repo(self) -> Repo:
        """The read side (tests and the command palette's search read it directly)."""
        return self.service.repo

    @property
    def commands(self) -> Commands:
        return self.service.commands

    # -- database work off the UI thread (tui/work.py) ---------------------------------
    def on_saved(self, _event: Saved) -> None:
        self.refresh_cases()

    def on_job_failed(self, event: JobFailed) -> None:
        self.report(event.error)

    def report(self, error: BaseException) -> None:
        """A failed job as one Norwegian toast: the rules' sentence, the desk's, or one
        generic sentence for a database error (never the SQL, its parameters or what
        was typed: that stays in the form)."""
        kind = error_kind(error)
        if kind in ("refused", "stale", "undo-confirm"):
            self.notify(str(error), severity="error", timeout=8)
        elif kind == "desk":
            self.notify(str(error), severity="error", timeout=10)
        else:
            from samhandlingsdesk.service.desk import write_error_message

            self.log.error(type(error).__name__)
            self.notify(write_error_message(error, self.desk.path), severity="error", timeout=10)

    def refresh_cases(self, case_ids: tuple[str, ...] = ()) -> None:
        for screen in self.screen_stack:
            screen.post_message(CasesChanged(case_ids))

    # -- app-wide actions -------------------------------------------------------------
    def action_undo(self) -> None:
        run_write(
            self,
            lambda s: s.undo(),
            success=self._undone,
            refused=UndoRefused,
        )

    def _undone(self, result: UndoResult) -> str:
        """The undo's toast, with the key that redoes it (as bound now)."""
        from samhandlingsdesk.domain.text import moves as moves_text

        key = hint(self, "redo")
        return moves_text.UNDONE.format(what=result.description, redo=REDO, key=key)

    def on_undo_refused(self, event: UndoRefused) -> None:
        """Another start's change, or one changed since: say what and whose, and ask."""
        from samhandlingsdesk.domain.text import moves as moves_text
        from samhandlingsdesk.tui.screens.confirm import ConfirmScreen

        error = event.error
        batch = getattr(error, "batch_id", None)
        if error_kind(error) != "undo-confirm" or batch is None:
            self.notify(str(error), severity="error", timeout=8)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                run_write(
                    self,
                    lambda s: s.undo(batch_id=batch, confirmed=True),
                    success=self._undone,
                )

        self.push_screen(
            ConfirmScreen(
                moves_text.UNDO_CONFIRM_TITLE, str(error), yes=moves_text.UNDO_CONFIRM_YES
            ),
            confirmed,
        )

    def action_redo(self) -> None:
        from samhandlingsdesk.domain.text import moves as moves_text

        run_write(
            self,
            lambda s: s.redo(),
            success=lambda r: moves_text.REDONE.format(what=r.description),
        )

    def action_settings(self) -> None:
        from samhandlingsdesk.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def apply_settings(self, changed: dict[str, Any]) -> None:
        """Save changed settings (settings.toml keeps its comments), use them at once, and
        recompute the due dates in the background when a length changed."""
        from dataclasses import replace

        from samhandlingsdesk.domain.deadlines import Reminders
        from samhandlingsdesk.domain.text.agenda import SETTINGS_SAVED
        from samhandlingsdesk.settings import RETENTION_PREFIX

        lengths = {k: v for k, v in changed.items() if k in Reminders.__dataclass_fields__}
        months = {
            k.removeprefix(RETENTION_PREFIX): v
            for k, v in changed.items()
            if k.startswith(RETENTION_PREFIX)
        }
        plain = {
            k: v
            for k, v in changed.items()
            if k not in lengths and not k.startswith(RETENTION_PREFIX)
        }
        updates: dict[str, Any] = dict(plain)
        if lengths:
            updates["reminders"] = lengths
        if months:
            updates["retention"] = months
        try:
            path = save_settings(updates, self.settings.path)
        except (OSError, SettingsError) as exc:
            self.notify(words.SETTINGS_NOT_SAVED.format(error=exc), severity="error")
            return
        for key, value in plain.items():
            setattr(self.settings, key, value)
        if months:  # the next purge (and its preview) counts from the new lengths
            self.settings.retention = {**self.settings.retention, **months}
        self.notify(SETTINGS_SAVED.format(path=path))
        if "theme" in plain and plain["theme"] in self.available_themes:
            self.theme = plain["theme"]
        if not lengths:
            return
        reminders = replace(self.settings.reminders, **lengths)
        self.settings.reminders = reminders
        self.repo.reminders = reminders
        commands = self.commands
        commands.reminders = reminders
        run_write(self, lambda s: s.sync_reminders(), Recomputed)

    def on_recomputed(self, event: Recomputed) -> None:
        from samhandlingsdesk.tui.screens.settings import recomputed_message

        self.notify(recomputed_message(event.changed))

    def action_agenda(self) -> None:
        """`d`: read the agenda, then show it (with its rows in the first frame)."""
        from samhandlingsdesk.tui.screens.agenda import AgendaScreen

        if isinstance(self.screen, AgendaScreen):
            return
        today = self.today()
        run_read(
            self,
            lambda s: s.agenda(today),
            lambda agenda: AgendaRead(agenda, opening=False),
            group="agenda-open",
        )

    def _open_on_agenda(self) -> None:
        """The setting `open_on_agenda`: start on the agenda when something is critical
        or overdue."""
        today = self.today()
        run_read(
            self,
            lambda s: s.agenda(today, days=0),
            lambda agenda: AgendaRead(agenda, opening=True),
            group="open-agenda",
        )

    def on_agenda_read(self, event: AgendaRead) -> None:
        from samhandlingsdesk.tui.screens.agenda import AgendaScreen

        if event.opening:
            if event.agenda.pressing and len(self.screen_stack) == 1:
                self.action_agenda()
            return
        if isinstance(self.screen, AgendaScreen):
            return
        # Kept once made: opening it again does not build the screen again.
        if not self.is_screen_installed("agenda"):
            self.install_screen(AgendaScreen(event.agenda), "agenda")
        else:
            screen = self.get_screen("agenda")
            assert isinstance(screen, AgendaScreen)
            screen.pending = event.agenda
        self.push_screen("agenda")

    def action_purring(self) -> None:
        """From the palette: `p` on the screen below (a list or a case)."""
        from samhandlingsdesk.tui.triage import TriageMixin

        if isinstance(self.screen, TriageMixin):
            self.screen.action_purring()

    # -- backups, restore, purge (service/safety.py) --------------------------------------
    def action_backups(self) -> None:
        from samhandlingsdesk.service.safety import backups_folder, list_backups

        settings = self.settings
        folder = str(backups_folder(self.desk.path, settings))
        run_read(
            self,
            lambda s: list_backups(s.desk.path, settings),
            lambda backups: BackupsRead(folder, backups),
            group="backups",
        )

    def on_backups_read(self, event: BackupsRead) -> None:
        from samhandlingsdesk.tui.screens.backups import BACKUP_NOW, BackupsScreen

        def chosen(choice: str | None) -> None:
            if choice == BACKUP_NOW:
                self.action_backup_now()
            elif choice:
                self._ask_restore(Path(choice))

        self.push_screen(BackupsScreen(event.folder, event.backups), chosen)

    def action_backup_now(self) -> None:
        from samhandlingsdesk.domain.text.safety import MSG_BACKUP_MADE
        from samhandlingsdesk.service.safety import backup_now

        settings = self.settings
        run_write(
            self,
            lambda s: backup_now(s.desk, settings),
            success=lambda path: MSG_BACKUP_MADE.format(path=path),
        )

    def _ask_restore(self, path: Path) -> None:
        from samhandlingsdesk.domain.text import safety as t
        from samhandlingsdesk.service.safety import restore
        from samhandlingsdesk.tui.screens.confirm import ConfirmScreen

        settings, today = self.settings, self.today()

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            run_write(
                self,
                lambda s: restore(s.desk, path, settings, today=today),
                Restored,
                success=lambda result: result.summary(),
            )

        self.push_screen(
            ConfirmScreen(
                t.RESTORE_TITLE, t.RESTORE_DETAIL.format(name=path.name), yes="Gjenopprett"
            ),
            answer,
        )

    def on_restored(self, event: Restored) -> None:
        for message in event.result.messages:  # what the purge removed again
            self.notify(message, timeout=8)

    def action_purge(self) -> None:
        from samhandlingsdesk.service.safety import purge

        settings, today = self.settings, self.today()
        run_read(
            self,
            lambda s: purge(s.desk.path, settings, today, dry_run=True),
            PurgePlanned,
            group="purge",
        )

    def on_purge_planned(self, event: PurgePlanned) -> None:
        from samhandlingsdesk.domain.text import plural
        from samhandlingsdesk.domain.text import safety as t
        from samhandlingsdesk.service.safety import purge
        from samhandlingsdesk.tui.screens.confirm import ConfirmScreen

        if not event.report.cases:
            self.notify(t.MSG_PURGE_NOTHING)
            return
        settings, today = self.settings, self.today()

        def go(yes: bool | None) -> None:
            if yes:
                run_write(
                    self,
                    lambda s: purge(s.desk.path, settings, today),
                    success=lambda report: report.summary(),
                )

        cases = plural(len(event.report.cases), "sak", "saker")
        self.push_screen(
            ConfirmScreen(t.PURGE_TITLE, t.PURGE_DETAIL.format(cases=cases), yes="Slett"), go
        )

    def action_help(self) -> None:
        from samhandlingsdesk.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_search(self) -> None:
        from samhandlingsdesk.tui.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def action_show_queue(self, queue: str) -> None:
        from samhandlingsdesk.tui.screens.desk import DeskScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, DeskScreen):
            self.pop_screen()
        if isinstance(self.screen, DeskScreen):
            self.screen.show_queue(queue)

    def action_new_case(self) -> None:
        from samhandlingsdesk.tui.screens.new_case import NewCaseScreen

        self.push_screen(NewCaseScreen())

    def action_export_csv(self) -> None:
        from samhandlingsdesk.tui.screens.export import ExportScreen

        if not isinstance(self.screen, ExportScreen):
            self.push_screen(ExportScreen())

    def action_statistics(self) -> None:
        from samhandlingsdesk.tui.screens.statistics import StatisticsScreen

        if not isinstance(self.screen, StatisticsScreen):
            self.push_screen(StatisticsScreen())

    def action_import_csv(self) -> None:
        from samhandlingsdesk.tui.screens.import_preview import ImportPreviewScreen

        if not isinstance(self.screen, ImportPreviewScreen):
            self.push_screen(ImportPreviewScreen())

    def open_case(self, case_id: str, page: CasePage | None = None) -> None:
        from samhandlingsdesk.tui.screens.case import CaseScreen

        screen = CaseScreen(case_id, page)
        self.push_screen(screen)
        service = self.service

        def mark_opened() -> None:
            self.run_worker(
                lambda: service.mark_opened(case_id),
                thread=True,
                group="opened",
                exit_on_error=False,
            )

        # After the case's first frame: the write's thread would compete with building it.
        screen.call_after_refresh(mark_opened)


def run_app(
    desk_path: Path, settings_path: Path | None, demo: bool = False, *, verify_later: bool = False
) -> int:
    """Open the desk at `desk_path` and run the app. Errors are one sentence, exit 2."""
    from samhandlingsdesk.service.desk import open_desk

    try:
        settings = load_settings(settings_path)
        desk = open_desk(
            desk_path,
            create=not demo and desk_path == _default_db(),
            backup_dir=settings.backups_path(desk_path),
            backups_kept=settings.backups_kept,
        )
    except (DeskError, SettingsError) as exc:
        print(exc, file=sys.stderr)
        return 2
    app = DeskApp(desk, settings, demo=demo)
    app.daily_tasks = not demo
    app.verify_later = verify_later
    try:
        app.run()
    finally:
        desk.close()
    return app.return_code or 0


def _default_db() -> Path:
    from samhandlingsdesk.paths import default_db_path

    return default_db_path()
