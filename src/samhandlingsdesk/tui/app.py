"""The desk application: bindings, themes, screens, workers and the command palette.

The App owns the open desk, the read side (`Repo`, stdlib sqlite3: fast to import) and the
write side (`Commands`, SQLAlchemy: imported in a worker after the first paint). Screens
never build SQL: they call `app.read(...)` and `app.write(...)`, which run the database
work in thread workers and hand plain dataclasses back on the UI thread.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from samhandlingsdesk.domain.text.common import cases
from samhandlingsdesk.domain.text.entry_keys import (
    PALETTE_KEY,
    PALETTE_THEMES_PLACEHOLDER,
    PALETTE_TOOLTIP,
    QUIT_HOW,
    QUIT_TITLE,
)
from samhandlingsdesk.paths import user_themes_dir
from samhandlingsdesk.settings import Settings, SettingsError, load_settings, save_settings
from samhandlingsdesk.store.db import Desk, DeskError
from samhandlingsdesk.store.repo import Repo
from samhandlingsdesk.tui.keys import KeyGateApp
from samhandlingsdesk.tui.norwegian import Palette
from samhandlingsdesk.tui.palette import DeskCommands
from samhandlingsdesk.tui.themes import VARIABLE_DEFAULTS, default_theme_name, load_themes

if TYPE_CHECKING:
    from samhandlingsdesk.store.commands import Commands

T = TypeVar("T")
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


class CasesChanged(Message):
    """Posted to every screen after a write, so lists and case screens reload."""

    def __init__(self, case_ids: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.case_ids = case_ids


@dataclass(frozen=True, slots=True)
class AppAction:
    """An action for the command palette and the help screen."""

    label: str
    action: str
    help: str = ""
    keys: tuple[str, ...] = ()  # binding ids whose keys the help names (`tui.keys.hint`)


PALETTE_ACTIONS: tuple[AppAction, ...] = (
    AppAction("Innboks", "app.show_queue('inbox')", "Vis innboksen"),
    AppAction("Hospitering", "app.show_queue('hospitering')", "Vis hospiteringskøen"),
    AppAction("Veiledning", "app.show_queue('veiledning')", "Vis veiledningskøen"),
    AppAction("LIS", "app.show_queue('lis')", "Vis LIS1 og LIS3/ALIS"),
    AppAction("Nettverk", "app.show_queue('nettverk')", "Vis nettverksaktiviteter"),
    AppAction("Agenda", "app.agenda", "Hva skal gjøres i dag, og hvorfor", ("agenda",)),
    AppAction("Ny sak", "app.new_case", "Registrer en ny sak"),
    AppAction("Søk", "app.search", "Finn en sak", ("search-f",)),
    AppAction("Eksporter CSV", "app.export_csv", "Lag CSV-filer til kolleger", ("export",)),
    AppAction("Statistikk", "app.statistics", "Tall og diagrammer for perioden", ("statistics",)),
    AppAction("Importer CSV", "app.import_csv", "Les en CSV-fil inn på skrivebordet", ("import",)),
    AppAction("Angre", "app.undo", "Angre siste endring", ("undo",)),
    AppAction("Gjør om", "app.redo", "Gjør om det som sist ble angret", ("redo",)),
    AppAction("Purring", "app.purring", "Registrer at du har purret på svar", ("purring",)),
    AppAction(
        "Sikkerhetskopier",
        "app.backups",
        "Se sikkerhetskopiene, ta en nå eller gjenopprett en",
    ),
    AppAction(
        "Slett etter oppbevaringstiden",
        "app.purge",
        "Slett personopplysninger fra saker som har passert oppbevaringstiden",
    ),
    AppAction("Hjelp", "app.help", "Vis tastene på denne skjermen"),
    AppAction("Bytt tema", "app.choose_theme", "Velg fargetema"),
    AppAction(
        "Innstillinger", "app.settings", "Side, frister, eksportmappe, tema …", ("settings-f2",)
    ),
    AppAction("Avslutt", "app.quit", "Lukk skrivebordet"),
)


class DeskApp(KeyGateApp, App[int]):
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
        Binding("ctrl+y", "redo", "Gjør om", id="redo", show=False),
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
        self.repo = Repo(desk, settings.reminders)
        # Cases created since then are «Ny»: the last 24 hours until the desk has said
        # when it was last opened on an earlier day (see `_warm_commands`).
        self.new_since: datetime = datetime.now(UTC) - timedelta(hours=24)
        self._commands: Commands | None = None
        # Worker -> (on success, on a refused write): see `read` and `write`.
        self._callbacks: dict[Worker[Any], tuple[Callable[[Any], None], Any]] = {}
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
                    self._theme_problems[own[0]] += f"; bruker «{fallback}» i stedet."
                else:
                    self._theme_problems.append(
                        f"Fant ikke temaet «{wanted}»; bruker «{fallback}»."
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
            self.notify(f"Kunne ikke lagre innstillingene: {exc}", severity="error")

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
        from samhandlingsdesk.store.db import verify_desk

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

        def done(report: Any) -> None:
            for message in report.messages:
                self.notify(message, timeout=8)
            if report.messages:
                self.refresh_cases()

        self.write(lambda _c: on_start(self.desk, self.settings, self.today()), done)

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
            label = "kommunen" if side == "kommune" else "helseforetaket"
            self.notify(f"Du sitter i {label}. {SETTINGS_CHANGE_HINT}")

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
        self.notify(
            f"Påminnelsene i innstillingene er endret: fristen er regnet om for {cases(changed)}."
        )

    @property
    def commands(self) -> Commands:
        if self._commands is None:
            from samhandlingsdesk.store.commands import Commands

            self._commands = Commands(self.desk, self.settings.reminders, today=self.today)
        return self._commands

    # -- database work off the UI thread ----------------------------------------------
    def read(
        self,
        fn: Callable[[Repo], T],
        done: Callable[[T], None],
        *,
        group: str = "read",
        exclusive: bool = True,
    ) -> Worker[T]:
        """Run `fn(repo)` in a thread; call `done(result)` on the UI thread."""

        def work() -> T:
            return fn(self.repo)

        worker = self.run_worker(
            work, thread=True, group=group, exclusive=exclusive, exit_on_error=False
        )
        self._callbacks[worker] = (done, None)
        return worker

    def write(
        self,
        fn: Callable[[Commands], T],
        done: Callable[[T], None] | None = None,
        *,
        success: str | Callable[[T], str] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> Worker[T]:
        """Run a write in a thread. On success: toast, `done(result)`, lists reload.
        A refused write (CommandError) shows its Norwegian message (or calls `failed`)."""

        def work() -> T:
            return fn(self.commands)

        def ok(result: T) -> None:
            if success:
                self.notify(success(result) if callable(success) else success)
            if done is not None:
                done(result)
            self.refresh_cases()

        worker = self.run_worker(work, thread=True, group="write", exit_on_error=False)
        self._callbacks[worker] = (ok, failed)
        return worker

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        entry = self._callbacks.get(event.worker)
        if entry is None:
            return
        done, failed = entry
        if event.state == WorkerState.SUCCESS:
            del self._callbacks[event.worker]
            done(event.worker.result)
        elif event.state == WorkerState.ERROR:
            del self._callbacks[event.worker]
            self._report(event.worker.error, failed)
        elif event.state == WorkerState.CANCELLED:
            del self._callbacks[event.worker]

    def _report(self, error: BaseException | None, failed: Any) -> None:
        from samhandlingsdesk.store.commands import CommandError

        if isinstance(error, CommandError):
            if failed is not None:
                failed(error)
            else:
                self.notify(str(error), severity="error", timeout=8)
        elif isinstance(error, DeskError):
            self.notify(str(error), severity="error", timeout=10)
        else:
            # A database error: one Norwegian sentence, never the SQL, its parameters or
            # the typed text (what was typed stays in the form).
            from samhandlingsdesk.store.db import write_error_message

            self.log.error(type(error).__name__)
            self.notify(
                write_error_message(error or Exception(), self.desk.path),
                severity="error",
                timeout=10,
            )

    def refresh_cases(self, case_ids: tuple[str, ...] = ()) -> None:
        for screen in self.screen_stack:
            screen.post_message(CasesChanged(case_ids))

    # -- app-wide actions -------------------------------------------------------------
    def action_undo(self) -> None:
        self.write(
            lambda c: c.undo_last(),
            success=lambda r: f"Angret: {r.description}",
            failed=self._undo_refused,
        )

    def _undo_refused(self, error: Exception) -> None:
        """Another start's change, or one changed since: say what and whose, and ask."""
        from samhandlingsdesk.domain.text import moves as moves_text
        from samhandlingsdesk.store.commands import UndoNeedsConfirm
        from samhandlingsdesk.tui.screens.confirm import ConfirmScreen

        if not isinstance(error, UndoNeedsConfirm):
            self.notify(str(error), severity="error", timeout=8)
            return
        batch = error.batch_id

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.write(
                    lambda c: c.undo_last(batch_id=batch, confirmed=True),
                    success=lambda r: f"Angret: {r.description}",
                )

        self.push_screen(
            ConfirmScreen(
                moves_text.UNDO_CONFIRM_TITLE, str(error), yes=moves_text.UNDO_CONFIRM_YES
            ),
            confirmed,
        )

    def action_redo(self) -> None:
        from samhandlingsdesk.domain.text import moves as moves_text

        self.write(
            lambda c: c.redo_last(),
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
        from samhandlingsdesk.tui.screens.settings import recomputed_message

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
            self.notify(f"Kunne ikke lagre innstillingene: {exc}", severity="error")
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

        def done(n: int) -> None:
            self.notify(recomputed_message(n))

        self.write(lambda c: c.sync_reminders(), done)

    def action_agenda(self) -> None:
        """`d`: read the agenda, then show it (with its rows in the first frame)."""
        from samhandlingsdesk.service.agenda import build_agenda
        from samhandlingsdesk.tui.screens.agenda import AgendaScreen

        if isinstance(self.screen, AgendaScreen):
            return
        today = self.today()

        def show(agenda: Any) -> None:
            if isinstance(self.screen, AgendaScreen):
                return
            # Kept once made: opening it again does not build the screen again.
            if not self.is_screen_installed("agenda"):
                self.install_screen(AgendaScreen(agenda), "agenda")
            else:
                screen = self.get_screen("agenda")
                assert isinstance(screen, AgendaScreen)
                screen.pending = agenda
            self.push_screen("agenda")

        self.read(lambda repo: build_agenda(repo, today), show, group="agenda-open")

    def _open_on_agenda(self) -> None:
        """The setting `open_on_agenda`: start on the agenda when something is critical
        or overdue."""
        from samhandlingsdesk.service.agenda import build_agenda

        today = self.today()

        def shown(agenda: Any) -> None:
            if agenda.pressing and len(self.screen_stack) == 1:
                self.action_agenda()

        self.read(lambda repo: build_agenda(repo, today, days=0), shown, group="open-agenda")

    def action_purring(self) -> None:
        """From the palette: `p` on the screen below (a list or a case)."""
        from samhandlingsdesk.tui.triage import TriageMixin

        if isinstance(self.screen, TriageMixin):
            self.screen.action_purring()

    # -- backups, restore, purge (service/safety.py) --------------------------------------
    def action_backups(self) -> None:
        from samhandlingsdesk.service.safety import backups_folder, list_backups

        folder = backups_folder(self.desk.path, self.settings)
        self.read(
            lambda _r: list_backups(self.desk.path, self.settings),
            lambda backups: self._show_backups(str(folder), backups),
            group="backups",
        )

    def _show_backups(self, folder: str, backups: Any) -> None:
        from samhandlingsdesk.tui.screens.backups import BACKUP_NOW, BackupsScreen

        def chosen(choice: str | None) -> None:
            if choice == BACKUP_NOW:
                self.action_backup_now()
            elif choice:
                self._ask_restore(Path(choice))

        self.push_screen(BackupsScreen(folder, backups), chosen)

    def action_backup_now(self) -> None:
        from samhandlingsdesk.domain.text.safety import MSG_BACKUP_MADE
        from samhandlingsdesk.service.safety import backup_now

        self.write(
            lambda _c: backup_now(self.desk, self.settings),
            success=lambda path: MSG_BACKUP_MADE.format(path=path),
        )

    def _ask_restore(self, path: Path) -> None:
        from samhandlingsdesk.domain.text import safety as t
        from samhandlingsdesk.service.safety import restore
        from samhandlingsdesk.tui.screens.confirm import ConfirmScreen

        def restored(result: Any) -> None:
            for message in result.messages:  # what the purge removed again
                self.notify(message, timeout=8)

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            self.write(
                lambda _c: restore(self.desk, path, self.settings, today=self.today()),
                restored,
                success=lambda result: result.summary(),
            )

        self.push_screen(
            ConfirmScreen(
                t.RESTORE_TITLE, t.RESTORE_DETAIL.format(name=path.name), yes="Gjenopprett"
            ),
            answer,
        )

    def action_purge(self) -> None:
        from samhandlingsdesk.domain.text import plural
        from samhandlingsdesk.domain.text import safety as t
        from samhandlingsdesk.service.safety import purge
        from samhandlingsdesk.tui.screens.confirm import ConfirmScreen

        def planned(report: Any) -> None:
            if not report.cases:
                self.notify(t.MSG_PURGE_NOTHING)
                return
            cases = plural(len(report.cases), "sak", "saker")
            self.push_screen(
                ConfirmScreen(t.PURGE_TITLE, t.PURGE_DETAIL.format(cases=cases), yes="Slett"),
                go,
            )

        def go(yes: bool | None) -> None:
            if yes:
                self.write(
                    lambda _c: purge(self.desk.path, self.settings, self.today()),
                    success=lambda report: report.summary(),
                )

        self.read(
            lambda _r: purge(self.desk.path, self.settings, self.today(), dry_run=True),
            planned,
            group="purge",
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

    def open_case(self, case_id: str) -> None:
        from samhandlingsdesk.tui.screens.case import CaseScreen

        self.push_screen(CaseScreen(case_id))
        self.run_worker(
            lambda: self.commands.mark_opened(case_id),
            thread=True,
            group="opened",
            exit_on_error=False,
        )


def run_app(
    desk_path: Path, settings_path: Path | None, demo: bool = False, *, verify_later: bool = False
) -> int:
    """Open the desk at `desk_path` and run the app. Errors are one sentence, exit 2."""
    from samhandlingsdesk.store.db import open_desk

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
