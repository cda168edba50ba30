"""What the settings say: the `Settings` read from settings.toml (tomllib) and written
back with tomlkit, which keeps the user's comments; one setting typed in the settings
screen. Where the files live is `paths.py`; the settings file is private like the desk's
own files (`store/files.py`: 0600 in a 0700 folder it makes).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samhandlingsdesk import paths
from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.store.files import ensure_private_dir, make_private, new_private_file

SIDES = ("kommune", "helseforetak")
DEFAULT_THEME = "samhandling-mørk"


class SettingsError(Exception):
    """settings.toml cannot be read or has a wrong value (message in Norwegian)."""


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
        return paths.backups_dir(db_path, self.backup_dir)

    def export_path(self) -> Path:
        return paths.export_dir(self.export_dir)

    def import_start_path(self) -> Path:
        return paths.import_start_dir(self.export_dir)


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
    path = path or paths.default_config_path()
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
    path = path or paths.default_config_path()
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
    fd = new_private_file(tmp, replace=True)
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
