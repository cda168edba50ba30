"""Colour themes from TOML files: the shipped ones and the user's own.

A theme file has the keys of Textual's `Theme` (name, primary, secondary, accent, warning,
error, success, foreground, background, surface, panel, dark) and a `[variables]` table
for the desk's own colours (status and due badges). A file that cannot be used is
reported (file name and problem) and skipped; the app then falls back to the default.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from samhandlingsdesk.domain.text import screens as words
from samhandlingsdesk.paths import package_resource
from samhandlingsdesk.settings import DEFAULT_THEME

# The desk's own theme variables with their defaults (used when a theme lacks one).
VARIABLE_DEFAULTS: dict[str, str] = {
    "due-overdue": "#FF7B6B",
    "due-today": "#FFB454",
    "due-soon": "#E5D27A",
    "due-snoozed": "#8FA3B8",
    "due-flag": "#D7A3FF",
    "move-ours": "#7CC4FF",
    "move-theirs": "#A0A8B0",
    "move-done": "#6E7781",
    "match-highlight": "#FFD866",
}
COLOUR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
    "foreground",
    "background",
    "surface",
    "panel",
)
ALLOWED_KEYS = {"name", "dark", "variables", *COLOUR_KEYS}


@dataclass(frozen=True, slots=True)
class ThemeProblem:
    path: Path
    message: str

    def __str__(self) -> str:
        return words.THEME_UNUSABLE.format(file=self.path.name, message=self.message)


def _colour(value: object, key: str) -> str:
    if not isinstance(value, str):
        raise ValueError(words.THEME_COLOUR_UNQUOTED.format(key=key))
    try:
        Color.parse(value)
    except ColorParseError:
        raise ValueError(words.THEME_NOT_A_COLOUR.format(key=key, value=value)) from None
    return value


def theme_from_toml(path: Path) -> Theme:
    """One theme from a file; ValueError (Norwegian) when it cannot be used."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(words.THEME_BAD_TOML.format(error=exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(words.THEME_UNREADABLE.format(error=exc)) from None
    unknown = sorted(set(data) - ALLOWED_KEYS)
    if unknown:
        raise ValueError(words.THEME_UNKNOWN_KEYS.format(keys=", ".join(unknown)))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(words.THEME_MISSING.format(key="name"))
    if "primary" not in data:
        raise ValueError(words.THEME_MISSING.format(key="primary"))
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ValueError(words.THEME_DARK_NOT_BOOL)
    colours = {k: _colour(data[k], k) for k in COLOUR_KEYS if k in data}
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ValueError(words.THEME_VARIABLES_NOT_TABLE)
    checked = {str(k): _colour(v, f"variables.{k}") for k, v in variables.items()}
    return Theme(name=name.strip(), dark=dark, variables=checked, **colours)


def load_themes(user_dir: Path | None) -> tuple[list[Theme], list[ThemeProblem]]:
    """The shipped themes, then the user's (a user theme may replace a shipped one)."""
    themes: dict[str, Theme] = {}
    problems: list[ThemeProblem] = []
    folders = [package_resource("themes")]
    if user_dir is not None and user_dir.is_dir():
        folders.append(user_dir)
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = theme_from_toml(path)
            except ValueError as exc:
                problems.append(ThemeProblem(path, str(exc)))
                continue
            themes[theme.name] = theme
    return list(themes.values()), problems


def default_theme_name(available: set[str]) -> str:
    return DEFAULT_THEME if DEFAULT_THEME in available else "textual-dark"
