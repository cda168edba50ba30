"""settings.py: the files and folders the desk writes are private; a folder the user
named keeps its permissions."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from samhandlingsdesk.cli import main
from samhandlingsdesk.settings import load_settings, save_settings
from samhandlingsdesk.store.db import create_desk

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def loose_umask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SAMHANDLINGSDESK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SAMHANDLINGSDESK_DB", raising=False)
    monkeypatch.delenv("SAMHANDLINGSDESK_CONFIG", raising=False)
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_settings_file_and_its_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    save_settings({"side": "kommune"}, path)
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700
    assert not path.with_suffix(".toml.tmp").exists()
    save_settings({"theme": "samhandling-lys"}, path)  # rewritten: still private
    assert _mode(path) == 0o600
    assert load_settings(path).side == "kommune"


def test_settings_in_a_folder_the_user_named_leave_the_folder_alone(tmp_path: Path) -> None:
    shared = tmp_path / "mine"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    path = shared / "settings.toml"
    save_settings({"side": "helseforetak"}, path)
    assert _mode(path) == 0o600
    assert _mode(shared) == 0o755


def test_backup_out_into_an_existing_folder_leaves_the_folder_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`backup --out ~/kopi.db` must not make the home folder (or a shared one) 0700."""
    desk = tmp_path / "data" / "desk.db"
    create_desk(desk).close()
    folder = tmp_path / "felles"
    folder.mkdir()
    folder.chmod(0o755)
    assert main(["backup", "--db", str(desk), "--out", str(folder / "kopi.db")]) == 0
    assert _mode(folder / "kopi.db") == 0o600
    assert _mode(folder) == 0o755
    # A folder the backup creates is the desk's own: private.
    assert main(["backup", "--db", str(desk), "--out", str(tmp_path / "ny" / "kopi.db")]) == 0
    assert _mode(tmp_path / "ny") == 0o700
    assert _mode(tmp_path / "ny" / "kopi.db") == 0o600
    capsys.readouterr()


def test_the_backup_folder_and_retention_as_typed_in_the_settings_screen(
    tmp_path: Path,
) -> None:
    from samhandlingsdesk.settings import parse_setting

    assert parse_setting("backup_dir", "  ") is None  # empty: backups/ beside the desk
    assert parse_setting("backup_dir", str(tmp_path)) == str(tmp_path)
    assert parse_setting("backup_dir", str(tmp_path / "ny" / "mappe")) == str(
        tmp_path / "ny" / "mappe"
    )
    for bad in (f"{tmp_path}/a\x1bb", "~ingen-slik-bruker-xyz/kopier"):
        with pytest.raises(ValueError):
            parse_setting("backup_dir", bad)
    assert parse_setting("retention_lis3", "36") == 36
    for bad in ("0", "-1", "12.5", "", "mange"):
        with pytest.raises(ValueError, match="måneder"):
            parse_setting("retention_lis3", bad)
    with pytest.raises(ValueError):
        parse_setting("retention_ukjent", "12")


def test_where_files_live_follows_the_settings(tmp_path: Path) -> None:
    from samhandlingsdesk import paths
    from samhandlingsdesk.settings import Settings

    desk = tmp_path / "data" / "desk.db"
    assert Settings().backups_path(desk) == tmp_path / "data" / "backups"
    assert Settings(backup_dir=str(tmp_path / "b")).backups_path(desk) == tmp_path / "b"
    assert Settings().export_path() == paths.documents_dir() == tmp_path / "home" / "documents"
    assert Settings().import_start_path() == Path.home()  # no Downloads folder yet
    paths.downloads_dir().mkdir(parents=True)
    assert Settings().import_start_path() == paths.downloads_dir()
    shared = tmp_path / "delt"
    shared.mkdir()
    assert Settings(export_dir=str(shared)).import_start_path() == shared
    assert paths.default_db_path() == tmp_path / "home" / "data" / "desk.db"
    assert paths.default_config_path() == tmp_path / "home" / "config" / "settings.toml"
