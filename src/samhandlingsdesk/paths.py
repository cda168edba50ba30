"""Where the desk's files live: the desk, the settings file, themes, backups, exports and
where the import's file picker starts.

Paths come from platformdirs and are resolved when called, never at import, so tests and
`--db`/`--config` can redirect them (`SAMHANDLINGSDESK_HOME` puts data and config in one
folder). What the settings say is `settings.py`; the permissions of what is written
there, `store/files.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "samhandlingsdesk"
ENV_DB = "SAMHANDLINGSDESK_DB"
ENV_CONFIG = "SAMHANDLINGSDESK_CONFIG"
ENV_HOME = "SAMHANDLINGSDESK_HOME"  # one folder for data + config (tests, portable use)


def _home() -> Path | None:
    value = os.environ.get(ENV_HOME)
    return Path(value) if value else None


def data_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "data"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def documents_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "documents"
    from platformdirs import user_documents_path

    return user_documents_path()


def downloads_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "downloads"
    from platformdirs import user_downloads_path

    return user_downloads_path()


def default_db_path() -> Path:
    env = os.environ.get(ENV_DB)
    return Path(env) if env else data_dir() / "desk.db"


def default_config_path() -> Path:
    env = os.environ.get(ENV_CONFIG)
    return Path(env) if env else config_dir() / "settings.toml"


def user_themes_dir(config_path: Path | None = None) -> Path:
    base = (config_path or default_config_path()).parent
    return base / "themes"


def backups_dir(db_path: Path, backup_dir: str | None = None) -> Path:
    """The backups folder: the one set (`backup_dir`), else `backups` beside the desk."""
    if backup_dir:
        return Path(backup_dir).expanduser()
    return db_path.parent / "backups"


def export_dir(setting: str | None = None) -> Path:
    """Where exports and reports go: the folder set (`export_dir`), else Documents."""
    if setting:
        return Path(setting).expanduser()
    return documents_dir()


def import_start_dir(export_setting: str | None = None) -> Path:
    """Where the import's file picker starts: the export folder (a shared folder) if it
    is set and exists, else Downloads, else the home folder."""
    for folder in (export_dir(export_setting) if export_setting else None, downloads_dir()):
        if folder is not None and folder.is_dir():
            return folder
    return Path.home()


def package_resource(name: str) -> Path:
    """A shipped file or folder (`sample.db`, `themes`), found after `pip install .`
    (inside the package) and `pip install -e .` (the source tree) alike."""
    pkg = Path(__file__).resolve().parent
    for candidate in (pkg / "_shipped" / name, pkg.parent.parent / name):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(name)
