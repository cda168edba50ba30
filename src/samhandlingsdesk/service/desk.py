"""The desk as the screens use it: typed operations over one open desk, without Textual.

The UI calls `DeskService` from its thread workers (tui/work.py) and never reaches `store/`
or `io/` itself: reads go to the `Repo` (stdlib sqlite3, fast to import), writes to the
`Commands` facade (SQLAlchemy, made on first use so the first frame does not wait for
it). Everything returned is a frozen dataclass that is safe to hand to the UI thread; the
store's result types the screens name are re-exported here so `tui/` needs no `store`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.backups import BackupFile
from samhandlingsdesk.store.db import Desk, DeskError, open_desk, verify_desk, write_error_message
from samhandlingsdesk.store.repo import (
    CaseDetail,
    CaseRow,
    HistoryRow,
    ListFilter,
    Page,
    Purring,
    Repo,
    SearchHit,
    Summary,
)
from samhandlingsdesk.store.search import short_phone

if TYPE_CHECKING:
    from pathlib import Path

    from samhandlingsdesk.service.agenda import Agenda
    from samhandlingsdesk.service.export import ExportFilter, ExportResult
    from samhandlingsdesk.service.imports import ImportPlan, ImportResult, ReadOptions

    # For annotations in tui/ (which imports no store module): the result and error
    # types of the write side. Imported lazily at run time (SQLAlchemy).
    from samhandlingsdesk.store.commands import (
        BulkResult,
        Commands,
        Created,
        UndoResult,
    )

__all__ = [
    "BackupFile",
    "CaseDetail",
    "CasePage",
    "CaseRow",
    "Desk",
    "DeskError",
    "DeskService",
    "ExportCount",
    "ExportDone",
    "HistoryRow",
    "ImportDone",
    "ImportPlanned",
    "ListFilter",
    "Page",
    "Purring",
    "Repo",
    "SearchHit",
    "Summary",
    "error_kind",
    "open_desk",
    "short_phone",
    "verify_desk",
    "write_error_message",
]

MAX_HISTORY = 200


@dataclass(frozen=True, slots=True)
class CasePage:
    """What the case screen shows: the case, its history (newest first) and purrings."""

    detail: CaseDetail
    history: tuple[HistoryRow, ...]
    purrings: tuple[Purring, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportCount:
    """Rows per kind the filter selects, or the Norwegian sentence why it cannot."""

    counts: dict[str, int] | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ExportDone:
    result: ExportResult | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ImportPlanned:
    """The plan of each sheet of the file, or the sentence why it cannot be read."""

    plans: list[ImportPlan] | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ImportDone:
    results: list[ImportResult] | None
    error: str | None = None


def error_kind(error: BaseException | None) -> str:
    """How the UI reports a failed operation: "refused" (a Norwegian sentence from the
    rules), "stale" (another window changed the case), "undo-confirm" (undo asks first),
    "desk" (the desk itself: its sentence) or "database" (one generic sentence)."""
    from samhandlingsdesk.store.commands import CommandError, StaleError, UndoNeedsConfirm

    if isinstance(error, UndoNeedsConfirm):
        return "undo-confirm"
    if isinstance(error, StaleError):
        return "stale"
    if isinstance(error, CommandError):
        return "refused"
    if isinstance(error, DeskError):
        return "desk"
    return "database"


class DeskService:
    """One open desk's use cases. Safe to call from any worker thread."""

    def __init__(self, desk: Desk, settings: Settings, today: Callable[[], date]) -> None:
        self.desk = desk
        self.settings = settings
        self.today = today
        self.repo = Repo(desk, settings.reminders)
        self._commands: Commands | None = None

    @property
    def commands(self) -> Commands:
        """The write side, made on first use (imports SQLAlchemy)."""
        if self._commands is None:
            from samhandlingsdesk.store.commands import Commands

            self._commands = Commands(self.desk, self.settings.reminders, today=self.today)
        return self._commands

    @property
    def warm(self) -> bool:
        return self._commands is not None

    # -- lists ------------------------------------------------------------------------
    def page(self, flt: ListFilter, today: date, after: Any = None) -> Page:
        return self.repo.page(flt, today, after)

    def lis3_by_seniority(self) -> Page:
        return Page(self.repo.lis3_queue_by_seniority(), None)

    def counts(self, today: date) -> dict[str, int]:
        return self.repo.counts(today)

    def summary(self, today: date, since: datetime | None) -> Summary:
        return self.repo.summary(today, since)

    def status_counts(self, queue: str) -> dict[str, int]:
        return self.repo.status_counts(queue)

    def row(self, case_id: str) -> CaseRow | None:
        return self.repo.row(case_id)

    def agenda(self, today: date, *, limit: int | None = None, days: int | None = None) -> Agenda:
        """The agenda as of `today` (`limit` None: the first screenful)."""
        from samhandlingsdesk.service.agenda import FIRST_SCREEN, build_agenda

        return build_agenda(self.repo, today, days=days, limit=limit or FIRST_SCREEN)

    def search(self, text: str, *, kind: str | None = None, limit: int = 50) -> list[SearchHit]:
        return self.repo.search(text, kind=kind, limit=limit)

    # -- one case ---------------------------------------------------------------------
    def case(self, case_id: str) -> CaseDetail | None:
        return self.repo.get_case(case_id)

    def cases(self, case_ids: Sequence[str]) -> list[CaseDetail | None]:
        return [self.repo.get_case(cid) for cid in case_ids]

    def case_page(self, case_id: str) -> CasePage | None:
        detail = self.repo.get_case(case_id)
        if detail is None:
            return None
        return CasePage(
            detail, self.repo.history(case_id)[:MAX_HISTORY], self.repo.purrings(case_id)
        )

    # -- writes -----------------------------------------------------------------------
    def transition(
        self,
        case_id: str,
        version: int | None,
        target: str,
        *,
        reason: str | None = None,
        changes: Mapping[str, Any] | None = None,
    ) -> int:
        return self.commands.transition(case_id, version, target, reason=reason, changes=changes)

    def bulk_transition(
        self,
        case_ids: Sequence[str],
        target: str,
        *,
        reason: str | None = None,
        changes: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> BulkResult:
        return self.commands.bulk_transition(case_ids, target, reason=reason, changes=changes)

    def snooze(
        self, case_ids: Sequence[str], until: date, *, past_critical: bool = False
    ) -> BulkResult:
        return self.commands.snooze(case_ids, until, past_critical=past_critical)

    def create_case(self, kind: str, values: Mapping[str, Any]) -> Created:
        return self.commands.create_case(kind, dict(values))

    def update_case(self, case_id: str, version: int, changes: Mapping[str, Any]) -> int:
        return self.commands.update_case(case_id, version, dict(changes))

    def add_tag(self, case_ids: Sequence[str], tag: str) -> BulkResult:
        return self.commands.add_tag(case_ids, tag)

    def add_note(self, case_id: str, text: str) -> int:
        return self.commands.add_note(case_id, text)

    def purring(self, case_ids: Sequence[str], channel: str) -> BulkResult:
        return self.commands.purring(case_ids, channel)

    def convert_to_veiledning(self, case_id: str, version: int | None) -> Created:
        return self.commands.convert_to_veiledning(case_id, version)

    def mark_opened(self, case_id: str) -> None:
        self.commands.mark_opened(case_id)

    def undo(self, *, batch_id: str | None = None, confirmed: bool = False) -> UndoResult:
        return self.commands.undo_last(batch_id=batch_id, confirmed=confirmed)

    def redo(self) -> UndoResult:
        return self.commands.redo_last()

    def sync_reminders(self) -> int:
        return self.commands.sync_reminders()

    # -- files: export and import ----------------------------------------------------
    def count_export(self, flt: ExportFilter) -> ExportCount:
        from samhandlingsdesk.service.export import ExportError, count_rows

        try:
            return ExportCount(count_rows(self.desk, flt))
        except ExportError as exc:
            return ExportCount(None, str(exc))

    def export(
        self,
        flt: ExportFilter,
        folder: Path,
        *,
        today: date,
        fmt: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> ExportDone:
        """Write the files (and the export log) into `folder`."""
        from samhandlingsdesk.service.export import ExportError, export_csv

        try:
            return ExportDone(
                export_csv(self.desk, flt, folder, today=today, progress=progress, fmt=fmt)
            )
        except ExportError as exc:
            return ExportDone(None, str(exc))

    def plan_import(self, path: Path, *, today: date, options: ReadOptions) -> ImportPlanned:
        from samhandlingsdesk.service.imports import CsvImportError, plan_imports

        try:
            return ImportPlanned(plan_imports(self.desk, path, today=today, options=options))
        except CsvImportError as exc:
            return ImportPlanned(None, str(exc))

    def run_import(self, path: Path, *, skip_invalid: bool, options: ReadOptions) -> ImportDone:
        """Import the file: every kind sheet of a workbook in one transaction and one
        batch (all of it, or nothing)."""
        from samhandlingsdesk.service.imports import CsvImportError, import_files

        try:
            return ImportDone(
                import_files(self.commands, path, skip_invalid=skip_invalid, options=options)
            )
        except CsvImportError as exc:
            return ImportDone(None, str(exc))
