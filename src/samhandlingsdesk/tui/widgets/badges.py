"""Badges and status colours, taken from the active theme's variables (never hex here)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import App

BADGE_VARIABLES = {
    "critical": "due-overdue",
    "followup": "due-today",
    "overdue": "due-overdue",
    "today": "due-today",
    "soon": "due-soon",
    "snoozed": "due-snoozed",
    "flag": "due-flag",
}
MOVE_VARIABLES = {"ours": "move-ours", "theirs": "move-theirs", "done": "move-done"}


def theme_colour(app: App[object], variable: str) -> str | None:
    """The colour of a theme variable (with the app's defaults for missing ones)."""
    cache = getattr(app, "_badge_colour_cache", None)
    if cache is None or cache[0] != app.theme:
        cache = (app.theme, app.get_css_variables())
        app._badge_colour_cache = cache  # type: ignore[attr-defined]
    return cache[1].get(variable)


def badge_text(app: App[object], badge: str, label: str) -> Text:
    if not badge:
        return Text("")
    colour = theme_colour(app, BADGE_VARIABLES[badge])
    style = Style(color=colour, bold=badge in ("critical", "overdue", "today"))
    if badge == "critical":
        style += Style(reverse=True)  # the weight shows without colour too
    return Text(label, style=style)


def move_style(app: App[object], move: str) -> Style:
    colour = theme_colour(app, MOVE_VARIABLES.get(move, "move-theirs"))
    return Style(color=colour, bold=move == "ours")
