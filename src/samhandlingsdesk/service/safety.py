"""Backups, restore and the start of the day (issue #11). No Textual: the desk's dialog
and the command line both call these.

- `backup_now`: a copy through SQLite's backup API into the backups folder (0600), the
  newest `backups_kept` kept (a setting).
- `daily_backup`: the same, once a day, on the first start of that day.
- `list_backups` / `restore`: the backups with date, size and case count; a restore
  checks the chosen file (integrity, schema, search index), keeps a copy of the desk as
  it is, restores, upgrades an older schema, and runs the purge again on what it
  restored (so an old backup never brings purged text back).
- `on_start`: what the desk does on its first start of a day.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from samhandlingsdesk.domain.retention import cutoffs
from samhandlingsdesk.domain.text import common, plural
from samhandlingsdesk.domain.text import safety as t
from samhandlingsdesk.io import tempfiles
from samhandlingsdesk.settings import Settings
from samhandlingsdesk.store.backups import (
    BackupFile,
    backup_files,
    check_file,
    describe,
    restore_into,
    restored_cases,
    single_file,
    taken_on,
)
from samhandlingsdesk.store.db import (
    Desk,
    DeskError,
    backup_desk,
    backup_name,
    open_desk,
    prune_backups,
)
from samhandlingsdesk.store.files import PRIVATE_FILE, ensure_private_dir, new_private_file
from samhandlingsdesk.store.purge import Purged, purge_file
from samhandlingsdesk.store.schema import KNOWN_REVISIONS, SCHEMA_HEAD


def backups_folder(desk_path: Path, settings: Settings) -> Path:
    return settings.backups_path(desk_path)


def backup_now(desk: Desk, settings: Settings, label: str = "") -> Path:
    folder = backups_folder(desk.path, settings)
    out = backup_desk(desk, _free_name(folder, backup_name(desk.path, label)))
    prune_backups(folder, desk.path, settings.backups_kept)
    return out


def _free_name(folder: Path, name: str) -> Path:
    """`name`, or `…_2.db`, `…_3.db` when a backup was taken the same second."""
    out, n = folder / name, 2
    while out.exists():
        out, n = folder / f"{name.removesuffix('.db')}_{n}.db", n + 1
    return out


def daily_backup(desk: Desk, settings: Settings, today: date) -> Path | None:
    """A backup unless one was taken today already (the first start of a day)."""
    folder = backups_folder(desk.path, settings)
    if any(taken_on(p) == today for p in backup_files(folder, desk.path.stem)):
        return None
    return backup_now(desk, settings)


def list_backups(desk_path: Path, settings: Settings) -> list[BackupFile]:
    """Newest first, with date, size and case count (a damaged one says so)."""
    folder = backups_folder(desk_path, settings)
    return [describe(p) for p in backup_files(folder, desk_path.stem)]


def describe_backup(b: BackupFile) -> str:
    """One line for a list: «23.11.2026 08:15  1,2 MB  312 saker  navn»."""
    when = b.taken.strftime("%d.%m.%Y %H:%M") if b.taken else t.UNKNOWN_DATE
    size = f"{b.size / 1_000_000:.1f} MB".replace(".", ",")
    cases = common.cases(b.cases) if b.cases is not None else t.UNREADABLE
    return f"{when}  {size:>9}  {cases:>11}  {b.path.name}"


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored: Path
    kept: Path  # the desk as it was before
    cases: int
    messages: tuple[str, ...] = field(default_factory=tuple)

    def summary(self) -> str:
        return t.MSG_RESTORED.format(
            path=self.restored.name, cases=common.cases(self.cases), kept=self.kept
        )


def restore(
    desk: Desk,
    backup: Path,
    settings: Settings,
    *,
    today: date | None = None,
) -> RestoreResult:
    """Restore `backup` into the desk. Raises DeskError with a sentence when the file
    cannot be used (damaged, another program's, a newer schema); the desk is unchanged."""
    problem = check_file(backup)
    if problem is not None:
        raise DeskError(problem)
    if backup.resolve() == desk.path.resolve():
        raise DeskError(t.MSG_BACKUP_NOT_A_DESK.format(path=backup))
    folder = backups_folder(desk.path, settings)
    kept = _keep(desk, folder)
    restore_into(desk, backup)
    # An older schema is brought up to date (after its own backup), WAL mode restored.
    upgraded = open_desk(desk.path, backup_dir=folder, backups_kept=settings.backups_kept + 2)
    messages: list[str] = []
    try:
        cases = restored_cases(upgraded)
    finally:
        upgraded.close()
    # What the backup still held past its retention period goes again, at once.
    report = purge(desk.path, settings, today or date.today(), backups=False)
    if report.cases:
        messages.append(report.summary())
    prune_backups(folder, desk.path, settings.backups_kept)
    return RestoreResult(backup, kept, cases, tuple(messages))


def _keep(desk: Desk, folder: Path) -> Path:
    """A copy of the desk as it is before a restore. A damaged desk (the usual reason to
    restore) cannot go through the backup API: its bytes are copied as they are."""
    try:
        return backup_desk(desk, _free_name(folder, backup_name(desk.path, "før-gjenoppretting")))
    except DeskError:
        out = _free_name(folder, backup_name(desk.path, "skadet-før-gjenoppretting"))
        desk.close()
        ensure_private_dir(folder)
        fd = new_private_file(out)
        with os.fdopen(fd, "wb") as dst, desk.path.open("rb") as src:
            shutil.copyfileobj(src, dst)
        return out


@dataclass(frozen=True, slots=True)
class PurgeReport:
    cases: tuple[Purged, ...]  # purged from the desk (or, dry run, that would be)
    backups: int  # backup files purged
    dry_run: bool = False
    skipped: tuple[str, ...] = ()  # sentences: backups that could not be purged

    def summary(self) -> str:
        n = common.cases(len(self.cases))
        if self.dry_run:
            return t.MSG_PURGE_DRY.format(cases=n)
        if not self.cases and not self.backups:
            return t.MSG_PURGE_NOTHING
        where = (
            t.MSG_PURGE_BACKUPS.format(
                backups=plural(self.backups, "sikkerhetskopi", "sikkerhetskopier")
            )
            if self.backups
            else ""
        )
        return t.MSG_PURGED.format(cases=n, where=where)


def purge(
    desk_path: Path,
    settings: Settings,
    today: date,
    *,
    dry_run: bool = False,
    backups: bool = True,
) -> PurgeReport:
    """Purge the desk, then every backup file, of what is past its retention period."""
    cut = cutoffs(today, settings.retention)
    found = purge_file(desk_path, cut, dry_run=dry_run)
    purged_backups = 0
    skipped: list[str] = []
    if backups and not dry_run:
        for path in backup_files(backups_folder(desk_path, settings), desk_path.stem):
            try:
                if _purge_backup(path, cut, settings):
                    purged_backups += 1
            except DeskError as exc:
                skipped.append(str(exc))
    return PurgeReport(tuple(found), purged_backups, dry_run, tuple(skipped))


def _purge_backup(path: Path, cut: dict[str, date], settings: Settings) -> bool:
    """Purge one backup file; an older schema is upgraded on a private copy, purged and
    put in the backup's place. True when something was purged."""
    info = describe(path)
    if info.problem is not None:
        raise DeskError(info.problem)
    if info.version == SCHEMA_HEAD:
        done = bool(purge_file(path, cut))
        single_file(path)
        return done
    if info.version not in KNOWN_REVISIONS:
        raise DeskError(t.MSG_BACKUP_NEWER.format(path=path, version=info.version))
    with tempfile.TemporaryDirectory(prefix=".purge-", dir=path.parent) as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        os.chmod(copy, PRIVATE_FILE)
        # The upgrade's own safety copy goes to the private temporary folder, removed below.
        open_desk(copy, backup_dir=Path(tmp) / "b", backups_kept=1).close()
        done = bool(purge_file(copy, cut))
        single_file(copy)
        os.replace(copy, path)
    return done


@dataclass(frozen=True, slots=True)
class StartReport:
    backup: Path | None
    messages: tuple[str, ...]


def on_start(desk: Desk, settings: Settings, today: date) -> StartReport:
    """The first start of a day: the daily backup, then the purge; stale export files
    left by a killed export are removed. Returns what to tell the user."""
    messages: list[str] = []
    tempfiles.remove_stale(settings.export_path())
    made = daily_backup(desk, settings, today)
    if made is not None:
        messages.append(t.MSG_DAILY_BACKUP.format(folder=made.parent))
        report = purge(desk.path, settings, today)
        if report.cases or report.backups:
            messages.append(report.summary())
    return StartReport(made, tuple(messages))
