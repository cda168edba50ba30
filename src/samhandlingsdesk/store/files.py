"""The desk's files are readable by the user alone (DOMAIN.md): the folders the desk
makes are 0700, the files it writes 0600 — the desk, its backups, the settings file.

A mode is only ever narrowed: group and other access is taken away, none is added, so a
read-only desk stays read-only. A folder that already exists keeps its permissions (it
may be one the user named, or a shared one). Standard library only: the settings module
uses these too.
"""

from __future__ import annotations

import os
import stat
import sys
from contextlib import suppress
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_POSIX = sys.platform != "win32"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) with the leaf readable by the user alone.

    A folder that already exists keeps its permissions: it may be one the user named
    (`backup --out ~/kopi.db`, `--config`) or a shared folder, and is not ours to lock.
    The files written into it are 0600 either way.
    """
    if path.is_dir():
        return path
    path.mkdir(parents=True, exist_ok=True)
    if _POSIX:
        path.chmod(PRIVATE_DIR)
    return path


def new_private_file(path: Path, *, replace: bool = False) -> int:
    """Open a new file 0600 for writing and return its descriptor; refuses one that
    exists unless `replace` (then it is emptied)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if replace else os.O_EXCL)
    return os.open(path, flags, PRIVATE_FILE)


def make_private(path: Path) -> None:
    """Take group and other access away from `path`, never add any (a missing file, or
    one we may not change, is left as it is)."""
    if not _POSIX:
        return
    with suppress(OSError):
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & ~0o077)
