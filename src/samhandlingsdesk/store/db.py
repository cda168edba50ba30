"""Open, create, upgrade, back up and check a desk.

A desk is one SQLite file. Reads for lists go through the stdlib `sqlite3` driver (fast to
import, so the first rows show before SQLAlchemy has loaded); writes go through a
SQLAlchemy engine created on first use. Both set the same PRAGMAs on every connection.

Anything that makes a file unusable (missing, a folder, zero bytes, not SQLite, corrupt,
locked, another program's database, a newer schema) raises `DeskError` with one Norwegian
sentence; nothing is changed in that case.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from samhandlingsdesk.domain.text import common
from samhandlingsdesk.domain.text import safety as t
from samhandlingsdesk.store.files import ensure_private_dir, make_private, new_private_file
from samhandlingsdesk.store.schema import KNOWN_REVISIONS, SCHEMA_HEAD

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

# How long any connection waits for another program's lock before it gives up (DESIGN.md
# «Locks»: at most 10 s); a write that still finds the desk busy starts again, whole.
BUSY_TIMEOUT_MS = 10_000
WRITE_ATTEMPTS = 3
SQLITE_HEADER = b"SQLite format 3\x00"


class DeskError(Exception):
    """The desk file cannot be used. `str()` is one Norwegian sentence for the user."""


class StaleVersionError(Exception):
    """Someone saved the case after it was read (another window)."""


def _apply_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    # Deleted and overwritten text is zeroed in the file, not left in free pages.
    conn.execute("PRAGMA secure_delete = ON")


def _uri(path: Path, *, readonly: bool = False) -> str:
    """A `file:` URI for exactly this path: `?`, `#` and `%` in the name are escaped, so
    `a?b.db` or `a%20b.db` opens that very file."""
    return f"{path.resolve().as_uri()}{'?mode=ro' if readonly else ''}"


def _connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    uri = _uri(path, readonly=readonly)
    conn = sqlite3.connect(
        uri,
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
        isolation_level=None,
    )
    _apply_pragmas(conn)
    return conn


# What a database error is about, from the words SQLite (or the OS) puts in its text:
# the one reading of an error that every sentence below is chosen by.
Failure = Literal["locked", "damaged", "readonly", "full", "io", "other"]
_FAILURE_WORDS: tuple[tuple[Failure, tuple[str, ...]], ...] = (
    ("locked", ("locked", "busy")),
    ("damaged", ("not a database", "malformed", "corrupt")),
    ("readonly", ("readonly", "read-only", "permission")),
    ("full", ("full",)),
    ("io", ("i/o",)),
)


def failure(exc: BaseException) -> Failure:
    text = str(exc).lower()
    return next((f for f, words in _FAILURE_WORDS if any(w in text for w in words)), "other")


def is_busy(exc: BaseException) -> bool:
    return failure(exc) == "locked"


def _is_damage(exc: BaseException) -> bool:
    return failure(exc) == "damaged"


def _friendly(path: Path, exc: sqlite3.Error) -> DeskError:
    kind = failure(exc)
    if kind == "locked":
        return DeskError(t.MSG_LOCKED.format(path=path, seconds=BUSY_TIMEOUT_MS // 1000))
    if kind == "damaged":
        return DeskError(t.MSG_DAMAGED_OR_NOT_DESK.format(path=path))
    if kind == "readonly":
        return DeskError(t.MSG_NO_WRITE_ACCESS.format(path=path))
    if kind == "full":
        return DeskError(t.MSG_DISK_FULL.format(path=path))
    return DeskError(t.MSG_CANNOT_USE.format(path=path, reason=error_reason(exc)))


_REASONS: dict[Failure, str] = {
    "locked": t.REASON_LOCKED,
    "damaged": t.REASON_CORRUPT,
    "readonly": t.REASON_READONLY,
    "full": t.REASON_FULL,
    "io": t.REASON_IO,
    "other": t.REASON_UNKNOWN,
}


def error_reason(exc: BaseException) -> str:
    """What went wrong in a database error, in a few Norwegian words (never its text)."""
    return _REASONS[failure(exc)]


def write_error_message(exc: BaseException, path: Path) -> str:
    """One Norwegian sentence for a save that failed in the database: never the SQL, its
    parameters or the typed text (SQLAlchemy puts all three in `str(exc)`)."""
    import errno

    orig = getattr(exc, "orig", None)
    err: BaseException = orig if isinstance(orig, BaseException) else exc
    if isinstance(err, OSError) and err.errno == errno.ENOSPC:
        return t.MSG_DISK_FULL.format(path=err.filename or path)
    if not isinstance(err, (sqlite3.Error, OSError)):
        return t.MSG_SAVE_FAILED.format(reason=t.REASON_UNKNOWN)
    kind = failure(err)
    if kind == "locked" and isinstance(err, sqlite3.Error):
        return t.MSG_SAVE_LOCKED
    if kind == "readonly":
        return t.MSG_SAVE_READONLY
    if kind == "full":
        return t.MSG_DISK_FULL.format(path=path)
    return t.MSG_SAVE_FAILED.format(reason=error_reason(err))


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise DeskError(t.MSG_DESK_IS_FOLDER.format(path=path, example=path / "desk.db"))
    if not path.exists():
        raise DeskError(t.MSG_DESK_MISSING.format(path=path))
    try:
        info = path.stat()
    except OSError as exc:
        raise DeskError(common.CANNOT_READ.format(path=path, reason=exc.strerror)) from None
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block the first read forever; a device is no desk either.
        raise DeskError(t.MSG_FIFO.format(path=path))
    try:
        size = info.st_size
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise DeskError(common.CANNOT_READ.format(path=path, reason=exc.strerror)) from None
    if size == 0:
        raise DeskError(t.MSG_DESK_EMPTY.format(path=path))
    if head != SQLITE_HEADER:
        raise DeskError(t.MSG_NOT_SQLITE.format(path=path))


def read_schema_version(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    return row[0] if row else None


def count_cases(conn: sqlite3.Connection) -> int:
    """Every case the file holds (hidden ones too): what `check`, the backup list and a
    restore report."""
    return int(conn.execute('SELECT count(*) FROM "case"').fetchone()[0])


class Desk:
    """An open desk: its path, per-thread sqlite3 readers and a lazy SQLAlchemy engine."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        self._readers: list[sqlite3.Connection] = []
        # Called (from the writing thread) when a write finds the desk held by another
        # program and starts to wait its turn: the desk says so while it waits.
        self.on_wait: Callable[[], None] | None = None

    def _waiting(self) -> None:
        if self.on_wait is not None:
            with suppress(Exception):
                self.on_wait()

    # -- reads (stdlib) ------------------------------------------------------------
    def reader(self) -> sqlite3.Connection:
        """This thread's read connection (rows as sqlite3.Row)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = _connect(self.path)
            except sqlite3.Error as exc:
                raise _friendly(self.path, exc) from None
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
            with self._lock:
                self._readers.append(conn)
        return conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for several SELECTs."""
        conn = self.reader()
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    # -- writes (SQLAlchemy) ---------------------------------------------------------
    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = make_engine(self.path, on_wait=self._waiting)
            return self._engine

    def close(self) -> None:
        with self._lock:
            for conn in self._readers:
                with suppress(sqlite3.Error):
                    conn.close()
            self._readers.clear()
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
        self._local = threading.local()


def make_engine(path: Path, on_wait: Callable[[], None] | None = None) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    def connect() -> sqlite3.Connection:
        # Our own connect, not a `sqlite:///…` URL: a `?` or `%20` in the file name would
        # be read as the URL's query or an escape, and saves would go to another file.
        return sqlite3.connect(
            _uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (BEGIN IMMEDIATE:
        # a writer takes the lock up front, so two windows never deadlock mid-transaction).
        dbapi_conn.isolation_level = None
        _apply_pragmas(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        begin_immediate(conn.exec_driver_sql, on_wait)

    return engine


def begin_immediate(execute: Any, on_wait: Callable[[], None] | None = None) -> None:
    """BEGIN IMMEDIATE, waiting its turn: the busy timeout waits for the lock, and a
    transaction that still finds the desk busy starts again (nothing of it has run yet,
    so retrying the BEGIN retries the whole transaction). `on_wait` is told once when
    the lock is not free at the first try."""
    if on_wait is not None:
        execute("PRAGMA busy_timeout = 0")
        try:
            execute("BEGIN IMMEDIATE")
            return
        except Exception as exc:
            if not is_busy(getattr(exc, "orig", exc)):
                raise
            on_wait()
        finally:
            execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    for attempt in range(WRITE_ATTEMPTS):
        try:
            execute("BEGIN IMMEDIATE")
            return
        except Exception as exc:
            orig = getattr(exc, "orig", exc)
            if attempt == WRITE_ATTEMPTS - 1 or not is_busy(orig):
                raise
            time.sleep(0.05 * (attempt + 1))


def _new_file(path: Path) -> None:
    ensure_private_dir(path.parent) if not path.parent.exists() else None
    fd = new_private_file(path)
    os.close(fd)


def create_desk(path: Path) -> Desk:
    """A new empty desk at `path` (refuses to overwrite an existing file)."""
    if path.exists():
        raise DeskError(t.MSG_DESK_EXISTS.format(path=path))
    try:
        _new_file(path)
    except OSError as exc:
        raise DeskError(t.MSG_CANNOT_CREATE.format(path=path, reason=exc.strerror)) from None
    try:
        conn = _connect(path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.close()
        desk = Desk(path)
        run_migrations(desk)
    except BaseException:
        for suffix in ("", "-wal", "-shm"):
            with suppress(OSError):
                Path(f"{path}{suffix}").unlink()
        raise
    make_private(path)
    return desk


def open_desk(
    path: Path,
    *,
    create: bool = False,
    backup_dir: Path | None = None,
    upgrade: bool = True,
    backups_kept: int = 10,
    verify: bool = False,
) -> Desk:
    """Open the desk at `path`, upgrading an older schema after a backup.

    `create=True` creates a missing file (the default desk on first start); an explicit
    `--db` that does not exist is refused. `verify=True` also reads every page
    (`PRAGMA quick_check`) and refuses a damaged file.
    """
    if create and not path.exists():
        return create_desk(path)
    _check_file(path)
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    existed = {p for p in (wal, shm) if p.exists()}
    try:
        conn = _connect(path)
        try:
            version = read_schema_version(conn)
            if version is None:
                tables = conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                ).fetchone()[0]
                if tables:
                    raise DeskError(t.MSG_NOT_A_DESK.format(path=path))
            elif version not in KNOWN_REVISIONS:
                raise DeskError(t.MSG_NEWER_SCHEMA.format(path=path, version=version))
            if verify:
                _verify(conn, path)
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if upgrade and mode.lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
    except (sqlite3.Error, DeskError) as exc:
        # A file we refuse stays as it was: no -wal/-shm left behind by the attempt
        # (SQLite does not remove them when it fails to read a corrupt file). Only what
        # this attempt created, and a -wal only while it is empty (it holds no data).
        with suppress(OSError):
            if wal not in existed and wal.exists() and wal.stat().st_size == 0:
                wal.unlink()
            if shm not in existed and shm.exists() and not wal.exists():
                shm.unlink()
        if isinstance(exc, DeskError):
            raise
        raise _friendly(path, exc) from None
    make_private(path)
    desk = Desk(path)
    if version != SCHEMA_HEAD:
        if not upgrade:
            return desk
        if version is not None:
            target = backup_dir or path.parent / "backups"
            backup_desk(desk, target / backup_name(path, f"før-oppgradering-{version}"))
            prune_backups(target, path, backups_kept)
        try:
            run_migrations(desk)
        except sqlite3.Error as exc:
            raise _friendly(path, exc) from None
    return desk


# Up to this size the desk reads every page (`quick_check`) before it opens (119 ms at
# 20,000 cases, 52 MB); a larger desk is checked right after the first frame instead.
VERIFY_UP_FRONT_BYTES = 64 * 1024 * 1024


def verify_desk(path: Path) -> None:
    """Refuse a damaged desk (DeskError with a sentence); for the check after start."""
    try:
        conn = _connect(path, readonly=True)
        try:
            _verify(conn, path)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if _is_damage(exc):
            raise DeskError(t.MSG_CORRUPT.format(path=path)) from None
        raise _friendly(path, exc) from None


def _verify(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged file: the first finding of `PRAGMA quick_check`."""
    if conn.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
        raise DeskError(t.MSG_CORRUPT.format(path=path))


def run_migrations(desk: Desk) -> None:
    """Bring the schema to head with Alembic (imported only here)."""
    from samhandlingsdesk.store.migrate import upgrade_head

    try:
        upgrade_head(desk.engine)
    except Exception as exc:  # SQLAlchemy wraps sqlite3 errors
        orig = getattr(exc, "orig", None)
        if isinstance(orig, sqlite3.Error):
            raise _friendly(desk.path, orig) from None
        raise


def backup_name(path: Path, label: str = "") -> str:
    stamp = datetime.now(UTC).astimezone().strftime("%Y-%m-%d_%H%M%S")
    extra = f"_{label}" if label else ""
    return f"{path.stem}_{stamp}{extra}.db"


def backup_desk(desk: Desk, out: Path) -> Path:
    """A consistent copy through SQLite's backup API, readable by the user alone."""
    if out.exists():
        raise DeskError(t.MSG_BACKUP_EXISTS.format(path=out))
    try:
        ensure_private_dir(out.parent)
        fd = new_private_file(out)
        os.close(fd)
    except OSError as exc:
        raise DeskError(t.MSG_CANNOT_WRITE_BACKUP.format(path=out, reason=exc.strerror)) from None
    try:
        src = _connect(desk.path)
    except sqlite3.Error as exc:
        out.unlink(missing_ok=True)
        if _is_damage(exc):
            raise DeskError(t.MSG_CORRUPT_BACKUP.format(path=desk.path)) from None
        raise _friendly(desk.path, exc) from None
    dst = sqlite3.connect(out)
    try:
        src.backup(dst)
        # A backup is one self-contained file (no -wal beside it), readable read-only.
        dst.execute("PRAGMA journal_mode = DELETE")
        # The backup API copies pages as they are: a damaged desk gives a damaged copy.
        damaged = dst.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok"
    except sqlite3.Error as exc:
        dst.close()
        out.unlink(missing_ok=True)
        if _is_damage(exc):
            raise DeskError(t.MSG_CORRUPT_BACKUP.format(path=desk.path)) from None
        raise _friendly(desk.path, exc) from None
    finally:
        dst.close()
        src.close()
    if damaged:
        out.unlink(missing_ok=True)
        raise DeskError(t.MSG_CORRUPT_BACKUP.format(path=desk.path))
    make_private(out)
    return out


def prune_backups(folder: Path, path: Path, keep: int) -> None:
    if keep <= 0 or not folder.exists():
        return
    olds = sorted(folder.glob(f"{path.stem}_*.db"), key=lambda p: p.stat().st_mtime)
    for old in olds[:-keep]:
        with suppress(OSError):
            old.unlink()


def integrity_problems(desk: Desk) -> list[str]:
    """Every problem `check` finds, in Norwegian; an empty list when the desk is sound."""
    problems: list[str] = []
    conn = desk.reader()
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        # A damaged page can make the check itself fail (SQLite raises "malformed"
        # instead of listing it): that is the problem `check` is there to report.
        if not _is_damage(exc):
            raise
        return [t.CHECK_DAMAGED]
    if rows != ["ok"]:
        # SQLite may pack several findings into one row, one per line.
        lines = [ln for r in rows for ln in str(r).splitlines() if ln and "***" not in ln]
        problems += [t.CHECK_INTEGRITY.format(finding=ln) for ln in lines[:20]]
        if len(lines) > 20:
            problems.append(t.CHECK_INTEGRITY_MORE.format(count=len(lines) - 20))
    try:
        problems += _consistency_problems(conn)
    except sqlite3.DatabaseError as exc:
        if not _is_damage(exc):
            raise
        problems.append(t.CHECK_DAMAGED)
    return problems


def _fts_integrity(conn: sqlite3.Connection) -> None:
    from samhandlingsdesk.store.search_schema import FTS_TABLE, PHONE_TABLE

    for table in (FTS_TABLE, PHONE_TABLE):
        conn.execute(f"INSERT INTO {table}({table}, rank) VALUES('integrity-check', 1)")


def _fts_problem(conn: sqlite3.Connection) -> str | None:
    """The search index's own check. It is written as an INSERT, so it needs the write
    lock: on a desk another program holds, or a read-only one, it runs on a private copy
    instead, and a healthy desk is never called damaged."""
    conn.execute("PRAGMA busy_timeout = 0")  # a held lock: go to the copy at once
    try:
        _fts_integrity(conn)
        return None
    except sqlite3.Error as exc:
        if failure(exc) not in ("locked", "readonly"):
            return t.CHECK_INDEX_DAMAGED.format(reason=error_reason(exc))
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    with tempfile.TemporaryDirectory(prefix="samhandlingsdesk-check-") as folder:
        copy = sqlite3.connect(Path(folder) / "kopi.db", isolation_level=None)
        try:
            conn.backup(copy)
            _fts_integrity(copy)
        except sqlite3.Error as exc:
            if is_busy(exc):
                raise _friendly(
                    Path(conn.execute("PRAGMA database_list").fetchone()[2]), exc
                ) from None
            return t.CHECK_INDEX_DAMAGED.format(reason=error_reason(exc))
        finally:
            copy.close()
    return None


def _consistency_problems(conn: sqlite3.Connection) -> list[str]:
    """Foreign keys, schema version and the search index (the file itself reads)."""
    problems: list[str] = []
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        problems.append(t.CHECK_DANGLING.format(rows=common.rows(len(fk))))
    version = read_schema_version(conn)
    if version != SCHEMA_HEAD:
        problems.append(t.CHECK_SCHEMA.format(version=version, head=SCHEMA_HEAD))
        return problems
    from samhandlingsdesk.store.search_schema import DOC_VIEW, FTS_TABLE

    problem = _fts_problem(conn)
    if problem:
        problems.append(problem)
    stale = conn.execute(
        f"SELECT count(*) FROM {DOC_VIEW} d LEFT JOIN {FTS_TABLE} f ON f.rowid = d.pk "
        "WHERE f.rowid IS NULL OR f.ref IS NOT d.ref OR f.title IS NOT d.title "
        "OR f.body IS NOT d.body OR f.notes IS NOT d.notes"
    ).fetchone()[0]
    orphans = conn.execute(
        f'SELECT count(*) FROM {FTS_TABLE} WHERE rowid NOT IN (SELECT pk FROM "case")'
    ).fetchone()[0]
    if stale or orphans:
        problems.append(t.CHECK_INDEX_STALE.format(stale=stale, orphans=orphans))
    return problems
