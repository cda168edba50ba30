"""Paths and settings.

Paths come from platformdirs and are resolved when called, never at import, so tests and
`--db`/`--config` can redirect them. settings.toml is read with tomllib and written with
tomlkit, which keeps the user's comments. The desk's folders are 0700, its files 0600.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samhandlingsdesk.domain.deadlines import Reminders

APP_NAME = "samhandlingsdesk"
ENV_DB = "SAMHANDLINGSDESK_DB"
ENV_CONFIG = "SAMHANDLINGSDESK_CONFIG"
ENV_HOME = "SAMHANDLINGSDESK_HOME"  # one folder for data + config (tests, portable use)
SIDES = ("kommune", "helseforetak")
DEFAULT_THEME = "samhandling-mørk"

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


class SettingsError(Exception):
    """settings.toml cannot be read or has a wrong value (message in Norwegian)."""


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


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) with the leaf readable by the user alone.

    A folder that already exists keeps its permissions: it may be one the user named
    (`backup --out ~/kopi.db`, `--config`) or a shared folder, and is not ours to lock.
    The files written into it are 0600 either way.
    """
    if path.is_dir():
        return path
    path.mkdir(parents=True, exist_ok=True)
    if sys.platform != "win32":
        path.chmod(PRIVATE_DIR)
    return path


def make_private(path: Path) -> None:
    if sys.platform != "win32" and path.exists():
        path.chmod(PRIVATE_FILE)


def package_resource(name: str) -> Path:
    """A shipped file or folder (`sample.db`, `themes`), found after `pip install .`
    (inside the package) and `pip install -e .` (the source tree) alike."""
    pkg = Path(__file__).resolve().parent
    for candidate in (pkg / "_shipped" / name, pkg.parent.parent / name):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(name)


@dataclass
class Settings:
    side: str | None = None  # asked on first start
    theme: str = DEFAULT_THEME
    export_dir: str | None = None
    backup_dir: str | None = None
    backups_kept: int = 10
    open_on_agenda: bool = False  # start on the agenda when something is critical or overdue
    reminders: Reminders = field(default_factory=Reminders)
    keymap: dict[str, str] = field(default_factory=dict)
    # Statistics: show counts below 3 and medians of few cases (internal use only).
    stats_exact: bool = False
    path: Path | None = None
    # Months after closing (or hiding) before a case is purged, per kind ([retention]).
    retention: dict[str, int] = field(default_factory=dict)

    @property
    def is_first_start(self) -> bool:
        return self.side not in SIDES

    def backups_path(self, db_path: Path) -> Path:
        if self.backup_dir:
            return Path(self.backup_dir).expanduser()
        return db_path.parent / "backups"

    def export_path(self) -> Path:
        if self.export_dir:
            return Path(self.export_dir).expanduser()
        return documents_dir()

    def import_start_path(self) -> Path:
        """Where the import's file picker starts: the export folder (a shared folder) if
        it is set and exists, else Downloads, else the home folder."""
        for folder in (self.export_path() if self.export_dir else None, downloads_dir()):
            if folder is not None and folder.is_dir():
                return folder
        return Path.home()


def _int(data: Mapping[str, Any], key: str, default: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SettingsError(f"settings.toml: «{key}» må være et helt tall (0 eller mer).")
    return value


def _check_texts(values: Mapping[str, Any], where: str = "") -> None:
    """Every text in the settings within DOMAIN.md «Limits» (no control characters)."""
    from samhandlingsdesk.domain.limits import text_problem

    for key, value in values.items():
        if isinstance(value, Mapping):
            _check_texts(value, f"{where}{key}.")
        elif isinstance(value, str) and (found := text_problem(value, "line")) is not None:
            raise SettingsError(f"settings.toml: «{where}{key}»: {found[1]}")


def _bool(data: Mapping[str, Any], key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise SettingsError(f"settings.toml: «{key}» må være true eller false.")
    return value


def load_settings(path: Path | None = None) -> Settings:
    """Read settings.toml; a missing file gives the defaults."""
    path = path or default_config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"Kan ikke lese innstillingene i {path}: {exc}") from None
    _check_texts(data)
    side = data.get("side")
    if side is not None and side not in SIDES:
        raise SettingsError(
            f"settings.toml: «side» må være «kommune» eller «helseforetak», ikke «{side}»."
        )
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
        raise SettingsError('settings.toml: [keymap] må ha formen  binding-id = "tast".')
    try:
        reminders = Reminders.from_mapping(data.get("reminders", {}))
    except ValueError as exc:
        raise SettingsError(f"settings.toml: {exc}") from None
    from samhandlingsdesk.domain.retention import parse_months

    retention_data = data.get("retention", {})
    if not isinstance(retention_data, dict):
        raise SettingsError("settings.toml: [retention] må ha formen  sakstype = måneder.")
    try:
        retention = parse_months(retention_data)
    except ValueError as exc:
        raise SettingsError(f"settings.toml: {exc}") from None
    return Settings(
        retention=retention,
        side=side,
        theme=str(data.get("theme", DEFAULT_THEME)),
        export_dir=data.get("export_dir"),
        backup_dir=data.get("backup_dir"),
        backups_kept=_int(data, "backups_kept", 10),
        open_on_agenda=_bool(data, "open_on_agenda", False),
        reminders=reminders,
        keymap=dict(keymap),
        stats_exact=_bool(data, "stats_exact", False),
        path=path,
    )


SETTINGS_HEADER = """\
# samhandlingsdesk — innstillinger. Kommentarer du skriver her blir stående.
# side = "kommune" | "helseforetak"; theme = navnet på et tema; [reminders] i arbeidsdager.
"""


def save_settings(updates: Mapping[str, Any], path: Path | None = None) -> Path:
    """Write `updates` into settings.toml, keeping everything else and the comments.

    Nested tables are given as dicts (`{"keymap": {"new-case": "ctrl+n"}}`) and merged.
    """
    import tomlkit

    _check_texts(updates)
    path = path or default_config_path()
    ensure_private_dir(path.parent)
    text = path.read_text(encoding="utf-8") if path.exists() else SETTINGS_HEADER
    doc = tomlkit.parse(text)
    for key, value in updates.items():
        if isinstance(value, Mapping):
            table = doc.get(key)
            if table is None:
                table = tomlkit.table()
                doc[key] = table
            for k, v in value.items():
                table[k] = v
        elif value is None:
            doc.pop(key, None)
        else:
            doc[key] = value
    tmp = path.with_suffix(".toml.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(tomlkit.dumps(doc))
    os.replace(tmp, path)
    make_private(path)
    return path


# --- one setting typed in the settings screen -----------------------------------------------

YES = ("ja", "j", "yes", "true", "1")
NO = ("nei", "n", "no", "false", "0")


def parse_setting(name: str, text: str, themes: Sequence[str] = ()) -> Any:
    """The value of setting `name` typed as `text`; ValueError with a Norwegian message
    (from the text catalogue) when it is not valid. Reminder lengths by their names in
    `Reminders`, retention lengths as `retention_<kind>`."""
    from samhandlingsdesk.domain.text import agenda as txt

    text = text.strip()
    if name in Reminders.__dataclass_fields__:
        if not text.isdigit():
            raise ValueError(txt.SETTING_WHOLE)
        return int(text)
    if name == "backups_kept":
        if not text.isdigit() or int(text) < 1:
            raise ValueError(txt.SETTING_BACKUPS)
        return int(text)
    if name == "side":
        if text.lower() not in SIDES:
            raise ValueError(txt.SETTING_SIDE)
        return text.lower()
    if name in ("open_on_agenda", "stats_exact"):
        if text.lower() in YES:
            return True
        if text.lower() in NO:
            return False
        raise ValueError(txt.SETTING_YES_NO)
    if name == "theme":
        if themes and text not in themes:
            raise ValueError(txt.SETTING_THEME.format(themes=", ".join(sorted(themes))))
        return text
    if name == "export_dir":
        if not text:
            return None
        if not Path(text).expanduser().is_dir():
            raise ValueError(txt.SETTING_FOLDER.format(path=text))
        return text
    if name == "backup_dir":
        return _backup_dir(text)
    if name.startswith(RETENTION_PREFIX):
        from samhandlingsdesk.domain.retention import parse_months

        kind = name.removeprefix(RETENTION_PREFIX)
        if not text.isdigit():
            raise ValueError(txt.SETTING_MONTHS)
        try:
            return parse_months({kind: int(text)})[kind]
        except ValueError:
            raise ValueError(txt.SETTING_MONTHS) from None
    raise KeyError(name)


RETENTION_PREFIX = "retention_"  # a retention length in the settings screen: retention_<kind>


def _backup_dir(text: str) -> str | None:
    """The backups folder as typed: empty (the default), or a folder that exists or can
    be created (its nearest existing parent is a folder the user may write in)."""
    from samhandlingsdesk.domain.limits import text_problem
    from samhandlingsdesk.domain.text import agenda as txt

    if not text:
        return None
    if (found := text_problem(text, "line")) is not None:
        raise ValueError(found[1])
    try:
        folder = Path(text).expanduser()
        if folder.exists():
            if not folder.is_dir():
                raise ValueError(txt.SETTING_NOT_FOLDER.format(path=text))
            return text
        parent = folder.absolute().parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        creatable = parent.is_dir() and os.access(parent, os.W_OK | os.X_OK)
    except (OSError, RuntimeError):  # a name too long, `~nobody` unknown
        creatable = False
    if not creatable:
        raise ValueError(txt.SETTING_FOLDER_CANNOT_CREATE.format(path=text))
    return text
