"""Backup files as desks: list them, check one, restore one into the desk.

A backup is a desk file made with SQLite's backup API (`db.backup_desk`), readable by the
user alone. Nothing here decides when to back up or what to tell the user: that is
`service/safety.py`.
"""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from samhandlingsdesk.domain.text import safety as t
from samhandlingsdesk.domain.text.common import CANNOT_READ
from samhandlingsdesk.store.db import (
    SQLITE_HEADER,
    Desk,
    DeskError,
    _connect,
    _friendly,
    _fts_integrity,
    _is_damage,
    count_cases,
    is_busy,
    read_schema_version,
)
from samhandlingsdesk.store.files import new_private_file
from samhandlingsdesk.store.schema import KNOWN_REVISIONS

# desk_2026-11-23_081500.db, desk_2026-11-23_081500_før-oppgradering-0001.db
_STAMP = re.compile(r"_(\d{4}-\d{2}-\d{2})_(\d{6})(?:_.*)?\.db$")


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    taken: datetime | None  # from the name (local time), else the file's mtime
    size: int
    cases: int | None  # None when the file cannot be read
    version: str | None
    problem: str | None  # a Norwegian sentence when it cannot be restored

    @property
    def day(self) -> date | None:
        return self.taken.date() if self.taken else None


def backup_files(folder: Path, stem: str) -> list[Path]:
    """The backups of the desk named `stem` in `folder`, newest first."""
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob(f"{stem}_*.db") if p.is_file() and _STAMP.search(p.name)]
    # By when they were written, as `prune_backups` keeps them (names share a second).
    return sorted(files, key=lambda p: p.stat().st_mtime_ns, reverse=True)


def _taken(path: Path) -> datetime | None:
    m = _STAMP.search(path.name)
    if m is None:
        return None
    with suppress(ValueError):
        return datetime.strptime(f"{m[1]} {m[2]}", "%Y-%m-%d %H%M%S")
    return None


def taken_on(path: Path) -> date | None:
    taken = _taken(path)
    return taken.date() if taken else None


def describe(path: Path, *, deep: bool = False) -> BackupFile:
    """What a backup holds; `deep=True` also runs the full check (`check_file`)."""
    try:
        size = path.stat().st_size
        mtime = datetime.fromtimestamp(path.stat().st_mtime)
    except OSError as exc:
        problem = CANNOT_READ.format(path=path, reason=exc.strerror)
        return BackupFile(path, None, 0, None, None, problem)
    taken = _taken(path) or mtime
    problem = check_file(path) if deep else _header_problem(path)
    cases = version = None
    if problem is None or deep:
        try:
            conn = _connect(path, readonly=True)
            try:
                version = read_schema_version(conn)
                cases = count_cases(conn)
            finally:
                conn.close()
        except sqlite3.Error as exc:
            problem = problem or _sentence(path, exc)
    return BackupFile(path, taken, size, cases, version, problem)


def _header_problem(path: Path) -> str | None:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        return CANNOT_READ.format(path=path, reason=exc.strerror)
    return None if head == SQLITE_HEADER else t.MSG_BACKUP_CORRUPT.format(path=path)


def _sentence(path: Path, exc: sqlite3.Error) -> str:
    if _is_damage(exc):
        return t.MSG_BACKUP_CORRUPT.format(path=path)
    return str(_friendly(path, exc))


def check_file(path: Path) -> str | None:
    """None when `path` is a whole desk this version can use: every page (integrity
    check), a known schema (a newer one is refused), a sound search index."""
    problem = _header_problem(path)
    if problem:
        return problem
    try:
        conn = _connect(path, readonly=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check(1)")]
            if rows != ["ok"]:
                return t.MSG_BACKUP_CORRUPT.format(path=path)
            version = read_schema_version(conn)
            if version is None:
                return t.MSG_BACKUP_NOT_A_DESK.format(path=path)
            if version not in KNOWN_REVISIONS:
                return t.MSG_BACKUP_NEWER.format(path=path, version=version)
            # The search index's check is an INSERT: run it on a private copy in memory.
            copy = sqlite3.connect(":memory:")
            try:
                conn.backup(copy)
                _fts_integrity(copy)
            finally:
                copy.close()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if is_busy(exc):
            return str(_friendly(path, exc))
        return t.MSG_BACKUP_CORRUPT.format(path=path)
    return None


def restore_into(desk: Desk, backup: Path) -> None:
    """Replace the desk's content with the backup's, page by page through SQLite's
    backup API: one write transaction on the desk (other windows wait), its file and
    mode stay as they are. A desk too damaged for that is replaced as a file."""
    desk.close()
    src = _connect(backup, readonly=True)
    try:
        try:
            dst = _connect(desk.path)
            try:
                src.backup(dst)
            finally:
                dst.close()
        except sqlite3.Error as exc:
            if not _is_damage(exc):
                raise _friendly(desk.path, exc) from None
            _replace_file(src, desk.path)
    finally:
        src.close()


def restored_cases(desk: Desk) -> int:
    """After a restore: the desk back in WAL mode, and the number of cases it holds."""
    conn = desk.reader()
    conn.execute("PRAGMA journal_mode = WAL")
    return count_cases(conn)


def single_file(path: Path) -> None:
    """A backup stays one self-contained file (no -wal beside it)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


def _replace_file(src: sqlite3.Connection, path: Path) -> None:
    """Write the backup to a private file beside the desk and rename it over the desk."""
    tmp = path.with_name(f".{path.name}.gjenoppretting.tmp")
    tmp.unlink(missing_ok=True)
    fd = new_private_file(tmp)
    os.close(fd)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)
    finally:
        dst.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, path)


__all__ = [
    "BackupFile",
    "DeskError",
    "backup_files",
    "check_file",
    "describe",
    "restore_into",
    "restored_cases",
    "single_file",
    "taken_on",
]
