"""Temporary files that never outlive an interrupted export (issue #11, failure 7).

An export is written to a hidden temporary file beside its final name and renamed when
complete. Such a file holds personal data, in a folder colleagues can read, so:

- every live temporary file is registered; SIGTERM and SIGHUP (a closed terminal, `kill`)
  remove them before the process ends the way it would have (`install_signal_cleanup`);
  an exception or Ctrl+C removes them where they are written;
- SIGKILL cannot be caught: the name carries the writer's process id, and the next export
  (or start of the desk) removes any such file whose process is gone
  (`remove_stale`), or that is older than a day (a reused process id).
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any, Final

STALE_AFTER_S: Final = 24 * 3600
NEW_FILE_MODE: Final = 0o666  # before the umask: the normal permissions of a user's file
# `.hospitering_2026-11-23.csv.12345.ab12cd34.tmp` (older runs: without the process id)
_TEMP_NAME: Final = re.compile(r"^\..+\.(?:csv|xlsx)\.(?:(?P<pid>\d+)\.)?[0-9a-f]{8}\.tmp$")

_live: set[Path] = set()
_lock = threading.Lock()
_previous: dict[int, Any] = {}


def temp_path(folder: Path, final_name: str) -> Path:
    """A new hidden name in `folder` for a file that will become `final_name`."""
    return folder / f".{final_name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


def create(folder: Path, final_name: str) -> tuple[Path, int] | None:
    """A new temporary file in `folder` for `final_name` (`temp_path`), created alone
    with the normal permissions and registered, so that a signal removes it: its path
    and open descriptor. None when no free name was found."""
    install_signal_cleanup()
    for _ in range(100):
        tmp = temp_path(folder, final_name)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE)
        except FileExistsError:
            continue
        register(tmp)
        return tmp, fd
    return None  # pragma: no cover


def register(path: Path) -> None:
    with _lock:
        _live.add(path)


def release(path: Path) -> None:
    """The file was renamed or removed: nothing left to clean."""
    with _lock:
        _live.discard(path)


def remove_live() -> None:
    """Remove every temporary file this process is writing (a signal arrived)."""
    with _lock:
        paths = list(_live)
        _live.clear()
    for path in paths:
        with suppress(OSError):
            path.unlink()


def _on_signal(signum: int, frame: Any) -> None:
    remove_live()
    previous = _previous.get(signum, signal.SIG_DFL)
    if callable(previous):
        previous(signum, frame)
        return
    if previous == signal.SIG_IGN:
        return
    signal.signal(signum, signal.SIG_DFL)  # end the way the signal would have
    os.kill(os.getpid(), signum)


def install_signal_cleanup() -> None:
    """Remove live temporary files on SIGTERM and SIGHUP (main thread only; once)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        current = signal.getsignal(signum)
        if current is _on_signal:
            continue
        with suppress(ValueError, OSError):
            signal.signal(signum, _on_signal)
            _previous[signum] = current


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(folder: Path, *, now: Callable[[], float] = time.time) -> list[Path]:
    """Remove the temporary files a killed export left in `folder`; returns them."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TEMP_NAME.match(entry.name)
        if m is None or not entry.is_file(follow_symlinks=False):
            continue
        path = Path(entry.path)
        with _lock:
            if path in _live:
                continue
        try:
            age = now() - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        pid = m["pid"]
        gone = pid is None or not _alive(int(pid)) or int(pid) == os.getpid()
        if gone or age > STALE_AFTER_S:
            with suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed
