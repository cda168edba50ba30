"""store/files.py: what the desk writes is private, and a mode is only ever narrowed."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from samhandlingsdesk.store.files import ensure_private_dir, make_private, new_private_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def loose_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize(
    ("before", "after"),
    [(0o644, 0o600), (0o666, 0o600), (0o640, 0o600), (0o600, 0o600), (0o400, 0o400)],
)
def test_make_private_narrows_and_never_widens(tmp_path: Path, before: int, after: int) -> None:
    path = tmp_path / "desk.db"
    path.write_bytes(b"")
    path.chmod(before)
    try:
        make_private(path)
        assert _mode(path) == after
    finally:
        path.chmod(0o600)


def test_make_private_leaves_a_missing_file_alone(tmp_path: Path) -> None:
    make_private(tmp_path / "borte.db")
    assert not (tmp_path / "borte.db").exists()


def test_a_new_folder_is_private_and_an_existing_one_keeps_its_mode(tmp_path: Path) -> None:
    made = ensure_private_dir(tmp_path / "a" / "b")
    assert _mode(made) == 0o700
    shared = tmp_path / "delt"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    assert _mode(ensure_private_dir(shared)) == 0o755


def test_a_new_private_file_is_0600_and_never_overwrites_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "kopi.db"
    os.close(new_private_file(path))
    assert _mode(path) == 0o600
    with pytest.raises(FileExistsError):
        new_private_file(path)
    path.write_bytes(b"gammelt")
    os.close(new_private_file(path, replace=True))
    assert path.read_bytes() == b""
